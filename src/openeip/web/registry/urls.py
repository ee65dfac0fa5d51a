from django.urls import path

from openeip.web.registry import views

app_name = "registry"
urlpatterns = [
    path("parks/", views.park_list, name="parks"),
    path("parks/<slug:slug>/", views.park_dashboard, name="park"),
    path("companies/", views.company_list, name="companies"),
    path("companies/<int:pk>/", views.company_detail, name="company"),
    path("companies/<int:pk>/audit/", views.company_audit, name="company-audit"),
]
