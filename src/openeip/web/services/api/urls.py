"""Shared services routes of the REST API, mounted under /api/ (names: api:services-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.services.api import views

router = SimpleRouter()
router.register("services/assets", views.SharedAssetViewSet, basename="services-asset")
urlpatterns = router.urls
