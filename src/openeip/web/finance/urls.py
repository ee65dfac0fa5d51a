"""Routes of the finance pages (namespace "finance")."""

from django.urls import path

from openeip.web.finance.views import home, lines, projects

app_name = "finance"
urlpatterns = [
    path("finance/", home.home, name="home"),
    path("finance/lines/", lines.lines, name="lines"),
    path("finance/lines/import/", lines.line_import, name="line-import"),
    path("finance/lines/<slug:line_id>/", lines.line_detail, name="line"),
    path("finance/lines/<slug:line_id>/line.yaml", lines.line_yaml, name="line-yaml"),
    path("finance/lines/<slug:line_id>/line.xlsx", lines.line_xlsx, name="line-xlsx"),
    path("finance/projects/<int:pk>/", projects.project_detail, name="project"),
    path("finance/projects/<int:pk>/edit/", projects.project_edit, name="project-edit"),
    path("finance/projects/<int:pk>/stage/", projects.project_stage, name="project-stage"),
    path("finance/projects/<int:pk>/share/", projects.project_share, name="project-share"),
    path("finance/projects/<int:pk>/evidence/", projects.project_evidence,
         name="project-evidence"),
    path("finance/projects/<int:pk>/evidence/<int:evidence>/", projects.evidence_file,
         name="evidence-file"),
    path("finance/projects/<int:pk>/dossier.pdf", projects.dossier_pdf_view,
         name="dossier-pdf"),
    path("finance/projects/<int:pk>/dossier.xlsx", projects.dossier_xlsx_view,
         name="dossier-xlsx"),
    path("finance/shared/<uuid:token>/", projects.shared_link, name="shared"),
    path("companies/<int:pk>/finance/", projects.company_projects, name="company"),
    path("companies/<int:pk>/finance/new/", projects.project_new, name="project-new"),
    path("parks/<slug:slug>/finance/", home.park_dashboard, name="park"),
]
