"""Finance routes of the REST API, mounted at /api/finance/ by web/urls.py
(namespace "finance-api")."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openeip.web.finance.api import views

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")

app_name = "finance-api"
urlpatterns = [
    path("lines/", views.LineListView.as_view(), name="line-list"),
    path("lines/<slug:line_id>/", views.LineDetailView.as_view(), name="line-detail"),
    path("parks/<slug:slug>/summary/", views.ParkSummaryView.as_view(), name="park-summary"),
    *router.urls,
]
