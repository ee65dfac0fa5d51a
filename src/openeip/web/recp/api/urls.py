"""RECP routes of the REST API, mounted under /api/recp/ (names: api:recp-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.recp.api import views

router = SimpleRouter()
router.register("recp/assessments", views.AssessmentViewSet, basename="recp-assessment")

urlpatterns = [*router.urls]
