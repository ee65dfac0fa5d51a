"""Routes of the shared services pages (namespace "services")."""

from django.urls import path

from openeip.web.services.views import allocations, assets, joint, metering, tenants

app_name = "services"
urlpatterns = [
    path("parks/<slug:slug>/services/", assets.park_services, name="park"),
    path("parks/<slug:slug>/services/assets/new/", assets.asset_new, name="asset-new"),
    path("parks/<slug:slug>/services/joint/new/", joint.joint_new, name="joint-new"),
    path("services/assets/<int:pk>/", assets.asset_detail, name="asset"),
    path("services/assets/<int:pk>/utilisation/", assets.utilisation_add,
         name="utilisation-add"),
    path("services/assets/<int:pk>/utilisation/from-meters/", metering.utilisation_from_meter,
         name="utilisation-from-meters"),
    path("services/connections/<int:pk>/meter/", metering.connection_meter,
         name="connection-meter"),
    path("services/assets/<int:pk>/allocate/", allocations.asset_allocate, name="allocate"),
    path("services/allocations/<int:pk>/", allocations.allocation_detail, name="allocation"),
    path("services/allocations/<int:pk>/companies/<int:company>/", allocations.tenant_report,
         name="tenant-report"),
    path("services/allocations/<int:pk>/companies/<int:company>/coalitions.csv",
         allocations.tenant_csv, name="tenant-csv"),
    path("companies/<int:pk>/services/", tenants.company_services, name="company"),
    path("companies/<int:pk>/services/requests/new/", tenants.request_new, name="request-new"),
    path("services/requests/<int:pk>/", tenants.request_detail, name="request"),
    path("services/requests/<int:pk>/status/", tenants.request_status, name="request-status"),
    path("services/joint/<int:pk>/", joint.joint_detail, name="joint"),
    path("services/joint/<int:pk>/needs/", joint.joint_pledge, name="joint-pledge"),
    path("services/joint/<int:pk>/status/", joint.joint_status, name="joint-status"),
]
