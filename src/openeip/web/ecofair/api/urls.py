"""Eco-Fair routes of the REST API, mounted under /api/ (names: api:ecofair-…)."""

from rest_framework.routers import SimpleRouter

from openeip.web.ecofair.api import views

router = SimpleRouter()
router.register("ecofair/products", views.ProductViewSet, basename="ecofair-product")
router.register("ecofair/requests", views.BuyerRequestViewSet, basename="ecofair-request")
urlpatterns = router.urls
