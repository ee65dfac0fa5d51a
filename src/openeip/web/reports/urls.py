from django.urls import path

from openeip.web.reports import views

app_name = "reports"
urlpatterns = [
    path("companies/<int:pk>/recp/report.pdf", views.company_recp_report,
         name="company-recp"),
]
