"""Community routes of the REST API, mounted under /api/ (names: api:grievance-…,
api:dialogue-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.community.api import views

router = SimpleRouter()
router.register("grievances", views.GrievanceViewSet, basename="grievance")
router.register("dialogues", views.MeetingViewSet, basename="dialogue")

urlpatterns = router.urls
