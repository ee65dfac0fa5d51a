"""EIP certification dossier and annual report of a park (managers and admin), mounted by
``web/urls.py`` in the "reports" namespace."""

from django.urls import path

from openeip.web.eip.reports import views

urlpatterns = [
    path("parks/<slug:slug>/eip/<str:edition>/dossier.pdf", views.dossier,
         {"fmt": "pdf"}, name="eip-dossier-pdf"),
    path("parks/<slug:slug>/eip/<str:edition>/dossier.xlsx", views.dossier,
         {"fmt": "xlsx"}, name="eip-dossier-xlsx"),
    path("parks/<slug:slug>/eip/annual-report.pdf", views.annual_report,
         {"fmt": "pdf"}, name="eip-annual-pdf"),
    path("parks/<slug:slug>/eip/annual-report.xlsx", views.annual_report,
         {"fmt": "xlsx"}, name="eip-annual-xlsx"),
]
