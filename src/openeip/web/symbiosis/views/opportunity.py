"""One proposed exchange: both sides (anonymised until both reveal), why it scored as it did,
its yearly benefit, and the brokerage actions — status, reveal, realised quantities."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openeip.core.errors import CellError, DomainError
from openeip.core.formatting import number
from openeip.core.numbers import parse_number
from openeip.core.symbiosis.factors import Override
from openeip.core.symbiosis.model import SynergyRule
from openeip.core.symbiosis.rules import is_direct_reuse, load_rules
from openeip.web.base import workflow
from openeip.web.base.labels import current_language, fate_label, unit_display, version_label
from openeip.web.symbiosis.models import RECORDABLE
from openeip.web.symbiosis.services import pipeline
from openeip.web.symbiosis.services.presenting import class_name, present
from openeip.web.symbiosis.views._access import may_change_opportunity, visible_opportunity

BENEFIT_LINES = ("avoided_purchase_vnd", "avoided_disposal_vnd", "transport_vnd",
                 "processing_vnd", "net_vnd", "co2e_avoided_t", "waste_diverted_t",
                 "water_saved_m3", "energy_recovered_mwh")


def factor_label(version: str, language: str) -> str:
    """A recorded factor version (a table's, :func:`labels.version_label`, or a firm's own
    price, :class:`~openeip.core.symbiosis.factors.Override`) as a reader says it."""
    override = Override.read(version)
    if override is None:
        return version_label(version)
    if override.kind == "price":
        return _("the firm's own price of {name}: {value} VND").format(
            name=class_name(override.key, language), value=number(override.value))
    return _("the firm's own {fate} fee: {value} VND/t").format(
        fate=fate_label(override.key), value=number(override.value))


def book_rule(code: str) -> SynergyRule | None:
    """The rule of the book behind an opportunity; None for an implicit direct reuse or a
    rule since retired from the book."""
    if is_direct_reuse(code):
        return None
    try:
        return load_rules().get(code)
    except DomainError:
        return None


def rule_label(code: str, rule: SynergyRule | None) -> str:
    """The rule behind an opportunity as a reader needs it: its code with where it comes from
    (the literature it cites, or engineering practice, OpenEIP's estimate) — a code alone says
    nothing. ``rule``: :func:`book_rule` of ``code``."""
    if is_direct_reuse(code):
        return _("direct reuse of the same resource (no rule of the book needed)")
    if rule is None:
        return _("{code} (no longer in the rule book)").format(code=code)
    if rule.evidence == "cited":
        # the file's source is "<citation>; <what OpenEIP estimated>": the citation stays as
        # written, the estimate is said in the reader's language
        citation, _sep, estimate = rule.source.rpartition("; ")
        if citation and "unverified" in estimate:
            return _("{code}, from the literature: {source} (ratio and costs are OpenEIP "
                     "estimates, unverified)").format(code=code, source=citation)
        return _("{code}, from the literature: {source}").format(code=code, source=rule.source)
    return _("{code}, from engineering practice (ratio and costs are OpenEIP estimates, "
             "unverified)").format(code=code)


def need_equivalent(rule: SynergyRule | None, shown: dict[str, Any]) -> dict[str, Any] | None:
    """What the matched quantity stands for in the need's unit, when the rule substitutes at a
    ratio other than 1 (7,948 t of spent grain against a need of 756 t of coal reads as an
    error unless the page says that it replaces about 715 t of coal)."""
    if (rule is None or rule.substitution_ratio == 1.0
            or shown.get("matched_quantity") is None):
        return None
    ratio = rule.substitution_ratio
    return {"quantity": shown["matched_quantity"] * ratio, "ratio": ratio,
            "unit": shown["receiver"].get("unit") or shown["unit"]}


def benefit_units() -> dict[str, str]:
    """The unit of each line of the yearly benefit."""
    money = _("VND/yr")
    return {"avoided_purchase_vnd": money, "avoided_disposal_vnd": money,
            "transport_vnd": money, "processing_vnd": money, "net_vnd": money,
            "co2e_avoided_t": _("t CO2e/yr"), "waste_diverted_t": _("t/yr"),
            "water_saved_m3": _("m³/yr"), "energy_recovered_mwh": _("MWh/yr")}


def benefit_labels() -> dict[str, str]:
    return {
        "avoided_purchase_vnd": _("Purchases avoided by the receiver"),
        "avoided_disposal_vnd": _("Disposal avoided by the supplier"),
        "transport_vnd": _("Transport (cost)"),
        "processing_vnd": _("Processing (cost)"),
        "net_vnd": _("Net benefit"),
        "co2e_avoided_t": _("Greenhouse gases avoided"),
        "waste_diverted_t": _("Waste diverted from disposal"),
        "water_saved_m3": _("Water saved"),
        "energy_recovered_mwh": _("Energy recovered"),
    }


@login_required
def opportunity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = visible_opportunity(request, pk)
    shown = present(opportunity, request.user, current_language())
    labels, units = benefit_labels(), benefit_units()
    benefit = shown["benefit"]   # computed from the bands while a side is anonymised
    rule = book_rule(opportunity.rule_code)
    may_change = may_change_opportunity(request, opportunity)
    return render(request, "symbiosis/opportunity.html", {
        "o": shown, "opportunity": opportunity,
        # an unpriced term, and the net it leaves incomplete, carry the "price unknown" flag
        "benefit_rows": [(labels[key], benefit.get(key), units[key],
                          key in shown["unpriced"] or (key == "net_vnd" and shown["price_unknown"]))
                         for key in BENEFIT_LINES if benefit.get(key) is not None],
        "factor_versions": [factor_label(v, current_language())
                            for v in benefit.get("factor_versions") or []],
        "rule_label": rule_label(opportunity.rule_code, rule),
        "need_equivalent": need_equivalent(rule, shown),
        "may_change": may_change,
        "next_statuses": [(code, pipeline.status_label(code)) for code
                          in workflow.moves_for(opportunity, request.user)] if may_change else [],
        "my_sides": [(side, pipeline.side_label(side)) for side
                     in pipeline.sides_user_may_act_for(opportunity, request.user)],
        "recordable": may_change and opportunity.status in RECORDABLE,
        "records": list(opportunity.records.order_by("-year", "-month")),
    })


def _done(request: HttpRequest, pk: int) -> HttpResponse:
    return redirect("symbiosis:opportunity", pk=pk)


@login_required
@require_POST
def opportunity_status(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = visible_opportunity(request, pk, "change")
    try:
        workflow.transition(opportunity, request.POST.get("status", ""), request.user, "web")
    except DomainError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The exchange is now {status}.").format(
            status=pipeline.status_label(opportunity.status)))
    return _done(request, pk)


@login_required
@require_POST
def opportunity_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = visible_opportunity(request, pk, "change")
    revealed = request.POST.get("reveal", "1") != "0"
    try:
        pipeline.reveal(opportunity, request.POST.get("side", ""), request.user, "web",
                        revealed=revealed)
    except DomainError as error:
        messages.error(request, str(error))
    else:
        if opportunity.revealed:
            messages.success(request, _("Both firms are now named to each other."))
        elif revealed:
            messages.success(request, _("Your side is ready to be named; the other firm has "
                                        "not yet agreed."))
        else:
            messages.success(request, _("Your side stays anonymous."))
    return _done(request, pk)


@login_required
@require_POST
def opportunity_record(request: HttpRequest, pk: int) -> HttpResponse:
    opportunity = visible_opportunity(request, pk, "change")
    try:
        year = int(request.POST.get("year", ""))
        month = int(request.POST.get("month", "0") or 0)
    except ValueError:
        messages.error(request, _("Give a year, a month (0 for the whole year) and a quantity "
                                  "as numbers."))
        return _done(request, pk)
    try:
        # the one reader of a typed number: a comma is refused, since 1,234 is 1234 in
        # English and 1.234 in Vietnamese (it was read as 1.234 in both)
        quantity = float(parse_number(request.POST.get("quantity", ""), "quantity"))
    except CellError as error:
        messages.error(request, _("Realised quantity: {problem}").format(problem=error.message))
        return _done(request, pk)
    try:
        pipeline.record_quantity(opportunity, year, month, quantity, request.user, "web",
                                 note=request.POST.get("note", "").strip())
    except DomainError as error:
        messages.error(request, str(error))
    else:
        # the figure as the reader reads numbers: a slip of a thousand shows at once
        messages.success(request, _("Realised quantity recorded: {quantity} {unit}.").format(
            quantity=number(quantity), unit=unit_display(opportunity.unit)))
    return _done(request, pk)
