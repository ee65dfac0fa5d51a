"""The REST API, mounted at /api/. Schema at /api/schema/, browsable docs at /api/docs/."""

from django.urls import include, path
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

app_name = "api"
urlpatterns = [
    path("token/", obtain_token, name="token"),
    path("me/", views.MeView.as_view(), name="me"),
    *router.urls,
    path("", include("openeip.web.intake.api")),  # import/ and import/<id>/ (intake app)
    path("", include("openeip.web.recp.api.urls")),  # recp/… (recp app)
    path("", include("openeip.web.symbiosis.api.urls")),  # symbiosis/… (symbiosis app)
    path("", include("openeip.web.eip.api.urls")),  # eip/… (eip app)
    path("", include("openeip.web.community.api.urls")),  # grievances/, dialogues/ (community)
    path("", include("openeip.web.training.api.urls")),  # training/… (training app)
]
