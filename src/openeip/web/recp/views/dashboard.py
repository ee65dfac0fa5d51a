"""A company's RECP indicator dashboard: the six indicators in the chosen form and period, their
trends, the change against a baseline, GHG by scope and the position among peers.

Everything shown comes from :func:`openeip.web.recp.services.company.company_recp`, which keeps
the company's figures in a snapshot recomputed only when its data change.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from openeip.core import domain
from openeip.core.errors import DomainError
from openeip.web.base.labels import current_language
from openeip.web.recp.services import periods
from openeip.web.recp.services.picture import RecpPicture
from openeip.web.recp.views import emissions, indicators
from openeip.web.recp.views._access import visible_company
from openeip.web.recp.views.forms import DashboardForm
from openeip.web.recp.views.indicators import series_notices
from openeip.web.registry.models import Company
from openeip.web.registry.services.series_values import may_set as may_set_values


def _recp(company: Company, gwp: str, baseline: str) -> tuple[dict[str, Any], str]:
    """The service's picture with the changes against ``baseline``; the reason if refused."""
    from openeip.web.recp.services.company import company_recp

    if baseline:
        try:
            return company_recp(company, gwp, domain.ReportingPeriod.parse(baseline)), ""
        except DomainError as error:
            return company_recp(company, gwp), str(error)
    return company_recp(company, gwp), ""


@login_required
def company_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    company = visible_company(request, pk)
    language = current_language()
    # The baseline is needed before the service is asked, so its default comes from the
    # periods with flows; the other choices are checked against what the service returned.
    first = DashboardForm(request.GET or None, periods=periods.periods_with_data(company),
                          denominators=[])
    payload, baseline_problem = _recp(company, first.choice("gwp"), first.choice("baseline"))
    picture = RecpPicture.read(payload)
    form = DashboardForm(request.GET or None, periods=picture.indicators.periods,
                         denominators=[(d["key"], indicators.denominator_label(d))
                                       for d in picture.indicators.denominators])
    form.fields["gwp"].initial = picture.gwp_set
    chosen = {name: form.choice(name) for name in form.fields}
    chosen["baseline"] = first.choice("baseline")
    shown = indicators.periods_of(picture, chosen["granularity"])
    period = chosen["period"] if chosen["period"] in shown else (shown[-1] if shown else "")
    ratio, key = chosen["form"], chosen["denominator"] or None
    changes = picture.changes
    charts = indicators.trend_charts(picture, shown, ratio, key, language) if key else []
    absolute_charts = indicators.trend_charts(picture, shown, "absolute", None, language)
    for number, chart in enumerate(absolute_charts):
        chart.dom_id = "trend-absolute-{}".format(number)
    ghg = emissions.ghg_view(picture, language)
    peers = emissions.peer_rows(picture, ratio, key)
    context = {
        "company": company, "tab": "dashboard", "form": form, "chosen": chosen,
        "fields": [(form[name], chosen[name]) for name in form.fields],
        "payload": picture, "period": period,
        "period_label": indicators.period_label(period) if period else "",
        "baseline_label": (indicators.period_label(chosen["baseline"])
                           if chosen["baseline"] else ""),
        "baseline_problem": baseline_problem,
        "lines": indicators.latest_lines(picture, period, ratio, key, changes, language)
        if period else [],
        "ratio_label": indicators.ratio_label(picture, ratio, key),
        "charts": absolute_charts + charts,
        "chart_configs": [(c.dom_id + "-config", c.chartjs(language))
                          for c in absolute_charts + charts],
        "change_tables": [table for table in (
            indicators.change_table(picture, changes, "absolute", None, _("Absolute")),
            indicators.change_table(picture, changes, ratio, key,
                                    indicators.ratio_label(picture, ratio, key)) if key else None)
            if table is not None],
        "ghg": ghg,
        "peers": peers,
        "peers_all_withheld": all(cell is None or cell.too_few for row in peers
                                  for cell in (row.park, row.platform)),
        "peer_counts": emissions.peer_counts(peers),
        "computed_at": picture.computed_at,
        "excluded": picture.indicators.excluded,
        "series_notices": series_notices(picture),
        "may_set_values": may_set_values(request.user, company.park),
    }
    return render(request, "recp/pages/dashboard.html", context)
