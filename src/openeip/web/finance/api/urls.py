"""Finance routes of the REST API, mounted under /api/finance/ by web/urls.py (names:
api:finance-…)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openeip.web.finance.api import views

router = SimpleRouter()
router.register("finance/projects", views.ProjectViewSet, basename="finance-project")

urlpatterns = [
    path("finance/lines/", views.LineListView.as_view(), name="finance-line-list"),
    path("finance/lines/<slug:line_id>/", views.LineDetailView.as_view(),
         name="finance-line-detail"),
    path("finance/parks/<slug:slug>/summary/", views.ParkSummaryView.as_view(),
         name="finance-park-summary"),
    *router.urls,
]
