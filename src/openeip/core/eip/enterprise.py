"""The eco-enterprise check of one firm (Decree 35/2022 Art. 37(2), certificate under Art. 40(2)).

What is checked is data (``openeip/data/eip/enterprise_items.csv``), as far as the sources read
allow — the text of Art. 37(2) itself was not found:

* ``recp`` (required): the firm applies cleaner production and resource efficiency — on the
  platform, at least one RECP option implemented or verified;
* ``symbiosis`` (required): it takes part in industrial symbiosis — at least one operating
  exchange (Art. 37(2)(b), Circular 05/2025 Art. 2(1));
* ``SOC.1``, ``SOC.2``, ``SOC.4``, ``SOC.6`` (form B5, reported only): evidence yes/no; SOC.1 and
  SOC.4 apply to firms with more than 100 workers.

Item status: MET / NOT_MET from the facts, UNKNOWN when the fact is not known, NOT_APPLICABLE
for a B5 item of a firm with at most 100 workers (UNKNOWN when the head count is unknown).
The firm's result: MET when every required item is met, NOT_MET when any required item is not
met, otherwise UNKNOWN. Every item carries its source, clause and verification label.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from openeip.core.catalogues.versioned import read_versioned
from openeip.core.eip.model import AppliesTo, Status, Verification
from openeip.core.errors import CatalogueError

__all__ = [
    "WORKERS_THRESHOLD",
    "EnterpriseItem",
    "EnterpriseResult",
    "FirmFacts",
    "ItemResult",
    "check_enterprise",
    "check_enterprises",
    "enterprise_items",
]

#: B5 items marked "firms with > 100 workers" apply above this head count
WORKERS_THRESHOLD = 100


@dataclass(frozen=True, slots=True)
class EnterpriseItem:
    code: str
    required: bool
    applies_to: AppliesTo
    text_en: str
    text_vi: str
    source: str
    clause: str
    verification: Verification
    note_en: str
    note_vi: str

    def text(self, language: str) -> str:
        return self.text_vi if language == "vi" and self.text_vi else self.text_en

    def note(self, language: str) -> str:
        return self.note_vi if language == "vi" and self.note_vi else self.note_en


@dataclass(frozen=True, slots=True)
class FirmFacts:
    """What the platform knows about one firm for the year; ``None`` = not known."""

    code: str
    name: str = ""
    recp_options_implemented: int | None = None
    operating_exchanges: int | None = None
    employees: int | None = None
    b5: Mapping[str, bool | None] = field(default_factory=dict)   # evidence per B5 item code


@dataclass(frozen=True, slots=True)
class ItemResult:
    item: EnterpriseItem
    status: Status
    value: int | bool | None             # the fact the status was read from


@dataclass(frozen=True, slots=True)
class EnterpriseResult:
    code: str
    name: str
    status: Status                       # of the required items together
    items: tuple[ItemResult, ...]


@cache
def enterprise_items() -> tuple[EnterpriseItem, ...]:
    table = read_versioned("openeip.data.eip", "enterprise_items.csv")
    items = []
    for row in table.rows:
        try:
            items.append(EnterpriseItem(
                code=row["code"], required=row["required"] == "yes",
                applies_to=AppliesTo(row["applies_to"]), text_en=row["text_en"],
                text_vi=row["text_vi"], source=row["source"], clause=row["clause"],
                verification=Verification(row["verification"]), note_en=row["note_en"],
                note_vi=row["note_vi"]))
        except (KeyError, ValueError) as error:
            raise CatalogueError("enterprise_items.csv {}: {}".format(
                row.get("code"), error)) from error
    return tuple(items)


def _at_least_one(count: int | None) -> Status:
    if count is None:
        return Status.UNKNOWN
    return Status.MET if count >= 1 else Status.NOT_MET


def _item(item: EnterpriseItem, facts: FirmFacts) -> ItemResult:
    if item.code == "recp":
        return ItemResult(item, _at_least_one(facts.recp_options_implemented),
                          facts.recp_options_implemented)
    if item.code == "symbiosis":
        return ItemResult(item, _at_least_one(facts.operating_exchanges),
                          facts.operating_exchanges)
    if item.applies_to is AppliesTo.FIRMS_OVER_100_WORKERS:
        if facts.employees is None:
            return ItemResult(item, Status.UNKNOWN, None)
        if facts.employees <= WORKERS_THRESHOLD:
            return ItemResult(item, Status.NOT_APPLICABLE, None)
    evidence = facts.b5.get(item.code)
    if evidence is None:
        return ItemResult(item, Status.UNKNOWN, None)
    return ItemResult(item, Status.MET if evidence else Status.NOT_MET, evidence)


def check_enterprise(facts: FirmFacts) -> EnterpriseResult:
    items = tuple(_item(item, facts) for item in enterprise_items())
    required = [result.status for result in items if result.item.required]
    if Status.NOT_MET in required:
        status = Status.NOT_MET
    elif all(s is Status.MET for s in required):
        status = Status.MET
    else:
        status = Status.UNKNOWN
    return EnterpriseResult(facts.code, facts.name, status, items)


def check_enterprises(firms: Iterable[FirmFacts]) -> tuple[EnterpriseResult, ...]:
    return tuple(check_enterprise(facts) for facts in firms)
