from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from openeip.web.eip.reports import urls as eip_reports
from openeip.web.recp.reports import urls as recp_reports
from openeip.web.registry import two_factor
from openeip.web.registry.views import home
from openeip.web.reports import urls as report_jobs

#: The REST API under /api/ (namespace "api"): each app's ``api/urls.py``, mounted here and
#: nowhere else. Schema at /api/schema/, browsable docs at /api/docs/.
API = ([
    path("", include("openeip.web.registry.api.urls")),
    path("", include("openeip.web.intake.api.urls")),  # import/ and import/<id>/
    path("", include("openeip.web.recp.api.urls")),  # recp/…
    path("", include("openeip.web.symbiosis.api.urls")),  # symbiosis/…
    path("", include("openeip.web.eip.api.urls")),  # eip/…
    path("", include("openeip.web.finance.api.urls")),  # finance/…
    path("", include("openeip.web.services.api.urls")),  # services/…
    path("", include("openeip.web.ecofair.api.urls")),  # ecofair/…
    path("", include("openeip.web.monitor.api.urls")),  # monitor/…
    path("", include("openeip.web.community.api.urls")),  # grievances/, dialogues/
    path("", include("openeip.web.training.api.urls")),  # training/…
], "api")

#: Reports (namespace "reports"): the job pages of the reports app, then each app's report links
#: (its ``reports/urls.py``), so the reports app itself imports none of the apps.
REPORTS = ([
    *report_jobs.urlpatterns,  # reports/jobs/…
    *recp_reports.urlpatterns,  # companies/<pk>/recp/report.pdf
    *eip_reports.urlpatterns,  # parks/<slug>/eip/…
], "reports")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/two-factor/", two_factor.enrol, name="two_factor"),
    path("accounts/two-factor/verify/", two_factor.verify, name="two_factor_verify"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its start-up script as a file (no inline script for the CSP); Swagger
    # UI sets inline styles, allowed on this page only.
    path("api/docs/", csp_update({"style-src": ["'unsafe-inline'"]})(
        SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("api/", include(API)),
    path("import/", include("openeip.web.intake.urls")),
    path("", home, name="home"),  # unnamespaced: LOGIN_REDIRECT_URL names it
    path("", include("openeip.web.registry.urls")),
    path("", include("openeip.web.recp.urls")),
    path("", include(REPORTS)),
    path("", include("openeip.web.symbiosis.urls")),
    path("", include("openeip.web.eip.urls")),
    path("", include("openeip.web.finance.urls")),
    path("", include("openeip.web.services.urls")),
    path("", include("openeip.web.ecofair.urls")),
    path("", include("openeip.web.monitor.urls")),
    path("", include("openeip.web.community.urls")),
    path("", include("openeip.web.training.urls")),
]

handler404 = "openeip.web.errors.not_found"
