from django.urls import path

from openeip.web.reports import eip_views, job_views, views

app_name = "reports"
urlpatterns = [
    # a report asked for by one of the links below: progress, then the download
    path("reports/jobs/<uuid:pk>/", job_views.job_detail, name="job"),
    path("reports/jobs/<uuid:pk>/status/", job_views.job_status, name="job-status"),
    path("reports/jobs/<uuid:pk>/file", job_views.job_file, name="job-file"),
    path("companies/<int:pk>/recp/report.pdf", views.company_recp_report,
         name="company-recp"),
    # EIP certification dossier and annual report of a park (eip_views; managers and admin)
    path("parks/<slug:slug>/eip/<str:edition>/dossier.pdf", eip_views.dossier,
         {"fmt": "pdf"}, name="eip-dossier-pdf"),
    path("parks/<slug:slug>/eip/<str:edition>/dossier.xlsx", eip_views.dossier,
         {"fmt": "xlsx"}, name="eip-dossier-xlsx"),
    path("parks/<slug:slug>/eip/annual-report.pdf", eip_views.annual_report,
         {"fmt": "pdf"}, name="eip-annual-pdf"),
    path("parks/<slug:slug>/eip/annual-report.xlsx", eip_views.annual_report,
         {"fmt": "xlsx"}, name="eip-annual-xlsx"),
]
