"""The synergy knowledge base (``data/symbiosis/synergy_rules.csv``).

A rule says that a supply class can serve a demand class: one base unit of supply replaces
``substitution_ratio`` base units of the demand class, after the stated processing, under the
stated conditions. Either side may name a taxonomy group; the rule then covers every class below
it. So the rules that apply to a supply of class *c* are those whose ``supply_class`` is *c* or
one of its ancestors (:meth:`RuleBook.for_supply`), and the demand classes a supply can reach are
the leaves below the ``demand_class`` of those rules (:meth:`RuleBook.demand_classes_for`).

The file is checked as a whole: unknown classes, a ratio that is not positive, an evidence value
other than ``cited``/``engineering_practice``, a cited rule without a source, a hazardous supply
without ``requires_permit``, an avoided fate outside ``fates.csv`` and duplicate codes raise
:class:`~openeip.core.errors.IntakeError` listing every problem with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from openeip.core import catalogues
from openeip.core.errors import DomainError, IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis._table import Row, data_text, read_rows
from openeip.core.symbiosis.factors import ClassTree, load_factors, transport_mode
from openeip.core.symbiosis.model import Family, Form, ResourceClass, SynergyRule
from openeip.core.symbiosis.taxonomy import Taxonomy, load_taxonomy

__all__ = ["DIRECT_REUSE_PREFIX", "EVIDENCE", "KINDS", "RULES_FILE", "RULE_COLUMNS", "RuleBook",
           "direct_reuse_rules", "is_direct_reuse", "load_rules", "parse_rules"]

RULES_FILE = "synergy_rules.csv"
RULE_COLUMNS = (
    "code", "supply_class", "demand_class", "kind", "use_en", "use_vi", "substitution_ratio",
    "processing_en", "processing_vi", "processing_cost_vnd_per_unit", "conditions_en",
    "conditions_vi", "min_temperature_c", "requires_permit", "avoided_fate", "max_distance_km",
    "source", "evidence", "year",
)
KINDS = ("by_product_exchange", "utility_sharing", "joint_service")
EVIDENCE = ("cited", "engineering_practice")
_RULE_CODE = re.compile(r"^SR-\d{3,4}$")
DIRECT_REUSE_PREFIX = "REUSE:"


def is_direct_reuse(rule: SynergyRule | str) -> bool:
    """Whether ``rule`` (a rule or its code, as stored) is an implicit direct-reuse rule
    (:func:`direct_reuse_rules`)."""
    return (rule if isinstance(rule, str) else rule.code).startswith(DIRECT_REUSE_PREFIX)


def _reuse_fate(rc: ResourceClass) -> str:
    if rc.family not in (Family.WASTE, Family.BY_PRODUCT):
        return ""
    if rc.hazardous or rc.form in (Form.LIQUID, Form.SLUDGE):
        return "treatment"
    return "landfill"


_REUSE_CACHE: dict[int, tuple[ClassTree, tuple[SynergyRule, ...]]] = {}


def direct_reuse_rules(taxonomy: ClassTree) -> tuple[SynergyRule, ...]:
    """:func:`build_direct_reuse_rules`, built once per taxonomy object."""
    found = _REUSE_CACHE.get(id(taxonomy))
    if found is None or found[0] is not taxonomy:
        found = _REUSE_CACHE[id(taxonomy)] = (taxonomy, build_direct_reuse_rules(taxonomy))
    return found[1]


def build_direct_reuse_rules(taxonomy: ClassTree) -> tuple[SynergyRule, ...]:
    """One implicit rule per class: the class serves a demand of the same class, 1:1.

    Code ``REUSE:<class>``. Unlike a file rule, it does not reach the classes BELOW its class
    (low-pressure steam does not serve a need for high-pressure steam); it reaches a stream
    classified only to a group ABOVE its class (the match scores that vagueness in class fit).
    Its reach is the practical reach of the class's transport mode (``transport_costs.csv``);
    a hazardous class needs a permit; the avoided fate of a waste or by-product is landfill
    (treatment for liquids, sludges and hazardous waste)."""
    factors = load_factors()
    out = []
    for code, rc in taxonomy.classes.items():
        mode = transport_mode(rc)
        reaches = [t.max_distance_km for (m, unit), t in factors.transport.items() if m == mode]
        reach = factors.transport[(mode, rc.base_unit)].max_distance_km if (
            mode, rc.base_unit) in factors.transport else max(reaches, default=50.0)
        hazardous = any(taxonomy.classes[a].hazardous for a in taxonomy.ancestors(code))
        energy_or_water = rc.family in (Family.ENERGY, Family.WATER)
        out.append(SynergyRule(
            code=DIRECT_REUSE_PREFIX + code, supply_class=code, demand_class=code,
            kind="utility_sharing" if energy_or_water else "by_product_exchange",
            use_en="direct reuse as {name}".format(name=rc.name_en),
            use_vi="tái sử dụng trực tiếp làm {name}".format(name=rc.name_vi),
            substitution_ratio=1.0,
            conditions_en="the same resource on both sides: used as it is, 1 unit for 1 unit; "
                          "the receiver confirms the quality",
            conditions_vi="cùng một loại tài nguyên ở hai bên: dùng nguyên trạng, 1 đơn vị "
                          "thay 1 đơn vị; bên nhận xác nhận chất lượng",
            requires_permit=hazardous, avoided_fate=_reuse_fate(rc),
            max_distance_km=reach,
            source="implicit rule of the class hierarchy (OpenEIP): direct reuse of the same "
                   "class",
            evidence="engineering_practice"))
    return tuple(out)


class RuleBook:
    """Checked synergy rules, indexed by the classes they name."""

    def __init__(self, rules: Iterable[SynergyRule], taxonomy: Taxonomy,
                 sheet: str = "rules") -> None:
        self.rules: tuple[SynergyRule, ...] = tuple(rules)
        self.taxonomy = taxonomy
        problems: list[Problem] = []
        seen: set[str] = set()
        for rule in self.rules:
            if rule.code in seen:
                problems.append(Problem(sheet, None, "code", _(
                    "The rule code '{code}' is used twice; codes must be unique.").format(
                    code=rule.code)))
            seen.add(rule.code)
            problems.extend(check_rule(rule, taxonomy, sheet, None))
        if problems:
            raise IntakeError(problems)
        self._by_code = {rule.code: rule for rule in self.rules}
        self._by_supply: dict[str, list[SynergyRule]] = {}
        self._by_demand: dict[str, list[SynergyRule]] = {}
        for rule in self.rules:
            self._by_supply.setdefault(rule.supply_class, []).append(rule)
            self._by_demand.setdefault(rule.demand_class, []).append(rule)
        self._reachable: dict[str, frozenset[str]] = {}

    def __iter__(self) -> Iterator[SynergyRule]:
        return iter(self.rules)

    def __len__(self) -> int:
        return len(self.rules)

    @property
    def direct_reuse(self) -> tuple[SynergyRule, ...]:
        """The implicit direct-reuse rules of the taxonomy (:func:`direct_reuse_rules`)."""
        return direct_reuse_rules(self.taxonomy)

    def get(self, code: str) -> SynergyRule:
        """A rule of the file, or an implicit direct-reuse rule (``REUSE:<class>``)."""
        try:
            if code.startswith(DIRECT_REUSE_PREFIX):
                return {r.code: r for r in self.direct_reuse}[code]
            return self._by_code[code]
        except KeyError:
            raise DomainError(_("'{code}' is not a rule of the synergy knowledge base.").format(
                code=code), "rule_code") from None

    def for_supply(self, class_code: str) -> tuple[SynergyRule, ...]:
        """Rules whose supply class is ``class_code`` or a group above it, most specific first."""
        return tuple(rule for code in self.taxonomy.ancestors(class_code)
                     for rule in self._by_supply.get(code, ()))

    def for_demand(self, class_code: str) -> tuple[SynergyRule, ...]:
        """Rules whose demand class is ``class_code`` or a group above it, most specific first."""
        return tuple(rule for code in self.taxonomy.ancestors(class_code)
                     for rule in self._by_demand.get(code, ()))

    def for_pair(self, supply_class: str, demand_class: str) -> tuple[SynergyRule, ...]:
        """Rules that let a supply of ``supply_class`` serve a demand of ``demand_class``."""
        demand_groups = set(self.taxonomy.ancestors(demand_class))
        return tuple(rule for rule in self.for_supply(supply_class)
                     if rule.demand_class in demand_groups)

    def demand_classes_for(self, supply_class: str) -> frozenset[str]:
        """Every leaf demand class some rule lets ``supply_class`` serve."""
        found = self._reachable.get(supply_class)
        if found is None:
            leaves = self.taxonomy.leaves()
            reachable: set[str] = set()
            for rule in self.for_supply(supply_class):
                reachable |= self.taxonomy.descendants(rule.demand_class) & leaves
            found = self._reachable[supply_class] = frozenset(reachable)
        return found


def check_rule(rule: SynergyRule, taxonomy: Taxonomy, sheet: str,
               line: int | None) -> list[Problem]:
    """Problems of one rule against the taxonomy and the value rules of the file."""
    problems: list[Problem] = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(sheet, line, column, message))

    if not _RULE_CODE.match(rule.code):
        problem("code", _("'{code}' is not a rule code; write SR- and three or four digits, "
                          "like SR-001.").format(code=rule.code))
    for column, code in (("supply_class", rule.supply_class),
                         ("demand_class", rule.demand_class)):
        if code not in taxonomy:
            problem(column, _("'{code}' is not a class of the resource taxonomy; use a code "
                              "of resource_classes.csv.").format(code=code))
    if rule.kind not in KINDS:
        problem("kind", _("'{value}' is not one of: {allowed}.").format(
            value=rule.kind, allowed=", ".join(KINDS)))
    if not rule.substitution_ratio > 0:
        problem("substitution_ratio", _("The substitution ratio must be greater than zero."))
    if rule.processing_cost_vnd_per_unit < 0:
        problem("processing_cost_vnd_per_unit", _("A processing cost cannot be negative."))
    if not rule.max_distance_km > 0:
        problem("max_distance_km", _("The maximum distance must be greater than zero."))
    if rule.evidence not in EVIDENCE:
        problem("evidence", _("'{value}' is not one of: {allowed}.").format(
            value=rule.evidence, allowed=", ".join(EVIDENCE)))
    if not rule.source:
        problem("source", _("Say where the rule comes from (a reference, or why it is "
                            "engineering practice)."))
    if rule.avoided_fate and rule.avoided_fate not in catalogues.fates():
        problem("avoided_fate", _("'{value}' is not one of: {allowed}.").format(
            value=rule.avoided_fate, allowed=", ".join(catalogues.fates())))
    if not rule.use_en or not rule.use_vi:
        problem("use_en" if not rule.use_en else "use_vi", _(
            "This cell is empty; fill it in."))
    if rule.supply_class in taxonomy and not rule.requires_permit and any(
            taxonomy.get(code).hazardous for code in taxonomy.ancestors(rule.supply_class)):
        problem("requires_permit", _("The supply class '{code}' is hazardous waste: the rule "
                                     "must say requires_permit=yes.").format(
            code=rule.supply_class))
    return problems


def _rule(row: Row) -> SynergyRule:
    row.number("year", positive=True)
    return SynergyRule(
        code=row.required("code"),
        supply_class=row.required("supply_class"),
        demand_class=row.required("demand_class"),
        kind=row.text("kind"),
        use_en=row.text("use_en"),
        use_vi=row.text("use_vi"),
        substitution_ratio=row.number("substitution_ratio") or 0.0,
        processing_en=row.text("processing_en"),
        processing_vi=row.text("processing_vi"),
        processing_cost_vnd_per_unit=row.number("processing_cost_vnd_per_unit") or 0.0,
        conditions_en=row.text("conditions_en"),
        conditions_vi=row.text("conditions_vi"),
        min_temperature_c=row.number("min_temperature_c"),
        requires_permit=row.flag("requires_permit"),
        avoided_fate=row.text("avoided_fate"),
        max_distance_km=row.number("max_distance_km") or 0.0,
        source=row.text("source"),
        evidence=row.text("evidence"),
    )


def parse_rules(text: str, taxonomy: Taxonomy | None = None,
                sheet: str = RULES_FILE) -> RuleBook:
    """A checked :class:`RuleBook` from the text of a rules file, or :class:`IntakeError`."""
    taxonomy = taxonomy or load_taxonomy()
    rows, problems = read_rows(text, sheet, RULE_COLUMNS)
    rules: list[SynergyRule] = []
    lines: dict[str, int] = {}
    for row in rows:
        rule = _rule(row)
        problems.extend(row.problems)
        if rule.code in lines:
            problems.append(Problem(sheet, row.line, "code", _(
                "The rule code '{code}' is already used on line {first}; codes must be "
                "unique.").format(code=rule.code, first=lines[rule.code])))
            continue
        lines[rule.code] = row.line
        problems.extend(check_rule(rule, taxonomy, sheet, row.line))
        rules.append(rule)
    if problems:
        raise IntakeError(problems)
    return RuleBook(rules, taxonomy, sheet)


@lru_cache(maxsize=4)
def _load(taxonomy: Taxonomy | None) -> RuleBook:
    return parse_rules(data_text(RULES_FILE), taxonomy)


def load_rules(taxonomy: Taxonomy | None = None) -> RuleBook:
    """The shipped rule book (read and checked once per taxonomy)."""
    return _load(taxonomy)
