"""The shared vocabulary of the industrial-symbiosis engines (data only, no behaviour).

Everything the taxonomy, classifier, knowledge base, matcher, benefit calculator, optimiser,
CLI and web layer pass between each other is one of these frozen dataclasses. Quantities are
always **per year in the class's base unit** (``t``, ``m3`` or ``MWh``); money is VND per year.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from enum import StrEnum

# Direction is core's one direction (openeip.core.domain); named here too for older imports
from openeip.core import formatting
from openeip.core.domain import Direction as Direction
from openeip.core.i18n import gettext, gettext_noop
from openeip.core.i18n import language as use_language
from openeip.core.units import BASE_UNITS as CORE_BASE_UNITS


class Family(StrEnum):
    """What a resource class is, broadly."""

    MATERIAL = "material"        # a virgin or purchased input (sand, limestone, caustic soda)
    WASTE = "waste"              # something the firm pays to get rid of
    BY_PRODUCT = "by_product"    # a residue with a market or a use (bran, slag, gypsum)
    ENERGY = "energy"            # steam, heat, hot water, fuel gases, surplus electricity
    WATER = "water"              # water by quality (treated effluent, condensate, rainwater)
    SERVICE = "service"          # shared treatment, collection, transport, infrastructure


class Form(StrEnum):
    """Physical form; decides transport mode and cost."""

    SOLID = "solid"
    LIQUID = "liquid"
    SLUDGE = "sludge"
    GAS = "gas"
    STEAM = "steam"
    HEAT = "heat"                # hot water / thermal oil / flue gas heat carried by pipe
    ELECTRICITY = "electricity"
    SERVICE = "service"


class Scope(StrEnum):
    """How far the matcher looks from a stream."""

    PARK = "park"                # same park only
    CROSS_PARK = "cross_park"    # other parks only
    REGION = "region"            # everything within the rule's maximum distance


#: the units a stream is counted in: core's base units of mass, volume and energy
#: (openeip.core.units.BASE_UNITS), written as the data files write them ('m3' for 'm**3')
BASE_UNITS = tuple(CORE_BASE_UNITS[dimension].replace("**", "")
                   for dimension in ("mass", "volume", "energy"))


@dataclass(frozen=True, slots=True)
class ResourceClass:
    """One class of the resource taxonomy (``data/symbiosis/resource_classes.csv``)."""

    code: str                        # "fly_ash", "steam_lp", "hot_water_60_90"
    parent: str                      # group code ("" for a top group); rules may name a group
    family: Family
    form: Form
    hazardous: bool
    base_unit: str                   # one of BASE_UNITS
    name_en: str
    name_vi: str
    synonyms_en: tuple[str, ...] = ()
    synonyms_vi: tuple[str, ...] = ()    # written with diacritics; matching folds them
    ewc_codes: tuple[str, ...] = ()      # European List of Waste, "10 01 02"
    vn_codes: tuple[str, ...] = ()       # Circular 02/2022/TT-BTNMT hazardous-waste codes
    density_t_per_m3: float | None = None
    ncv_gj_per_t: float | None = None
    moisture_pct: float | None = None
    source: str = ""                     # key into data/sources.csv or a citation
    verified: bool = False

    def name(self, language: str) -> str:
        return self.name_vi if language == "vi" and self.name_vi else self.name_en


@dataclass(frozen=True, slots=True)
class SynergyRule:
    """A supply class that can serve a demand class (``data/symbiosis/synergy_rules.csv``).

    ``supply_class`` and ``demand_class`` may name a group: the rule then covers every
    descendant. One unit of supply replaces ``substitution_ratio`` units of the demand class
    (each in its own base unit).
    """

    code: str                            # "SR-001"
    supply_class: str
    demand_class: str
    kind: str                    # "by_product_exchange" | "utility_sharing" | "joint_service"
    use_en: str
    use_vi: str
    substitution_ratio: float
    processing_en: str = ""
    processing_vi: str = ""
    processing_cost_vnd_per_unit: float = 0.0   # per base unit of supply received
    conditions_en: str = ""
    conditions_vi: str = ""
    min_temperature_c: float | None = None      # quality constraint on the supply stream
    requires_permit: bool = False               # hazardous waste: the receiver needs a licence
    avoided_fate: str = ""                      # the supplier's disposal avoided: "landfill", …
    max_distance_km: float = 50.0               # steam/heat rules are short
    source: str = ""
    evidence: str = "engineering_practice"      # "cited" | "engineering_practice"


@dataclass(frozen=True, slots=True)
class Classification:
    """What the classifier made of one description."""

    resource_class: str                  # "" when nothing scored
    confidence: float                    # 0–1
    decisive_terms: tuple[str, ...]      # the words or phrases that decided
    alternatives: tuple[tuple[str, float], ...] = ()   # (class code, confidence), best first
    corrected: bool = False              # True when a stored user correction decided
    # classes typical of the firm's sector, best first, when the words decided weakly
    sector_classes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Stream:
    """One offer or need of one firm."""

    id: str
    company: str
    direction: Direction
    description: str
    resource_class: str                  # taxonomy code, from the classifier or confirmed
    park: str = ""
    sector: str = ""                     # VSIC code or sector name
    quantity: float | None = None        # per year, in ``unit``
    unit: str = ""                       # the class's base unit
    latitude: float | None = None
    longitude: float | None = None
    hazardous: bool = False
    temperature_c: float | None = None
    months: frozenset[int] = field(default_factory=frozenset)   # empty = all year
    size_band: str = ""                  # for anonymised display: "small", "medium", "large"
    # the same stream read as its description's next class (classify.further_readings; that
    # reading's own also_read_as is the one after it): the search matches every reading
    # beside this one and keeps the best of them per partner
    also_read_as: Stream | None = None
    further_reading: bool = False        # this stream is a further reading of another
    sector_reading: bool = False         # ... one its firm's sector suggested (Classification)


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One visible component of a candidate's score."""

    name: str                            # "class_fit", "distance", "quantity_fit", "timing", …
    weight: float
    value: float                         # 0–1
    note: str = ""                       # human explanation, in the current language

    def text(self) -> str:
        """The part as an explanation says it, in the current language's words and digits:
        "class fit 0.20×0.90 (…)", "mức phù hợp về nhóm 0,20×0,90 (…)"."""
        return "{}{}{}".format(part_head(self.name, self.weight),
                               formatting.fixed(self.value, 2),
                               " ({})".format(self.note) if self.note else "")


#: what a reader calls each score part (message ids: translated when an explanation is written)
PART_LABELS = {"class_fit": gettext_noop("class fit"), "distance": gettext_noop("distance"),
               "quantity_fit": gettext_noop("quantity fit"), "timing": gettext_noop("timing"),
               "quality": gettext_noop("quality")}


def part_head(name: str, weight: float) -> str:
    """A part's name and weight as an explanation begins it: "class fit 0.20×"."""
    label = gettext(PART_LABELS[name]) if name in PART_LABELS else name.replace("_", " ")
    return "{} {}×".format(label, formatting.fixed(weight, 2))


@dataclass(frozen=True, slots=True)
class Benefit:
    """Yearly benefit of one exchange at ``quantity`` (supply base units per year).

    ``unpriced`` names the money terms (``avoided_purchase_vnd``, ``avoided_disposal_vnd``)
    that no factor row prices: they are 0 because the price is unknown, not because the
    exchange saves nothing (an explicit 0 in the factors is priced). The net benefit then
    leaves them out, and so does the CO2e of the same virgin input or disposal route.
    """

    quantity: float
    avoided_purchase_vnd: float
    avoided_disposal_vnd: float
    transport_vnd: float
    processing_vnd: float
    co2e_avoided_t: float
    waste_diverted_t: float
    water_saved_m3: float
    energy_recovered_mwh: float
    factor_versions: tuple[str, ...] = ()
    unpriced: tuple[str, ...] = ()       # money terms left at 0 for want of a factor

    @property
    def net_vnd(self) -> float:
        return (self.avoided_purchase_vnd + self.avoided_disposal_vnd
                - self.transport_vnd - self.processing_vnd)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A scored possible exchange between one supply and one demand."""

    supply_id: str
    demand_id: str
    rule_code: str
    resource_class: str
    use: str                             # the rule's use text in the current language
    distance_km: float | None
    matched_quantity: float | None       # supply base units per year
    unit: str
    score: float                         # 0–1, the weighted sum of ``parts``
    parts: tuple[ScorePart, ...]
    benefit: Benefit | None
    rank_for_supply: int = 0             # 1 = best for that supply
    rank_for_demand: int = 0
    language: str = ""                   # of the notes ("": the current language)
    #: the score below which it was marked weak (scoring.weak_below), None when it is not
    weak_below: float | None = None

    def explanation(self) -> str:
        """The parts as one text, their names and digits in the notes' language (not in the
        language current when it is asked for: one text, one language); a weak candidate
        says so at the end (:func:`weak_note`)."""
        with use_language(self.language) if self.language else nullcontext():
            parts = [part.text() for part in self.parts]
            if self.weak_below is not None:
                parts.append(weak_note(self.weak_below))
            return "; ".join(parts)


def weak_note(below: float) -> str:
    """What a candidate scored below ``below`` says at the end of its explanation (the
    precision samples found almost none of them plausible), in the current language."""
    return gettext("weak candidate: below a score of {score} few candidates were judged "
                   "plausible; it is listed because nothing better is in reach").format(
                       score=formatting.fixed(below, 2))
