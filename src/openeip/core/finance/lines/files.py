"""Reading, checking and writing finance-line files (YAML; XLSX through the same checks).

:func:`parse_line` checks every rule below and reports *all* broken ones at once as an
:class:`IntakeError` whose problems name the file, the entry (``rules[2]``) and the field:

* required fields present; ids in lower-case letters, digits, ``.``, ``_`` and ``-``;
* instruments, status, tests, verification levels and units known;
* every ``source`` named by a term, tier, rule, step or document is one of the line's sources;
* a rule's facts are in the fact catalogue, all of one unit, and its value fits its test
  (a number; ``[min, max]`` for ``between``; a list for ``one_of``; nothing for ``is_true``);
  ``None`` (unknown) only with verification ``not_found``, and ``not_found`` only with ``None``;
* shares lie in 0..1, deadlines are whole days, no unknown field (a typo would vanish).

A shipped line is never edited in place: an imported line cannot take a shipped id (checked by
:func:`check_not_shipped`); it names the line it adapts in ``based_on``.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import MISSING, fields
from functools import cache
from importlib import resources
from typing import Any

import yaml

from openeip.core.errors import CatalogueError, DomainError, IntakeError, Problem
from openeip.core.finance.lines.model import (
    INSTRUMENTS,
    TESTS,
    Document,
    FinanceLine,
    RefundTier,
    Rule,
    Source,
    Step,
    Term,
    Verification,
    fact_catalogue,
)
from openeip.core.i18n import gettext as _

__all__ = ["LINE_STATUSES", "check_not_shipped", "line_to_data", "line_to_yaml", "load_line",
           "parse_line", "read_line_file", "shipped_lines"]

LINE_STATUSES = ("in_force", "historic", "draft", "custom")
_ID = re.compile(r"^[a-z0-9][a-z0-9._\-]*$")
_LINE_FIELDS = ("id", "title_en", "title_vi", "lender_en", "lender_vi", "instruments",
                "currency", "status", "as_of", "notes_en", "notes_vi", "sources", "terms",
                "refund_tiers", "rules", "steps", "documents", "based_on")
_REQUIRED_LINE = ("id", "title_en", "title_vi", "lender_en", "lender_vi", "instruments",
                  "currency", "status", "as_of", "sources")
_PARTS: dict[str, tuple[type, tuple[str, ...]]] = {
    "sources": (Source, ("id", "title")),
    "terms": (Term, ("id", "label_en", "label_vi", "unit", "source", "verification")),
    "refund_tiers": (RefundTier, ("improvement_min", "source", "verification")),
    "rules": (Rule, ("id", "text_en", "text_vi", "facts", "test", "source", "verification")),
    "steps": (Step, ("id", "text_en", "text_vi", "actor", "source", "verification")),
    "documents": (Document, ("id", "text_en", "text_vi", "source", "verification")),
}
_TERM_UNITS = ("share", "rate", "VND", "USD", "years", "days", "count")


class _Checker:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def add(self, where: str | None, column: str | None, text: str) -> None:
        sheet = self.filename if where is None else "{} {}".format(self.filename, where)
        self.problems.append(Problem(sheet, None, column, text))


def parse_line(data: Any, filename: str) -> FinanceLine:
    """The line in ``data`` (the YAML document as Python objects), or IntakeError."""
    check = _Checker(filename)
    if not isinstance(data, Mapping):
        raise IntakeError([Problem(filename, None, None, _(
            "A finance-line file is a YAML mapping with the fields of docs/finance.md."))])
    for key in data:
        if key not in _LINE_FIELDS:
            check.add(None, str(key), _("Unknown field '{field}'; the fields are listed in "
                                        "docs/finance.md.").format(field=key))
    for key in _REQUIRED_LINE:
        if data.get(key) in (None, "", []):
            check.add(None, key, _("The field '{field}' is required.").format(field=key))
    line_id = str(data.get("id") or "")
    if line_id and not _ID.match(line_id):
        check.add(None, "id", _("The id '{id}' may hold only lower-case letters, digits, '.', "
                                "'_' and '-'.").format(id=line_id))
    instruments = tuple(str(i) for i in (data.get("instruments") or ()))
    for instrument in instruments:
        if instrument not in INSTRUMENTS:
            check.add(None, "instruments", _("Unknown instrument '{value}'; use one of: "
                                             "{known}.").format(value=instrument,
                                                                known=", ".join(INSTRUMENTS)))
    if data.get("status") and data["status"] not in LINE_STATUSES:
        check.add(None, "status", _("Unknown status '{value}'; use one of: {known}.").format(
            value=data["status"], known=", ".join(LINE_STATUSES)))
    parts = {name: _parse_part(name, data.get(name) or [], check) for name in _PARTS}
    source_ids = {s.id for _where, s in parts["sources"]}
    for name in ("terms", "refund_tiers", "rules", "steps", "documents"):
        for where, item in parts[name]:
            if item.source not in source_ids:
                check.add(where, "source", _(
                    "The source '{source}' is not among the line's sources ({known}).").format(
                    source=item.source, known=", ".join(sorted(source_ids)) or "-"))
    for where, rule in parts["rules"]:
        _check_rule(rule, where, check)
    for where, term in parts["terms"]:
        _check_term(term, where, check)
    for where, tier in parts["refund_tiers"]:
        _check_tier(tier, where, check)
    if check.problems:
        raise IntakeError(check.problems)
    return FinanceLine(
        id=line_id, title_en=str(data["title_en"]), title_vi=str(data["title_vi"]),
        lender_en=str(data["lender_en"]), lender_vi=str(data["lender_vi"]),
        instruments=instruments, currency=str(data["currency"]), status=str(data["status"]),
        as_of=str(data["as_of"]), notes_en=str(data.get("notes_en") or ""),
        notes_vi=str(data.get("notes_vi") or ""), based_on=str(data.get("based_on") or ""),
        **{name: tuple(item for _where, item in items) for name, items in parts.items()})


def _parse_part(name: str, items: Any, check: _Checker) -> list[tuple[str, Any]]:
    """The entries of one part, each with where it stands in the file (``rules[2]``)."""
    kind, required = _PARTS[name]
    known = {f.name for f in fields(kind)}
    parsed = []
    if not isinstance(items, list):
        check.add(None, name, _("'{field}' must be a list.").format(field=name))
        return []
    for index, item in enumerate(items):
        where = "{}[{}]".format(name, index)
        if not isinstance(item, Mapping):
            check.add(where, None, _("Each entry must be a mapping of fields."))
            continue
        broken = False
        for key in item:
            if key not in known:
                check.add(where, str(key), _("Unknown field '{field}'; the fields are listed in "
                                             "docs/finance.md.").format(field=key))
                broken = True
        for key in required:
            if item.get(key) in (None, "", []):
                check.add(where, key, _("The field '{field}' is required.").format(field=key))
                broken = True
        if broken:
            continue
        values = dict(item)
        if "verification" in values:
            try:
                values["verification"] = Verification(values["verification"])
            except ValueError:
                check.add(where, "verification", _(
                    "Unknown verification '{value}'; use one of: {known}.").format(
                    value=values["verification"], known=", ".join(v.value for v in Verification)))
                values["verification"] = Verification.UNVERIFIED  # reported; keeps checking
        if name == "rules":
            facts = values["facts"]
            values["facts"] = tuple(facts) if isinstance(facts, list) else (str(facts),)
        if "id" in values:
            values["id"] = str(values["id"])
            if not _ID.match(values["id"]):
                check.add(where, "id", _("The id '{id}' may hold only lower-case letters, "
                                         "digits, '.', '_' and '-'.").format(id=values["id"]))
        for key in ("value", "improvement_min", "refund_share"):
            if isinstance(values.get(key), int) and not isinstance(values[key], bool):
                values[key] = float(values[key])
        for f in fields(kind):  # optional fields without a default are unknown: None
            if f.name not in values and f.default is MISSING:
                values[f.name] = None
        if name == "sources":
            values["url"] = str(values.get("url") or "")
        parsed.append((where, kind(**values)))
    return parsed


def _unknown_consistent(value: Any, verification: Verification, where: str, column: str,
                        check: _Checker) -> None:
    if value is None and verification != Verification.NOT_FOUND:
        check.add(where, column, _("The value is empty; an unknown value must say verification: "
                                   "not_found (never leave a gap unexplained)."))
    if value is not None and verification == Verification.NOT_FOUND:
        check.add(where, "verification", _("A value marked not_found must be empty (~); give "
                                           "the verification level of the value you set."))


def _check_rule(rule: Rule, where: str, check: _Checker) -> None:
    catalogue = fact_catalogue()
    units = set()
    for fact in rule.facts:
        if fact not in catalogue:
            check.add(where, "facts", _("Unknown fact '{fact}'; the facts are listed in "
                                        "docs/finance.md.").format(fact=fact))
        else:
            units.add(catalogue[fact].unit)
    if len(units) > 1:
        check.add(where, "facts", _("A rule's facts must share one unit; these have {units}."
                                    ).format(units=", ".join(sorted(units))))
    if rule.test not in TESTS:
        check.add(where, "test", _("Unknown test '{value}'; use one of: {known}.").format(
            value=rule.test, known=", ".join(TESTS)))
        return
    unit = next(iter(units)) if len(units) == 1 else None
    value = rule.value
    if rule.test == "is_true":
        if value is not None or unit not in (None, "yes/no"):
            check.add(where, "value", _("is_true tests a yes/no fact and takes no value."))
        return
    if unit == "yes/no":
        check.add(where, "test", _("A yes/no fact is tested with is_true."))
        return
    _unknown_consistent(value, rule.verification, where, "value", check)
    if value is None:
        return
    if rule.test == "between":
        if not (isinstance(value, list) and len(value) == 2
                and all(v is None or _is_number(v) for v in value)):
            check.add(where, "value", _("between takes [min, max] (either may be ~ when "
                                        "unknown)."))
            return
        numbers = [float(v) for v in value if v is not None]
    elif rule.test == "one_of":
        if not isinstance(value, list) or not value:
            check.add(where, "value", _("one_of takes a list of codes."))
        return
    elif not _is_number(value):
        check.add(where, "value", _("{test} takes a number, not '{value}'.").format(
            test=rule.test, value=value))
        return
    else:
        numbers = [float(value)]
    if unit == "share" and any(not 0 <= n <= 1 for n in numbers):
        check.add(where, "value", _("A share is a fraction from 0 to 1 (0.3 for 30 %)."))


def _check_term(term: Term, where: str, check: _Checker) -> None:
    if term.unit not in _TERM_UNITS:
        check.add(where, "unit", _("Unknown unit '{value}'; use one of: {known}.").format(
            value=term.unit, known=", ".join(_TERM_UNITS)))
    _unknown_consistent(term.value, term.verification, where, "value", check)
    if term.value is not None and not _is_number(term.value):
        check.add(where, "value", _("A term's value is a number, not '{value}'.").format(
            value=term.value))
    elif term.unit in ("share", "rate") and term.value is not None and not 0 <= term.value <= 1:
        check.add(where, "value", _("A share or rate is a fraction from 0 to 1 (0.026 for "
                                    "2.6 %)."))


def _check_tier(tier: RefundTier, where: str, check: _Checker) -> None:
    for name in ("improvement_min", "refund_share"):
        value = getattr(tier, name)
        if value is not None and (not _is_number(value) or not 0 <= float(value) <= 1):
            check.add(where, name, _("A share is a fraction from 0 to 1 (0.3 for 30 %)."))
    _unknown_consistent(tier.refund_share, tier.verification, where, "refund_share", check)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


@cache
def shipped_lines() -> dict[str, FinanceLine]:
    """The lines shipped in ``data/finance/lines`` by id (CatalogueError if one is broken)."""
    folder = resources.files("openeip.data.finance") / "lines"
    lines: dict[str, FinanceLine] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml"):
            continue
        try:
            line = parse_line(yaml.safe_load(entry.read_text("utf-8")), entry.name)
        except IntakeError as error:
            raise CatalogueError("; ".join(str(p) for p in error.problems)) from None
        lines[line.id] = line
    return lines


def load_line(line_id: str) -> FinanceLine:
    """A shipped line by id; DomainError naming the known ids otherwise."""
    lines = shipped_lines()
    if line_id not in lines:
        raise DomainError(_("No finance line '{id}'; the shipped lines are: {known}.").format(
            id=line_id, known=", ".join(lines)), "line")
    return lines[line_id]


def check_not_shipped(line: FinanceLine) -> None:
    """IntakeError when an imported line would take a shipped line's id."""
    if line.id in shipped_lines():
        raise IntakeError([Problem(line.id, None, "id", _(
            "'{id}' is a shipped line and is never overwritten; give your adapted line its own "
            "id and name the shipped one in based_on.").format(id=line.id))])


def read_line_file(content: bytes, filename: str) -> FinanceLine:
    """A line from an uploaded ``.yaml``/``.yml`` or ``.xlsx`` file, or IntakeError."""
    if filename.lower().endswith(".xlsx"):
        from openeip.core.finance.lines.workbook import workbook_to_data

        return parse_line(workbook_to_data(content, filename), filename)
    try:
        data = yaml.safe_load(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError) as error:
        raise IntakeError([Problem(filename, None, None, _(
            "The file is not readable YAML ({error}); save it as UTF-8 YAML or use the XLSX "
            "template.").format(error=str(error).splitlines()[0]))]) from None
    return parse_line(data, filename)


def line_to_data(line: FinanceLine) -> dict[str, Any]:
    """The line as plain data (what a YAML file holds)."""
    data: dict[str, Any] = {}
    for name in _LINE_FIELDS:
        value = getattr(line, name)
        if name in _PARTS:
            value = [_entry(item) for item in value]
        elif name == "instruments":
            value = list(value)
        data[name] = value
    return data


def _entry(item: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if isinstance(value, Verification):
            value = value.value
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def line_to_yaml(line: FinanceLine) -> str:
    """The line as a YAML text :func:`parse_line` reads back unchanged."""
    stream = io.StringIO()
    yaml.safe_dump(line_to_data(line), stream, allow_unicode=True, sort_keys=False, width=100)
    return stream.getvalue()

