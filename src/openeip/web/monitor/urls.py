"""Routes of the monitor pages (namespace "monitor")."""

from django.urls import path

from openeip.web.monitor.views import pages, wiring

app_name = "monitor"
urlpatterns = [
    path("parks/<slug:slug>/monitor/", pages.park_meters, name="park"),
    path("companies/<int:pk>/monitor/", pages.company_meters, name="company"),
    path("monitor/meters/<int:pk>/", pages.meter_detail, name="meter"),
    path("monitor/meters/<int:pk>/baseline/", pages.meter_baseline, name="meter-baseline"),
    path("monitor/meters/<int:pk>/adjustments/", pages.meter_adjustment,
         name="meter-adjustment"),
    path("monitor/meters/<int:pk>/targets/", pages.meter_target, name="meter-target"),
    path("monitor/upload/", pages.upload, name="upload"),
    path("monitor/meters/<int:pk>/exchanges/", wiring.meter_exchange, name="meter-exchange"),
    path("monitor/exchange-meters/<int:pk>/record/", wiring.exchange_record,
         name="exchange-record"),
]
