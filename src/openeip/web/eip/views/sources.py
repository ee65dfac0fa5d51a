"""Where the park's energy, water and wastewater figures of a year come from: every decision
between a meter's year and the declared flows (``core.eip.metered``), with its reason."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from openeip.core.i18n import render as render_text
from openeip.web.base.metering import meter_source
from openeip.web.eip.services.indicators import gather
from openeip.web.eip.services.reporting import reporting_year
from openeip.web.eip.views._access import visible_park

USED = {"metered": _("meters"), "declared": _("declared flows"), "none": _("not counted")}
KINDS = {"energy": _("energy"), "water": _("water"), "wastewater": _("wastewater")}


@login_required
def sources(request: HttpRequest, slug: str) -> HttpResponse:
    park = visible_park(request, slug)
    asked = request.GET.get("year", "")
    year = int(asked) if asked.isdigit() and 1990 <= int(asked) <= 2100 else (
        reporting_year(park).year)
    inputs, decisions = gather(park, year)
    rows = [{"company": d.company_code or _("the park"), "kind": KINDS.get(d.kind, d.kind),
             "meters": ", ".join(d.meters), "covered": d.covered_pct,
             "used": USED.get(d.used, d.used), "status": d.used,
             "reason": render_text(d.reason)} for d in decisions]
    totals = [(_("final energy (MWh)"), inputs.energy_mwh),
              (_("renewable energy (MWh)"), inputs.renewable_energy_mwh),
              (_("water withdrawn (m³)"), inputs.water_m3),
              (_("industrial wastewater (m³)"), inputs.wastewater_m3),
              (_("greenhouse gas, scopes 1 and 2 (t CO2e)"), inputs.ghg_t)]
    source = meter_source()
    metered_firms = len({d.company_code for d in decisions if d.used == "metered"})
    return render(request, "eip/sources.html", {
        "park": park, "year": year, "rows": rows, "totals": totals, "firms": inputs.firms,
        "firms_reporting": inputs.firms_reporting, "metered_firms": metered_firms,
        "minimum": source.min_coverage_pct() if source is not None else None})
