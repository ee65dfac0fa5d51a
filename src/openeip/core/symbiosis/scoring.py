r"""The score of a supply–demand pair, computed for many pairs at once (numpy).

A pair (supply *s*, demand *t*) linked by rule *r* (reach :math:`R`, ratio :math:`\rho`) is a
candidate only if it passes every hard condition:

* the two streams belong to different companies;
* the road distance is at most the carrier's PHYSICAL maximum :math:`H` (when it is known):
  ``data/symbiosis/carrier_limits.csv`` per transport mode (steam 20 km, hot water 50 km, gas
  100 km, water by pipe 60 km, trucks and grid 2,000 km — engineering estimates, unverified),
  never below the rule's own reach. Between the rule's typical reach :math:`R` and :math:`H`
  a pair is a candidate whose distance part keeps falling (steam at 7 km by road scores 0.15
  on distance; it is not refused);
* the supply's temperature is at least the rule's minimum (when both are known): heat does not
  flow to a hotter sink (second law of thermodynamics; a heat pump is another rule);
* a supply that cannot be stored (steam, heat, electricity, gas) shares a month with the demand
  (it cannot wait for the receiver: physics again).

Everything else is soft: distance, quantity and timing only lower the score, and a part that
cannot be judged (no coordinates, no quantity) takes the neutral value 0.5 with a visible note.

Its score is the weighted mean :math:`\sum_i w_i v_i / \sum_i w_i` of five parts in [0, 1]
(weights in ``data/symbiosis/score_weights.csv``):

==============  ===================================================================================
part            value
==============  ===================================================================================
class_fit       :math:`(1 - 0.1\,(a_s + a_t)) \cdot (1 \text{ if cited else } 0.9)`, at least 0.5,
                where :math:`a_s, a_t` count the levels between each stream's class and the class
                the rule names (0 when the rule names the stream's own class); times
                :data:`FURTHER_READING_FIT` for each side read another way
distance        :math:`1 / (1 + d / (R/4))` for road distance :math:`d` (1 at 0 km, 0.2 at the
                typical reach R, 0.11 at 2R, on towards 0 up to the hard maximum H); 0.5 when
                unknown. Road distance = haversine × road factor; a stream without
                coordinates in a park whose other streams have them is placed at the
                park's location (their mean; ``place_in_parks``), and two streams of one
                park, one of them without coordinates, are taken as ``SAME_PARK_KM`` (2 km)
                apart
quantity_fit    :math:`(m/(q_s\rho) + m/q_t)/2` with :math:`m = \min(q_s\rho, q_t)` (mean of the
                share of the supply placed and of the need covered); 0.5 when a quantity is unknown
timing          months both streams exist in / months either exists in (no months = all year)
quality         1, or 0.5 when the rule needs a minimum temperature and the supply's is unknown;
                × 0.8 when the supply is hazardous or the rule needs a permit
==============  ===================================================================================

Because every part is at most 1 and the distance part falls with distance, a pair whose road
distance is at least :math:`d_{min}` scores at most
:math:`(w_{cf} v_{cf}^{max} + w_d / (1 + d_{min}/(R/4)) + w_q + w_t + w_{ql}) / \sum w` —
the bound the matcher uses to skip pairs that cannot enter any top-k.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from openeip.core.catalogues.versioned import number, read_versioned
from openeip.core.errors import CatalogueError, DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.geo import haversine_km_radians
from openeip.core.symbiosis.model import Form, Stream

__all__ = [
    "ALL_YEAR",
    "FROM_PARK",
    "MEASURED",
    "PARTS",
    "SAME_PARK",
    "SAME_PARK_KM",
    "PairScores",
    "StreamArrays",
    "default_weights",
    "checked_weights",
    "distance_value",
    "place_in_parks",
    "score_pairs",
    "stream_arrays",
]

#: the class fit of a stream's further reading (classify.further_readings) is lowered by this
#: factor: the firm's words favour the first, so at equal other parts its candidates rank
#: first (7 Dec 2026, LOPO recall@1 with second readings from 0.3 of the winner: 0.533 at 1,
#: 0.560 at 0.9, 0.573 at 0.8 and 0.7; recall@5 of the held-out parts the same at all four)
FURTHER_READING_FIT = 0.8
PARTS = ("class_fit", "distance", "quantity_fit", "timing", "quality")
SAME_PARK_KM = 2.0          # assumed road distance inside one park when coordinates are missing
ALL_YEAR = 0xFFF            # months bit mask: bit m-1 set for month m
UNKNOWN_VALUE = 0.5         # a part that cannot be judged is neither good nor bad
HAZARD_FACTOR = 0.8
NON_STORABLE = frozenset({Form.STEAM, Form.HEAT, Form.ELECTRICITY, Form.GAS})

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

#: the number of months in each months bit mask
POPCOUNT = np.array([bin(mask).count("1") for mask in range(ALL_YEAR + 1)], dtype=np.float64)


@lru_cache(maxsize=1)
def default_weights() -> dict[str, float]:
    """The shipped weights of the score parts."""
    table = read_versioned("openeip.data.symbiosis", "score_weights.csv")
    weights = {row["part"]: number(row["weight"], "score_weights.csv", row["part"])
               for row in table.rows}
    if set(weights) != set(PARTS):
        raise CatalogueError("score_weights.csv: parts must be exactly {}".format(", ".join(PARTS)))
    return weights


@lru_cache(maxsize=1)
def weak_below() -> float:
    """The score below which a candidate is marked weak (``data/symbiosis/candidate_marks.csv``:
    below it the precision samples found almost no candidate plausible)."""
    table = read_versioned("openeip.data.symbiosis", "candidate_marks.csv")
    for row in table.rows:
        if row["mark"] == "weak":
            return number(row["below_score"], "candidate_marks.csv", "weak")
    raise CatalogueError("candidate_marks.csv: the mark 'weak' is missing")


def is_weak(score: float | FloatArray) -> BoolArray:
    """Whether a score (or each of an array of scores) is below :func:`weak_below`."""
    weak: BoolArray = np.less(score, weak_below())
    return weak


def checked_weights(weights: Mapping[str, float] | None) -> dict[str, float]:
    """The default weights with ``weights`` applied; unknown parts or bad values refused."""
    merged = dict(default_weights())
    for name, value in (weights or {}).items():
        if name not in PARTS:
            raise DomainError(
                _("Unknown score part {name}; the parts are {parts}.").format(
                    name=name, parts=", ".join(PARTS)), "weights")
        if not value >= 0:
            raise DomainError(
                _("The weight of {name} is {value}; weights must be zero or positive.").format(
                    name=name, value=value), "weights")
        merged[name] = float(value)
    if sum(merged.values()) <= 0:
        raise DomainError(_("At least one score weight must be positive."), "weights")
    return merged


def months_mask(months: frozenset[int]) -> int:
    if not months:
        return ALL_YEAR
    mask = 0
    for month in months:
        if not 1 <= month <= 12:
            raise DomainError(
                _("Month {month} is not between 1 and 12.").format(month=month), "months")
        mask |= 1 << (month - 1)
    return mask


@dataclass(frozen=True, slots=True)
class StreamArrays:
    """The columns of a list of streams that the scorer reads."""

    streams: Sequence[Stream]
    cls: IntArray          # index into the class list, -1 when unclassified or unknown
    lat: FloatArray        # NaN when missing
    lon: FloatArray
    park: IntArray         # -1 when the stream names no park
    company: IntArray      # -1 when the stream names no company
    qty: FloatArray        # NaN when unknown
    temp: FloatArray       # NaN when unknown
    months: IntArray       # bit mask, ALL_YEAR when empty
    hazardous: BoolArray
    phi: FloatArray        # latitude in radians
    lam: FloatArray        # longitude in radians
    cos_phi: FloatArray
    origin: IntArray       # position -> index in ``streams`` (see :meth:`permuted`)
    #: placed at its park's location, having no coordinates of its own (:func:`place_in_parks`)
    placed: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=np.bool_))
    #: the stream's factor on class fit: :data:`FURTHER_READING_FIT` for a further reading, else 1
    fit_scale: FloatArray = field(default_factory=lambda: np.ones(0))

    def permuted(self, order: IntArray) -> StreamArrays:
        """The same columns in the order ``order`` (positions of the current order)."""
        return replace(self, **{name: getattr(self, name)[order] for name in (
            "cls", "lat", "lon", "park", "company", "qty", "temp", "months", "hazardous", "phi",
            "lam", "cos_phi", "origin", "placed", "fit_scale")})


def _floats(values: Sequence[float | None]) -> FloatArray:
    # None is not a float: an object array turns it into NaN only through this mask
    array = np.array(values, dtype=object)
    missing = array == np.array(None, dtype=object)
    array[missing] = np.nan
    return array.astype(np.float64)


def _codes(values: Sequence[str], book: dict[str, int],
           fixed: Mapping[str, int] | None = None) -> IntArray:
    """Integer code of each value: from ``fixed`` when given (missing keys are -1), else from
    ``book``, which grows with new values; "" is -1."""
    distinct = dict.fromkeys(values)
    if fixed is not None:
        lookup = {v: fixed.get(v, -1) for v in distinct}
    else:
        lookup = {}
        for value in distinct:
            if value and value not in book:
                book[value] = len(book)
            lookup[value] = book[value] if value else -1
    return np.fromiter(map(lookup.__getitem__, values), dtype=np.int64, count=len(values))


def stream_arrays(streams: Sequence[Stream], class_index: Mapping[str, int],
                  parks: dict[str, int], companies: dict[str, int]) -> StreamArrays:
    """Columns of ``streams``; ``parks`` and ``companies`` are shared code books (grown here)."""
    n = len(streams)
    classes = [s.resource_class for s in streams]
    park = [s.park for s in streams]
    company = [s.company for s in streams]
    months = [s.months for s in streams]
    lat_ = [s.latitude for s in streams]
    lon_ = [s.longitude for s in streams]
    qty = [s.quantity for s in streams]
    temp = [s.temperature_c for s in streams]
    hazardous = [s.hazardous for s in streams]
    mask_of = {m: months_mask(m) for m in set(months)}
    lat = _floats(lat_)
    lon = _floats(lon_)
    return StreamArrays(
        streams=streams,
        cls=_codes(classes, {}, class_index),
        lat=lat,
        lon=lon,
        park=_codes(park, parks),
        company=_codes(company, companies),
        qty=_floats(qty),
        temp=_floats(temp),
        months=np.fromiter(map(mask_of.__getitem__, months), dtype=np.int64, count=n),
        hazardous=np.array(hazardous, dtype=np.bool_),
        phi=np.radians(lat),
        lam=np.radians(lon),
        cos_phi=np.cos(np.radians(lat)),
        origin=np.arange(n, dtype=np.int64),
        placed=np.zeros(n, dtype=np.bool_),
        fit_scale=np.array([FURTHER_READING_FIT if s.further_reading else 1.0 for s in streams],
                           dtype=np.float64),
    )


def class_fit(table: FloatArray, sup: StreamArrays, dem: StreamArrays, s: IntArray,
              d: IntArray) -> FloatArray:
    """The class_fit part of pairs (s[i], d[i]): the rule's fit for their classes (``table``,
    [supply class, demand class]), lowered for a further reading (:data:`FURTHER_READING_FIT`)."""
    return np.asarray(table[sup.cls[s], dem.cls[d]] * sup.fit_scale[s] * dem.fit_scale[d])


def place_in_parks(sup: StreamArrays, dem: StreamArrays) -> tuple[StreamArrays, StreamArrays]:
    """Each stream without coordinates in a park where other streams (of either side) have
    them is placed at the park's location — the mean of those coordinates — and marked
    ``placed``: its distances to streams of other parks are estimates from there (a firm of
    a park lies within the park's extent, a few km at most), and within its own park it is
    :data:`SAME_PARK_KM` from the others (:func:`road_distance`). Without this, such a stream
    had no distance to anything: every stream of the country was as near as every other."""
    park = np.concatenate([sup.park, dem.park])
    lat = np.concatenate([sup.lat, dem.lat])
    lon = np.concatenate([sup.lon, dem.lon])
    located = ~np.isnan(lat) & ~np.isnan(lon)
    missing = ~located & (park >= 0)
    if not missing.any():
        return sup, dem
    parks = int(park.max()) + 1
    known = located & (park >= 0)
    count = np.bincount(park[known], minlength=parks)
    with np.errstate(invalid="ignore", divide="ignore"):
        centre_lat = np.bincount(park[known], weights=lat[known], minlength=parks) / count
        centre_lon = np.bincount(park[known], weights=lon[known], minlength=parks) / count
    placed = missing & (count[np.maximum(park, 0)] > 0)
    if not placed.any():
        return sup, dem
    lat = np.where(placed, centre_lat[np.maximum(park, 0)], lat)
    lon = np.where(placed, centre_lon[np.maximum(park, 0)], lon)
    n = len(sup.park)

    def side(arrays: StreamArrays, part: slice) -> StreamArrays:
        lat_, lon_ = lat[part], lon[part]
        return replace(arrays, lat=lat_, lon=lon_, phi=np.radians(lat_), lam=np.radians(lon_),
                       cos_phi=np.cos(np.radians(lat_)), placed=placed[part])

    return side(sup, slice(0, n)), side(dem, slice(n, None))


def distance_value(distance_km: FloatArray | float, reach_km: FloatArray | float) -> FloatArray:
    """The distance part: 1 / (1 + d / (reach / 4))."""
    return np.asarray(1.0 / (1.0 + np.asarray(distance_km) / (np.asarray(reach_km) / 4.0)))


@dataclass(frozen=True, slots=True)
class PairScores:
    """Scores of pairs; every array has one entry per pair that passed the hard conditions."""

    keep: BoolArray            # over the INPUT pairs: which passed
    distance_km: FloatArray    # road km, NaN when unknown
    basis: IntArray            # how the distance is known: MEASURED, SAME_PARK or FROM_PARK
    class_fit: FloatArray
    distance: FloatArray
    quantity_fit: FloatArray
    timing: FloatArray
    quality: FloatArray
    score: FloatArray


@dataclass(frozen=True, slots=True)
class RuleColumns:
    """Per-rule and per-class columns the scorer reads, indexed by rule or class index."""

    reach_km: FloatArray       # the rule's typical reach R (the distance curve's scale)
    hard_km: FloatArray        # beyond this road distance the carrier cannot deliver at all
    min_temp: FloatArray       # NaN when the rule has none
    ratio: FloatArray
    permit: BoolArray
    class_storable: BoolArray
    class_hazardous: BoolArray
    road_factor: float
    weights: Mapping[str, float]


def quantity_and_timing(sup: StreamArrays, dem: StreamArrays, s: IntArray, d: IntArray,
                        ratio: FloatArray | float) -> tuple[FloatArray, FloatArray]:
    """The quantity_fit and timing parts of pairs (s[i], d[i]) (see the module doc)."""
    offered = sup.qty[s] * ratio
    needed = dem.qty[d]
    with np.errstate(invalid="ignore", divide="ignore"):
        matched = np.minimum(offered, needed)               # NaN when either is unknown
        fit = (matched / offered + matched / needed) / 2
        positive = (offered > 0) & (needed > 0)             # False for NaN
        known = matched == matched
    qty_part: FloatArray = np.where(positive, fit, np.where(known, 0.0, UNKNOWN_VALUE))
    months_s, months_d = sup.months[s], dem.months[d]
    timing: FloatArray = POPCOUNT[months_s & months_d] / POPCOUNT[months_s | months_d]
    return qty_part, timing


#: how a pair's distance is known (``PairScores.basis``): from both streams' coordinates;
#: SAME_PARK_KM assumed (one park, a stream without coordinates); estimated from the location
#: of the park of a stream without coordinates (:func:`place_in_parks`)
MEASURED, SAME_PARK, FROM_PARK = 0, 1, 2


def road_distance(sup: StreamArrays, dem: StreamArrays, s: IntArray, d: IntArray,
                  road_factor: float) -> tuple[FloatArray, IntArray]:
    """Road km of pairs (NaN when unknown) and how each is known (MEASURED, SAME_PARK or
    FROM_PARK)."""
    straight = haversine_km_radians(sup.phi[s], sup.lam[s], sup.cos_phi[s], dem.phi[d],
                                    dem.lam[d], dem.cos_phi[d])
    road = straight * road_factor
    estimated = (sup.placed[s] | dem.placed[d]) if len(sup.placed) and len(dem.placed) else None
    unknown = np.isnan(road)
    if estimated is None or not estimated.any():
        estimated = None
        if not unknown.any():
            return road, np.zeros(len(road), dtype=np.int64)
    same_park = (sup.park[s] == dem.park[d]) & (sup.park[s] >= 0)
    assumed = (unknown if estimated is None else unknown | estimated) & same_park
    basis = np.where(assumed, SAME_PARK, MEASURED)
    if estimated is not None:
        basis = np.where(estimated & ~assumed, FROM_PARK, basis)
    return np.where(assumed, SAME_PARK_KM, road), basis.astype(np.int64)


def quality_part(sup: StreamArrays, s: IntArray, rule: IntArray | int,
                 cols: RuleColumns) -> FloatArray:
    """The quality part of supplies s[i] under rule[i] (see the module doc)."""
    return quality_value(np.isnan(sup.temp[s]), hazardous(sup, s, cols), rule, cols)


def hazardous(sup: StreamArrays, s: IntArray | slice, cols: RuleColumns) -> BoolArray:
    """Which supplies s[i] are marked hazardous or are of a hazardous class."""
    flagged: BoolArray = sup.hazardous[s] | cols.class_hazardous[np.maximum(sup.cls[s], 0)]
    return flagged


def quality_value(temperature_unknown: BoolArray, is_hazardous: BoolArray,
                  rule: IntArray | int, cols: RuleColumns) -> FloatArray:
    """The quality part of a supply whose temperature is unknown or not and that is
    hazardous or not, under ``rule``."""
    unknown = ~np.isnan(cols.min_temp[rule]) & temperature_unknown
    quality = np.where(unknown, UNKNOWN_VALUE, 1.0)
    result: FloatArray = np.where(is_hazardous | cols.permit[rule], quality * HAZARD_FACTOR,
                                  quality)
    return result


def hard_conditions(sup: StreamArrays, dem: StreamArrays, s: IntArray, d: IntArray,
                    rule: IntArray | int, road: FloatArray, cols: RuleColumns) -> BoolArray:
    """Which pairs pass the hard conditions (see the module doc); unknown values pass."""
    keep: BoolArray = ~((sup.company[s] == dem.company[d]) & (sup.company[s] >= 0))
    keep &= ~(road > cols.hard_km[rule])
    keep &= ~(sup.temp[s] < cols.min_temp[rule])
    keep &= ((sup.months[s] & dem.months[d]) != 0) | cols.class_storable[sup.cls[s]]
    return keep


def distance_part(road: FloatArray, reach: FloatArray | float) -> FloatArray:
    """The distance part of pairs ``road`` km apart (UNKNOWN_VALUE where NaN)."""
    with np.errstate(invalid="ignore"):
        value = distance_value(road, reach)
    return np.where(np.isnan(road), UNKNOWN_VALUE, value)


def score_pairs(sup: StreamArrays, dem: StreamArrays, s: IntArray, d: IntArray,
                rule: IntArray, class_fit: FloatArray, cols: RuleColumns) -> PairScores:
    """Apply the hard conditions to pairs (s[i], d[i]) under rule[i] and score those that pass."""
    road, basis = road_distance(sup, dem, s, d, cols.road_factor)
    keep = hard_conditions(sup, dem, s, d, rule, road, cols)
    s, d, rule, road = s[keep], d[keep], rule[keep], road[keep]
    fit = class_fit[keep]
    dist_part = distance_part(road, cols.reach_km[rule])
    qty_part, timing = quantity_and_timing(sup, dem, s, d, cols.ratio[rule])
    quality = quality_part(sup, s, rule, cols)
    w = cols.weights
    total = sum(w.values())
    score = (w["class_fit"] * fit + w["distance"] * dist_part + w["quantity_fit"] * qty_part
             + w["timing"] * timing + w["quality"] * quality) / total
    return PairScores(keep=keep, distance_km=road, basis=basis[keep], class_fit=fit,
                      distance=dist_part, quantity_fit=qty_part, timing=timing, quality=quality,
                      score=score)


def score_bound(weights: Mapping[str, float], class_fit_max: float, min_road_km: FloatArray,
                reach_km: float) -> FloatArray:
    """The highest score any pair at least ``min_road_km`` apart can reach (see module doc)."""
    total = sum(weights.values())
    near = distance_value(min_road_km, reach_km)
    return np.asarray((weights["class_fit"] * class_fit_max + weights["distance"] * near
                       + weights["quantity_fit"] + weights["timing"] + weights["quality"])
                      / total)
