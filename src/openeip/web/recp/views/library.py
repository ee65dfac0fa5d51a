"""The RECP option library as the pages show it: labels in the reader's language, effects as
"typical" ranges with their source, never as promises."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from openeip.core import recp as core_recp
from openeip.core.recp import options as core_options
from openeip.web.base.labels import current_language, kind_label


@dataclass(frozen=True)
class TypicalEffect:
    resource: str
    low_pct: Decimal
    high_pct: Decimal
    source: str
    verification: str

    @property
    def verification_label(self) -> str:
        return verification_label(self.verification)

    def text(self) -> str:
        """'typically 10–30 % of the energy where it applies' (a range, not a promise)."""
        if self.low_pct == self.high_pct:
            # xgettext:no-python-format
            return _("typically about {value} % of the {resource} used where it applies").format(
                value=_pct(self.low_pct), resource=kind_label(self.resource).lower())
        # xgettext:no-python-format
        return _("typically {low}–{high} % of the {resource} used where it applies").format(
            low=_pct(self.low_pct), high=_pct(self.high_pct),
            resource=kind_label(self.resource).lower())


@dataclass(frozen=True)
class TemplateView:
    code: str
    category: str
    category_label: str
    title: str
    description: str
    causes: list[str]
    effect: TypicalEffect | None
    cost_class: str
    source: str


def _pct(value: Decimal) -> str:
    return "{:f}".format(value.normalize()) if value == value.to_integral() else str(value)


def verification_label(code: str) -> str:
    """How far a value was checked: against the primary text, in a secondary source, or not."""
    labels = {"primary": _("checked against the primary source"),
              "secondary": _("seen in a secondary source"),
              "unverified": _("not verified"),
              "recorded": _("recorded by the company"),
              "user": _("entered by the company"),
              "assumption": _("an assumption")}
    return labels.get(code, code)


def categories() -> list[tuple[str, str]]:
    """(code, label) of the eight UNEP/UNIDO categories, in their usual order."""
    language = current_language()
    return [(code, label.text(language)) for code, label in core_options.CATEGORIES.items()]


def category_label(code: str) -> str:
    label = core_options.CATEGORIES.get(code)
    return label.text(current_language()) if label else code


def cause_label(code: str) -> str:
    cause = core_options.CAUSES.get(code)
    return cause.label.text(current_language()) if cause else code


def cost_class_label(code: str) -> str:
    label = core_options.COST_CLASSES.get(code)
    return label.text(current_language()) if label else code


def view_of(template: Any, language: str) -> TemplateView:
    effect = None
    if template.effect is not None:
        effect = TypicalEffect(template.resource, template.effect.low_pct,
                               template.effect.high_pct,
                               core_recp.citation(template.effect.source, language),
                               template.effect.verification)
    return TemplateView(
        code=template.code, category=template.category,
        category_label=category_label(template.category),
        title=template.title.text(language), description=template.description.text(language),
        causes=[cause_label(code) for code in template.causes], effect=effect,
        cost_class=cost_class_label(template.cost_class),
        source=core_recp.citation(template.source, language))


def template(code: str, language: str) -> TemplateView | None:
    """The library option ``code`` in ``language``; None if there is none (or no code)."""
    found = core_options.option_library().get(code) if code else None
    return view_of(found, language) if found is not None else None
