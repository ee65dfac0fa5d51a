"""Routes of the EIP pages (namespace "eip"): editions under /eip/, a park's under
/parks/<slug>/eip/<edition>/…"""

from django.urls import path

from openeip.web.eip.views import editions, enterprises, evidence, overview, plan, sources

app_name = "eip"
PARK = "parks/<slug:slug>/eip/"
EDITION = PARK + "<str:edition>/"
urlpatterns = [
    path("eip/", editions.index, name="index"),
    path("eip/editions/import/", editions.edition_import, name="edition-import"),
    path("eip/editions/<str:edition>/", editions.edition_detail, name="edition"),
    path("eip/editions/<str:edition>/edition.yaml", editions.edition_download, {"fmt": "yaml"},
         name="edition-yaml"),
    path("eip/editions/<str:edition>/edition.xlsx", editions.edition_download, {"fmt": "xlsx"},
         name="edition-xlsx"),
    path(PARK, overview.park_editions, name="park"),
    path(PARK + "evidence/<int:pk>/file/", evidence.evidence_file, name="evidence-file"),
    path(PARK + "enterprises/", enterprises.enterprises, name="enterprises"),
    path(PARK + "sources/", sources.sources, name="sources"),
    path(EDITION, overview.overview, name="overview"),
    path(EDITION + "assess/", overview.run_assessment, name="assess"),
    path(EDITION + "criteria/", overview.criteria, name="criteria"),
    path(EDITION + "gaps/", overview.gaps, name="gaps"),
    path(EDITION + "history/", overview.history, name="history"),
    path(EDITION + "evidence/", evidence.evidence, name="evidence"),
    path(EDITION + "actions/", plan.actions, name="actions"),
    path(EDITION + "actions/refresh/", plan.refresh_actions, name="actions-refresh"),
    path(EDITION + "actions/<int:pk>/", plan.update_action, name="action"),
    path(EDITION + "roadmap/", plan.roadmap, name="roadmap"),
    path(EDITION + "profile/", plan.save_profile, name="profile"),
]
