from django.urls import path

from openeip.web.intake.views import imports

app_name = "intake"
urlpatterns = [
    path("", imports.upload, name="upload"),
    path("template.xlsx", imports.template_download, name="template"),
    path("jobs/<uuid:pk>/", imports.job_detail, name="job"),
    path("jobs/<uuid:pk>/status/", imports.job_status, name="job-status"),
    path("jobs/<uuid:pk>/accept-fuels/", imports.accept_suggested_fuels,
         name="job-accept-fuels"),
]
