"""Routes of the symbiosis pages (namespace "symbiosis")."""

from django.urls import path

from openeip.web.symbiosis.views import company, corrections, home, network, opportunity, park

app_name = "symbiosis"
urlpatterns = [
    path("symbiosis/", home.symbiosis_home, name="home"),
    path("parks/<slug:slug>/symbiosis/", park.park_symbiosis, name="park"),
    path("parks/<slug:slug>/symbiosis/refresh/", park.park_refresh, name="park-refresh"),
    path("parks/<slug:slug>/symbiosis/network/", network.park_network, name="park-network"),
    path("parks/<slug:slug>/symbiosis/map/", network.park_map_page, name="park-map"),
    path("parks/<slug:slug>/symbiosis/map.geojson", network.park_map_geojson,
         name="park-map-geojson"),
    path("companies/<int:pk>/symbiosis/", company.company_symbiosis, name="company"),
    path("companies/<int:pk>/symbiosis/streams/refresh/", company.company_streams_refresh,
         name="company-streams-refresh"),
    path("companies/<int:pk>/symbiosis/streams/<int:stream>/class/", company.stream_class,
         name="stream-class"),
    path("symbiosis/corrections/", corrections.corrections, name="corrections"),
    path("symbiosis/corrections/<int:pk>/promote/", corrections.correction_promote,
         name="correction-promote"),
    path("symbiosis/opportunities/<int:pk>/", opportunity.opportunity_detail,
         name="opportunity"),
    path("symbiosis/opportunities/<int:pk>/status/", opportunity.opportunity_status,
         name="opportunity-status"),
    path("symbiosis/opportunities/<int:pk>/reveal/", opportunity.opportunity_reveal,
         name="opportunity-reveal"),
    path("symbiosis/opportunities/<int:pk>/records/", opportunity.opportunity_record,
         name="opportunity-record"),
]
