"""Eligibility: a project's facts against each rule of a finance line → met / not met / unknown.

For a rule with facts :math:`f_1 .. f_m` (any one suffices) and threshold :math:`v`:

* **met** when some known :math:`f_j` passes the test (``at_least``: :math:`f \\ge v`,
  ``more_than``: :math:`f > v`, ``at_most``: :math:`f \\le v`, ``between``:
  :math:`v_{min} \\le f \\le v_{max}`, ``is_true``: :math:`f` is yes, ``one_of``: :math:`f \\in v`);
* **not met** when every :math:`f_j` is known and none passes;
* **unknown** otherwise: a fact has no value yet (the reason names the evidence that would give
  it) or the threshold itself is unknown (``not_found`` in the line: an admin sets it in an
  adapted line; OpenEIP never guesses it).

A line is met when all its rules are, not met as soon as one is not, unknown otherwise. Every
reason is a :class:`Message` (shown in the reader's language); fact names and evidence are the
bilingual labels of ``data/finance/facts.csv``.

The refund tier of a line is the highest tier whose ``improvement_min`` the (verified)
improvement reaches; its refund is ``refund_share × investment``, unknown while the share is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from openeip.core.finance.lines.model import FinanceLine, RefundTier, Rule, fact_catalogue
from openeip.core.i18n import Message, message
from openeip.core.i18n import gettext_noop as _

__all__ = ["LineCheck", "Outcome", "RuleCheck", "check_line", "check_rule", "refund_of",
           "refund_tier", "requirement"]


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class RuleCheck:
    rule: Rule
    outcome: Outcome
    reason: Message
    missing: tuple[str, ...]  # facts without a value: their evidence is what is missing


@dataclass(frozen=True)
class LineCheck:
    line: FinanceLine
    rules: tuple[RuleCheck, ...]

    @property
    def outcome(self) -> Outcome:
        outcomes = {check.outcome for check in self.rules}
        if Outcome.NOT_MET in outcomes:
            return Outcome.NOT_MET
        if Outcome.UNKNOWN in outcomes:
            return Outcome.UNKNOWN
        return Outcome.MET

    @property
    def missing(self) -> tuple[str, ...]:
        """Every fact some rule still needs, once, in rule order."""
        seen: dict[str, None] = {}
        for check in self.rules:
            for fact in check.missing:
                seen.setdefault(fact, None)
        return tuple(seen)


def _show(fact: str, value: Any) -> Any:
    unit = fact_catalogue()[fact].unit
    if unit == "share":
        return message("{value} %", value=round(float(value) * 100, 2))
    if unit in ("VND", "USD"):
        return message("{value} {currency}", value=float(value), currency=unit)
    if unit == "years":
        return message(_("{value} years"), value=float(value))
    if unit == "yes/no":
        return message(_("yes")) if value else message(_("no"))
    return str(value)


def _requirement(rule: Rule, fact: str) -> Message:
    value = rule.value
    if rule.test == "at_least":
        return message(_("at least {value}"), value=_show(fact, value))
    if rule.test == "more_than":
        return message(_("more than {value}"), value=_show(fact, value))
    if rule.test == "at_most":
        return message(_("at most {value}"), value=_show(fact, value))
    if rule.test == "between":
        low, high = value
        if low is None:
            return message(_("at most {value}"), value=_show(fact, high))
        if high is None:
            return message(_("at least {value}"), value=_show(fact, low))
        return message(_("between {low} and {high}"), low=_show(fact, low),
                       high=_show(fact, high))
    if rule.test == "one_of":
        return message(_("one of {codes}"), codes=", ".join(str(v) for v in value))
    return message(_("yes"))


def requirement(rule: Rule) -> Message | None:
    """What the rule asks, worded ('at least 30 %', 'between 10,000 USD and 1,000,000 USD');
    None when its threshold is unknown."""
    if _bounds_unknown(rule):
        return None
    return _requirement(rule, rule.facts[0])


def _passes(rule: Rule, value: Any) -> bool:
    if rule.test == "is_true":
        return bool(value)
    if rule.test == "one_of":
        return str(value) in {str(v) for v in rule.value}
    number = float(value)
    if rule.test == "at_least":
        return number >= float(rule.value)
    if rule.test == "more_than":
        return number > float(rule.value)
    if rule.test == "at_most":
        return number <= float(rule.value)
    low, high = rule.value
    return (low is None or number >= float(low)) and (high is None or number <= float(high))


def _bounds_unknown(rule: Rule) -> bool:
    if rule.test == "is_true":
        return False
    if rule.value is None:
        return True
    return rule.test == "between" and all(v is None for v in rule.value)


def check_rule(rule: Rule, facts: Mapping[str, Any]) -> RuleCheck:
    """One rule against the project's facts (a fact absent or None is unknown)."""
    catalogue = fact_catalogue()
    known = {f: facts[f] for f in rule.facts if facts.get(f) is not None}
    missing = tuple(f for f in rule.facts if f not in known)
    if _bounds_unknown(rule):
        return RuleCheck(rule, Outcome.UNKNOWN, message(_(
            "the line's threshold for this rule is not known (not found in its sources); an "
            "admin can set it in an adapted line")), ())
    for fact, value in known.items():
        if _passes(rule, value):
            return RuleCheck(rule, Outcome.MET, message(
                _("{fact} is {value}: {requirement} is asked, met"),
                fact=catalogue[fact].label(), value=_show(fact, value),
                requirement=_requirement(rule, fact)), ())
    if missing:
        needed = message(_("not yet known: {facts}; provide {evidence}"),
                         facts=_joined(catalogue[f].label() for f in missing),
                         evidence=_joined(catalogue[f].evidence() for f in missing))
        if not known:
            return RuleCheck(rule, Outcome.UNKNOWN, needed, missing)
        fact, value = next(iter(known.items()))
        return RuleCheck(rule, Outcome.UNKNOWN, message(
            _("{fact} is {value}, not {requirement}; {rest}"), fact=catalogue[fact].label(),
            value=_show(fact, value), requirement=_requirement(rule, fact), rest=needed), missing)
    fact, value = _closest(rule, known)
    return RuleCheck(rule, Outcome.NOT_MET, message(
        _("{fact} is {value}: {requirement} is asked, not met"), fact=catalogue[fact].label(),
        value=_show(fact, value), requirement=_requirement(rule, fact)), ())


def _closest(rule: Rule, known: Mapping[str, Any]) -> tuple[str, Any]:
    """The fact that came nearest (the largest for a minimum, the smallest for a maximum)."""
    items = list(known.items())
    if rule.test in ("at_least", "more_than"):
        return max(items, key=lambda item: float(item[1]))
    if rule.test == "at_most":
        return min(items, key=lambda item: float(item[1]))
    return items[0]


def _joined(labels: Iterable[dict[str, str]]) -> dict[str, str]:
    """Bilingual labels joined into one bilingual text."""
    items = list(labels)
    return {"en": "; ".join(i["en"] for i in items), "vi": "; ".join(i["vi"] for i in items)}


def check_line(line: FinanceLine, facts: Mapping[str, Any]) -> LineCheck:
    """Every rule of ``line`` against ``facts``."""
    return LineCheck(line, tuple(check_rule(rule, facts) for rule in line.rules))


def refund_tier(line: FinanceLine, improvement: float | None) -> RefundTier | None:
    """The highest refund tier ``improvement`` (a share) reaches; None below every tier."""
    if improvement is None:
        return None
    reached = [t for t in line.refund_tiers if improvement >= t.improvement_min]
    return max(reached, key=lambda t: t.improvement_min) if reached else None


def refund_of(tier: RefundTier | None, investment_vnd: float) -> float | None:
    """The refund in VND of a tier, None when the tier or its share is unknown."""
    if tier is None or tier.refund_share is None:
        return None
    return tier.refund_share * investment_vnd
