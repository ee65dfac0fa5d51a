"""Shared services routes of the REST API, mounted under /api/ (names: services_api:…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.services.api import views

app_name = "services_api"
router = SimpleRouter()
router.register("services/assets", views.SharedAssetViewSet, basename="asset")
urlpatterns = router.urls
