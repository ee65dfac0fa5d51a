"""Words for the codes of finance lines (verification levels, statuses, tests, instruments),
in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext as _


def verification_label(code: str) -> str:
    return {"verified": _("verified"), "secondary": _("secondary source"),
            "unverified": _("unverified"), "not_found": _("not found"),
            "admin": _("set by an admin")}.get(str(code), str(code))


def outcome_label(code: str) -> str:
    return {"met": _("met"), "not_met": _("not met"), "unknown": _("unknown")}.get(
        str(code), str(code))


def status_label(code: str) -> str:
    return {"in_force": _("in force"), "historic": _("historic"), "draft": _("draft"),
            "custom": _("custom")}.get(code, code)


def instrument_label(code: str) -> str:
    return {"loan": _("loan"), "preferential_rate": _("preferential rate"),
            "guarantee": _("guarantee"), "grant": _("grant"), "refund": _("performance refund"),
            "interest_support": _("interest support"),
            "taxonomy": _("taxonomy checklist")}.get(code, code)


def unit_label(code: str) -> str:
    return {"share": "", "rate": "", "years": _("years"), "days": _("days"),
            "count": ""}.get(code, code)
