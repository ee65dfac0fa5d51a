"""EIP routes of the REST API, mounted under /api/eip/ (names: api:eip-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.eip.api import views

router = SimpleRouter()
router.register("eip/editions", views.EditionViewSet, basename="eip-edition")
router.register("eip/evidence", views.EvidenceViewSet, basename="eip-evidence")
router.register("eip/assessments", views.AssessmentViewSet, basename="eip-assessment")
router.register("eip/actions", views.ActionViewSet, basename="eip-action")

urlpatterns = router.urls
