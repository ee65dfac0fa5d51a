"""Routes of the RECP pages, under a company: /companies/<pk>/recp/… (namespace "recp")."""

from django.urls import path

from openeip.web.recp.views import assessments, dashboard, losses, options

app_name = "recp"
urlpatterns = [
    path("companies/<int:pk>/recp/", dashboard.company_dashboard, name="dashboard"),
    path("companies/<int:pk>/recp/losses/", losses.company_losses, name="losses"),
    path("companies/<int:pk>/recp/assessments/", assessments.assessment_list,
         name="assessments"),
    path("companies/<int:pk>/recp/assessments/<int:assessment>/", assessments.assessment_detail,
         name="assessment"),
    path("companies/<int:pk>/recp/assessments/<int:assessment>/options/new/",
         options.option_new, name="option-new"),
    path("companies/<int:pk>/recp/assessments/<int:assessment>/options/<int:option>/",
         options.option_edit, name="option"),
    path("companies/<int:pk>/recp/assessments/<int:assessment>/options/<int:option>/status/",
         options.option_status, name="option-status"),
    path("companies/<int:pk>/recp/assessments/<int:assessment>/options/<int:option>/verify/",
         options.option_verify, name="option-verify"),
]
