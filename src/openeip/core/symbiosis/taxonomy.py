"""The resource taxonomy of industrial symbiosis (``data/symbiosis/resource_classes.csv``).

Classes form a forest: a row's ``parent`` names its group ("" for a top group). A synergy rule
may name a group; it then covers every descendant. :class:`Taxonomy` answers the tree questions
the classifier, rule book and matcher ask — ``descendants`` (the class itself included),
``ancestors`` (the class itself first, the top group last) and ``leaves``.

The file is checked as a whole before anything is returned: a malformed cell, a duplicate code,
an unknown parent, a cycle of parents or a base unit outside ``t``, ``m3``, ``MWh`` raises
:class:`~openeip.core.errors.IntakeError` listing every problem with its line and column.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from types import MappingProxyType

from openeip.core.errors import DomainError, IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis._table import Row, data_text, read_rows
from openeip.core.symbiosis.model import BASE_UNITS, Family, Form, ResourceClass

__all__ = ["CLASS_COLUMNS", "CLASSES_FILE", "Taxonomy", "load_taxonomy", "parse_taxonomy"]

CLASSES_FILE = "resource_classes.csv"
CLASS_COLUMNS = (
    "code", "parent", "family", "form", "hazardous", "base_unit", "name_en", "name_vi",
    "synonyms_en", "synonyms_vi", "ewc_codes", "vn_codes", "density_t_per_m3", "ncv_gj_per_t",
    "moisture_pct", "source", "verified", "year",
)
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")
_FAMILIES = tuple(f.value for f in Family)
_FORMS = tuple(f.value for f in Form)


class Taxonomy:
    """An immutable, checked set of resource classes with their tree."""

    def __init__(self, classes: Iterable[ResourceClass], sheet: str = "taxonomy") -> None:
        by_code: dict[str, ResourceClass] = {}
        problems: list[Problem] = []
        for rc in classes:
            if rc.code in by_code:
                problems.append(Problem(sheet, None, "code", _(
                    "The code '{code}' is used twice; codes must be unique.").format(code=rc.code)))
            by_code[rc.code] = rc
        problems.extend(check_tree(by_code, sheet, {}))
        if problems:
            raise IntakeError(problems)
        self._classes: Mapping[str, ResourceClass] = MappingProxyType(by_code)
        children: dict[str, list[str]] = {code: [] for code in by_code}
        for rc in by_code.values():
            if rc.parent:
                children[rc.parent].append(rc.code)
        self._children = {code: tuple(kids) for code, kids in children.items()}
        self._descendants: dict[str, frozenset[str]] = {}
        self._ancestors: dict[str, tuple[str, ...]] = {}

    @property
    def classes(self) -> Mapping[str, ResourceClass]:
        return self._classes

    def get(self, code: str) -> ResourceClass:
        try:
            return self._classes[code]
        except KeyError:
            raise DomainError(_("'{code}' is not a class of the resource taxonomy.").format(
                code=code), "resource_class") from None

    def __contains__(self, code: object) -> bool:
        return code in self._classes

    def __iter__(self) -> Iterator[ResourceClass]:
        return iter(self._classes.values())

    def __len__(self) -> int:
        return len(self._classes)

    def children(self, code: str) -> tuple[str, ...]:
        self.get(code)
        return self._children[code]

    def is_leaf(self, code: str) -> bool:
        return not self.children(code)

    def leaves(self) -> frozenset[str]:
        return frozenset(code for code, kids in self._children.items() if not kids)

    def descendants(self, code: str) -> frozenset[str]:
        """``code`` and every class below it."""
        found = self._descendants.get(code)
        if found is None:
            self.get(code)
            collected = {code}
            for child in self._children[code]:
                collected |= self.descendants(child)
            found = self._descendants[code] = frozenset(collected)
        return found

    def ancestors(self, code: str) -> tuple[str, ...]:
        """``code`` first, then its parent, up to its top group."""
        found = self._ancestors.get(code)
        if found is None:
            chain = [code]
            parent = self.get(code).parent
            while parent:
                chain.append(parent)
                parent = self._classes[parent].parent
            found = self._ancestors[code] = tuple(chain)
        return found

    def is_a(self, code: str, group: str) -> bool:
        """Whether ``code`` is ``group`` or lies below it."""
        return group in self.ancestors(code)


def check_tree(by_code: Mapping[str, ResourceClass], sheet: str,
               lines: Mapping[str, int]) -> list[Problem]:
    """Problems with codes, parents, base units and cycles (``lines`` maps code → file line)."""
    problems: list[Problem] = []
    for rc in by_code.values():
        line = lines.get(rc.code)
        if not _CODE.match(rc.code):
            problems.append(Problem(sheet, line, "code", _(
                "'{code}' is not a valid code: use lower-case letters, digits and _, starting "
                "with a letter.").format(code=rc.code)))
        if rc.parent and rc.parent not in by_code:
            problems.append(Problem(sheet, line, "parent", _(
                "The parent '{parent}' is not a class in this file; add it or fix the "
                "spelling.").format(parent=rc.parent)))
        if rc.base_unit not in BASE_UNITS:
            problems.append(Problem(sheet, line, "base_unit", _(
                "The base unit '{unit}' is not one of: {allowed}.").format(
                unit=rc.base_unit, allowed=", ".join(BASE_UNITS))))
    for rc in by_code.values():
        seen = {rc.code}
        parent = rc.parent
        while parent in by_code:
            if parent in seen:
                problems.append(Problem(sheet, lines.get(rc.code), "parent", _(
                    "The parents of '{code}' form a cycle through '{parent}'; a class cannot lie "
                    "below itself.").format(code=rc.code, parent=parent)))
                break
            seen.add(parent)
            parent = by_code[parent].parent
    return problems


def _resource_class(row: Row) -> ResourceClass:
    family = row.choice("family", _FAMILIES)
    form = row.choice("form", _FORMS)
    row.number("year", positive=True)
    return ResourceClass(
        code=row.required("code"),
        parent=row.text("parent"),
        family=Family(family) if family in _FAMILIES else Family.MATERIAL,
        form=Form(form) if form in _FORMS else Form.SOLID,
        hazardous=row.flag("hazardous"),
        base_unit=row.required("base_unit"),
        name_en=row.required("name_en"),
        name_vi=row.required("name_vi"),
        synonyms_en=row.items("synonyms_en"),
        synonyms_vi=row.items("synonyms_vi"),
        ewc_codes=row.items("ewc_codes"),
        vn_codes=row.items("vn_codes"),
        density_t_per_m3=row.number("density_t_per_m3", positive=True),
        ncv_gj_per_t=row.number("ncv_gj_per_t", positive=True),
        moisture_pct=row.number("moisture_pct"),
        source=row.required("source"),
        verified=row.flag("verified"),
    )


def parse_taxonomy(text: str, sheet: str = CLASSES_FILE) -> Taxonomy:
    """A checked :class:`Taxonomy` from the text of a classes file, or :class:`IntakeError`."""
    rows, problems = read_rows(text, sheet, CLASS_COLUMNS)
    by_code: dict[str, ResourceClass] = {}
    lines: dict[str, int] = {}
    for row in rows:
        rc = _resource_class(row)
        problems.extend(row.problems)
        if rc.code in by_code:
            problems.append(Problem(sheet, row.line, "code", _(
                "The code '{code}' is already used on line {first}; codes must be "
                "unique.").format(code=rc.code, first=lines[rc.code])))
            continue
        by_code[rc.code] = rc
        lines[rc.code] = row.line
    problems.extend(check_tree(by_code, sheet, lines))
    if problems:
        raise IntakeError(problems)
    return Taxonomy(by_code.values(), sheet)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    """The shipped taxonomy (read and checked once)."""
    return parse_taxonomy(data_text(CLASSES_FILE), CLASSES_FILE)
