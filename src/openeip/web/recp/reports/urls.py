"""The RECP report link, mounted by ``web/urls.py`` in the "reports" namespace."""

from django.urls import path

from openeip.web.recp.reports import views

urlpatterns = [
    path("companies/<int:pk>/recp/report.pdf", views.company_recp_report,
         name="company-recp"),
]
