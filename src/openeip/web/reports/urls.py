"""The report jobs' pages. The report links themselves belong to the apps that own the reports
(``recp/reports/urls.py``, ``eip/reports/urls.py``); ``web/urls.py`` mounts all of them under
the one namespace "reports"."""

from django.urls import path

from openeip.web.reports.views import jobs as job_views

app_name = "reports"
urlpatterns = [
    # a report asked for by one of the apps' links: progress, then the download
    path("reports/jobs/<uuid:pk>/", job_views.job_detail, name="job"),
    path("reports/jobs/<uuid:pk>/status/", job_views.job_status, name="job-status"),
    path("reports/jobs/<uuid:pk>/file", job_views.job_file, name="job-file"),
]
