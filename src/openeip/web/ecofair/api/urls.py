"""Eco-Fair routes of the REST API, mounted under /api/ (names: ecofair_api:…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.ecofair.api import views

app_name = "ecofair_api"
router = SimpleRouter()
router.register("ecofair/products", views.ProductViewSet, basename="product")
router.register("ecofair/requests", views.BuyerRequestViewSet, basename="request")
urlpatterns = router.urls
