"""Symbiosis routes of the REST API, mounted under /api/symbiosis/ (names: api:symbiosis-…)."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from openeip.web.symbiosis.api import views

router = SimpleRouter()
router.register("symbiosis/streams", views.StreamViewSet, basename="symbiosis-stream")
router.register("symbiosis/opportunities", views.OpportunityViewSet,
                basename="symbiosis-opportunity")

urlpatterns = [
    path("symbiosis/classes/", views.ClassListView.as_view(), name="symbiosis-classes"),
    path("symbiosis/parks/<slug:slug>/summary/", views.ParkSummaryView.as_view(),
         name="symbiosis-park-summary"),
    path("symbiosis/parks/<slug:slug>/network/", views.ParkNetworkView.as_view(),
         name="symbiosis-park-network"),
    path("symbiosis/parks/<slug:slug>/refresh/", views.ParkRefreshView.as_view(),
         name="symbiosis-park-refresh"),
    path("symbiosis/companies/<int:pk>/streams/refresh/",
         views.CompanyStreamsRefreshView.as_view(), name="symbiosis-company-streams-refresh"),
    *router.urls,
]
