from django.urls import path

from openeip.web.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("template.xlsx", views.template_download, name="template"),
    path("jobs/<uuid:pk>/", views.job_detail, name="job"),
    path("jobs/<uuid:pk>/status/", views.job_status, name="job-status"),
    path("jobs/<uuid:pk>/accept-fuels/", views.accept_suggested_fuels,
         name="job-accept-fuels"),
]
