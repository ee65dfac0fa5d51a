"""Monitor routes of the REST API, mounted under /api/monitor/ (names: api:monitor-…)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openeip.web.monitor.api import views

router = SimpleRouter()
router.register("monitor/meters", views.MeterViewSet, basename="monitor-meter")
router.register("monitor/baselines", views.BaselineViewSet, basename="monitor-baseline")

urlpatterns = [
    path("monitor/push/", views.PushView.as_view(), name="monitor-push"),
    *router.urls,
]
