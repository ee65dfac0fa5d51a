"""The registry's part of the REST API (token, me, parks, companies, periods, products, flows,
factor values); ``web/urls.py`` mounts it with every other app's under /api/."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from openeip.web.registry.api import views
from openeip.web.registry.api.tokens import obtain_token

router = DefaultRouter()
router.register("parks", views.ParkViewSet, basename="park")
router.register("companies", views.CompanyViewSet, basename="company")
router.register("periods", views.PeriodViewSet, basename="period")
router.register("products", views.ProductViewSet, basename="product")
router.register("flows", views.FlowViewSet, basename="flow")
router.register("factor-values", views.SeriesValueViewSet, basename="series-value")

urlpatterns = [
    path("token/", obtain_token, name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
]
