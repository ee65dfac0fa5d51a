"""The rows of MATCHES.csv computed in columns, chunk by chunk, from a :class:`MatchTable`.

:meth:`MatchTable.candidates` builds one :class:`~openeip.core.symbiosis.model.Candidate`
(five score parts with notes, a benefit) per row: at a national scale that is tens of millions
of objects. Here the same rows come out as columns of text, a chunk of rows at a time, so
memory stays bounded by the chunk:

* **order** — by supply (file order), its rank (candidates kept only for their demand last),
  best score first: one stable ``lexsort``, the order of
  :func:`openeip.core.symbiosis.streams_file.matches_csv`;
* **benefit** — the per-unit coefficients (:func:`openeip.core.symbiosis.benefits.unit_benefit`)
  once per distinct (rule, supply class, demand class), then the equations of ``benefits.py``
  over the candidate columns with numpy, term by term in the same order as
  :meth:`UnitBenefit.at` and :attr:`Benefit.net_vnd` (so the figures are the same floats);
* **explanation** — the notes depend on few values: the class note on (rule, classes), the
  timing part on the two month sets, the quality part on (rule, temperature, hazard); each is
  written once per distinct key by the functions the objects use, and only the distance and
  quantity notes carry per-row numbers, put into the translated sentence at write time;
* **numbers** — values in [0, 1] and bounded distances are formatted through a table of the
  strings Python's own formatting gives (found by bisection over the doubles, so the text is
  exactly ``"{:.2f}".format(x)``), anything else by Python per row.

``tests/core/symbiosis/test_match_rows.py`` checks that the rows equal those of the objects.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from openeip.core import formatting
from openeip.core.arrow_text import flags, positions, strings, text
from openeip.core.forked import forked_map
from openeip.core.i18n import current_language
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language as use_language
from openeip.core.symbiosis._search import pair_scores, runner
from openeip.core.symbiosis.match import (
    MatchTable,
    _class_note,
    _price_note,
    _quality_note,
    _timing_note,
    share_text,
)
from openeip.core.symbiosis.matches_file import (
    ArrowChunk,
    CsvChunk,
    MatchesWriter,
    Placement,
    arrow_table,
    csv_bytes,
)
from openeip.core.symbiosis.matches_file import quoted as as_csv
from openeip.core.symbiosis.model import ScorePart, Stream, part_head, weak_note
from openeip.core.symbiosis.scoring import (
    FROM_PARK,
    MEASURED,
    SAME_PARK,
    SAME_PARK_KM,
    UNKNOWN_VALUE,
    BoolArray,
    FloatArray,
    IntArray,
    is_weak,
    weak_below,
)
from openeip.core.symbiosis.streams_file import MATCH_COLUMNS

__all__ = ["CHUNK_ROWS", "match_arrow_chunks", "match_csv_chunks", "match_row_chunks"]

CHUNK_ROWS = 25_000
_BIG_RANK = np.iinfo(np.int64).max
_DISTANCE_TABLE_KM = 300.0
_TABLE_FROM_ROWS = 2_000        # fewer values are formatted one by one (a table is built
                                # once per run, in a few hundredths of a second)


@dataclass(frozen=True)
class _Table:
    """The strings of a monotone formatter on [low, high] and where each begins."""

    starts: FloatArray          # starts[k]: the smallest double formatted as texts[k]
    texts: Any                  # pyarrow string array
    low: float
    high: float
    format: Callable[[float], str]

    def __call__(self, values: FloatArray) -> Any:
        inside = (values >= self.low) & (values <= self.high) & ~np.signbit(values)
        index = np.searchsorted(self.starts, np.where(inside, values, self.low),
                                side="right") - 1
        if inside.all():
            return self.texts.take(positions(index))
        # values outside the table are formatted one by one, after its texts
        outside = np.flatnonzero(~inside)
        index[outside] = len(self.texts) + np.arange(len(outside))
        extra = strings([self.format(x) for x in values[outside].tolist()])
        return pa.concat_arrays([self.texts, extra]).take(positions(index))


def _bits(x: float) -> int:
    return int(np.array(x, dtype=np.float64).view(np.int64))


def _value(bits: int) -> float:
    return float(np.array(bits, dtype=np.int64).view(np.float64))


def _formatted(fmt: Callable[[float], str], high: float, values: FloatArray) -> Any:
    """``fmt`` of each value (a pyarrow string array): through the table of ``fmt`` on
    [0, high] for many values."""
    if len(values) < _TABLE_FROM_ROWS:
        return strings([fmt(x) for x in values.tolist()])
    return _table(fmt, high)(values)


@lru_cache(maxsize=16)
def _table(fmt: Callable[[float], str], high: float) -> _Table:
    """The table of ``fmt`` on [0, high]: each distinct text and the first double giving it."""
    starts = [0.0]
    texts = [fmt(0.0)]
    top = _bits(high)
    last = fmt(high)
    while True:
        current = texts[-1]
        if last == current:
            break
        lo, hi = _bits(starts[-1]), top          # fmt(lo) == current, fmt(hi) != current
        if len(starts) > 1:
            lo, hi = _bracket(fmt, current, starts, lo, hi)
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fmt(_value(mid)) == current:
                lo = mid
            else:
                hi = mid
        starts.append(_value(hi))
        texts.append(fmt(_value(hi)))
    return _Table(np.array(starts), strings(texts), 0.0, high, fmt)


def _bracket(fmt: Callable[[float], str], current: str, starts: list[float], lo: int,
             hi: int) -> tuple[int, int]:
    """A narrower (lo, hi) with fmt(lo) == current != fmt(hi), around the guess that the next
    text begins as far after the current one's start as the current one began after the
    previous (decimal steps are near even): doubling steps from the guess until it is
    bracketed, then the bisection has a few bits left instead of 64. Still exact: only the
    invariant of the bisection is used, never the guess itself."""
    guess = _bits(starts[-1] + (starts[-1] - starts[-2]))
    if not lo < guess < hi:
        return lo, hi
    if fmt(_value(guess)) == current:
        step = 1
        while guess + step < hi and fmt(_value(guess + step)) == current:
            step *= 2
        return max(lo, guess + step // 2), min(hi, guess + step)
    step = 1
    while guess - step > lo and fmt(_value(guess - step)) != current:
        step *= 2
    return max(lo, guess - step), min(hi, guess - step // 2)


def _three_rounded(x: float) -> str:
    return "{:.3f}".format(round(x, 3))


def _one_rounded(x: float) -> str:
    return "{:.1f}".format(round(x, 1))


@lru_cache(maxsize=8)
def _two_in(language: str) -> Callable[[float], str]:
    """A score part's value, two decimals in ``language``'s digits (as :meth:`ScorePart.text`);
    one function per language, so its table is cached."""
    def two(x: float) -> str:
        return formatting.fixed(x, 2, language)
    return two


@lru_cache(maxsize=8)
def _one(language: str) -> Callable[[float], str]:
    """A road distance in a note, one decimal in ``language``'s digits (as
    :func:`openeip.core.formatting.fixed`); one function per language, so its table is cached."""
    def one(x: float) -> str:
        return formatting.fixed(x, 1, language)
    return one


@lru_cache(maxsize=8)
def _percent(language: str) -> Callable[[float], str]:
    """A share in a note, whole percent in ``language``'s digits (as the per-object notes)."""
    def percent(x: float) -> str:
        return share_text(x, language)
    return percent


def _figure(value: float, digits: int) -> str:
    if not math.isfinite(value):
        return ""
    rounded = round(value, digits)
    return "{:.{digits}f}".format(rounded, digits=digits) if digits > 0 else str(int(rounded))


def _template(text: str, names: Sequence[str]) -> tuple[list[str], list[int]]:
    """``text`` (a translated sentence with ``{name}`` fields) cut at its fields: the literal
    pieces and, for each field in order of appearance, its position in ``names``."""
    marks = {name: "\x00{}\x00".format(i) for i, name in enumerate(names)}
    pieces = text.format(**marks).split("\x00")
    return pieces[0::2], [int(p) for p in pieces[1::2]]


def _fill(template: tuple[list[str], list[int]], *columns: Any) -> Any:
    """The template's sentence with each row's values (pyarrow string arrays) put in."""
    literal, order = template
    pieces: list[Any] = [text(literal[0])]
    for i, piece in zip(order, literal[1:], strict=True):
        pieces += [columns[i], text(piece)]
    if not order:
        return strings([literal[0]] * len(columns[0]))
    return pc.binary_join_element_wise(*pieces, text(""))


def _picked(texts: Sequence[str] | Any, index: IntArray) -> Any:
    """texts[index[i]] for each row, as a pyarrow string array."""
    return (texts if isinstance(texts, pa.Array) else strings(texts)).take(positions(index))


def _first_of_each(keys: np.ndarray) -> tuple[IntArray, IntArray]:
    """For each row, the index of its key among the distinct keys; and the first row of each."""
    _u, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return first.astype(np.int64), inverse.astype(np.int64)


def match_row_chunks(table: MatchTable, language: str = "en",
                     chunk_rows: int = CHUNK_ROWS) -> Iterator[dict[str, list[str]]]:
    """MATCHES.csv's rows (columns :data:`MATCH_COLUMNS`, as text) in order, by chunks."""
    if not len(table):
        return
    order = _row_order(table, chunk_rows)
    sides = _Sides(table)
    with use_language(language):
        for begin in range(0, len(order), chunk_rows):
            columns = sides.rows(order[begin:begin + chunk_rows], language)
            yield {name: column.to_pylist() for name, column in columns.items()}


def match_csv_chunks(table: MatchTable, language: str = "en", chunk_rows: int = CHUNK_ROWS,
                     workers: int = 1, into: MatchesWriter | None = None
                     ) -> Iterator[CsvChunk]:
    """The same rows as CSV (UTF-8, no header), chunk by chunk, in order — rendered on
    ``workers`` forked processes (:mod:`openeip.core.forked`). With ``into`` (the writer the
    chunks go to) the workers write their chunks into its file themselves
    (:meth:`MatchesWriter.placement`), without the bytes crossing a pipe."""
    yield from _rendered(_csv_chunk, table, language, chunk_rows, workers,
                         into.placement if into is not None else None)


def match_arrow_chunks(table: MatchTable, language: str = "en", chunk_rows: int = CHUNK_ROWS,
                       workers: int = 1, spool: Path | None = None) -> Iterator[ArrowChunk]:
    """The same rows typed for Parquet (:func:`arrow_table`), chunk by chunk, in order, on
    ``workers`` forked processes; with ``spool`` the workers write Arrow IPC files there,
    which the writer reads from their memory maps."""
    yield from _rendered(_arrow_chunk, table, language, chunk_rows, workers,
                         (lambda _chunks: spool) if spool is not None else None)


# sides, order, language, chunk rows, and where the workers put their chunks (a Placement in
# the CSV file, a spool folder for Arrow files; None: the chunks come back in memory)
_State = tuple["_Sides", IntArray, str, int, "Placement | Path | None"]
#: the columns :class:`_Sides` can give as CSV cells already (each text quoted once per stream
#: or rule, not once per row)
_QUOTED_ONCE = frozenset({"supply_id", "supply_company", "supply_description", "demand_id",
                          "demand_company", "demand_description", "resource_class", "use"})


_Chunk = TypeVar("_Chunk", CsvChunk, ArrowChunk)


def _rendered(render: Callable[[_State, int], _Chunk], table: MatchTable, language: str,
              chunk_rows: int, workers: int,
              target: Callable[[int], Placement | Path] | None) -> Iterator[_Chunk]:
    """``target``: given the number of chunks, where the workers put them."""
    if not len(table):
        return
    order = _row_order(table, chunk_rows)
    chunks = -(-len(order) // chunk_rows)
    state = (_Sides(table, quoted=render is _csv_chunk), order, language, chunk_rows,
             target(chunks) if workers > 1 and target is not None else None)
    with forked_map(render, state, workers) as run:
        yield from run(range(0, len(order), chunk_rows))


def _columns(state: _State, begin: int) -> tuple[dict[str, Any], int]:
    sides, order, language, chunk_rows, _spool = state
    at = order[begin:begin + chunk_rows]
    with use_language(language):
        return sides.rows(at, language), len(at)


def _csv_chunk(state: _State, begin: int) -> CsvChunk:
    chunk, rows = _columns(state, begin)
    text = csv_bytes(MATCH_COLUMNS, [chunk[name] for name in MATCH_COLUMNS], _QUOTED_ONCE)
    placement = state[4]
    if not isinstance(placement, Placement):
        return CsvChunk(rows, text)
    index = begin // state[3]
    placement.place(index, text)
    return CsvChunk(rows, placed=index)


def _arrow_chunk(state: _State, begin: int) -> ArrowChunk:
    chunk, rows = _columns(state, begin)
    typed = arrow_table(MATCH_COLUMNS, chunk)
    spool = state[4]
    if not isinstance(spool, Path):
        return ArrowChunk(rows, typed)
    path = spool / "rows-{:012d}.arrow".format(begin)
    with pa.OSFile(str(path), "wb") as sink, pa.ipc.new_file(sink, typed.schema) as writer:
        writer.write_table(typed)
    return ArrowChunk(rows, path=path)


def _row_order(table: MatchTable, chunk_rows: int) -> IntArray:
    """The candidates in the file's order: by supply (file order), its rank, then score."""
    rank = np.where(table.rank_for_supply > 0, table.rank_for_supply, _BIG_RANK)
    st = table.setup
    s_all, d_all = table.positions
    # the score recomputed per candidate (as the objects do) orders ties; first pass: scores
    # (by chunks: only the score is kept, not the parts, for millions of candidates)
    score = np.empty(len(table))

    def scored(begin: int) -> None:
        part = slice(begin, begin + chunk_rows)
        scores = pair_scores(st, s_all[part], d_all[part], table.rule_index[part])
        assert scores.keep.all(), "every candidate passed the hard conditions when found"
        score[part] = scores.score

    # on the search's threads for a large table (numpy's gathers release the GIL)
    with runner(len(table)) as run:
        for _done in run(scored, ((begin,) for begin in range(0, len(table), chunk_rows))):
            pass
    order: IntArray = np.lexsort((-score, rank, table.supply_stream))
    return order


class _Sides:
    """What the rows read of the streams and rules, as arrays and per-key caches; with
    ``quoted``, the columns :data:`_QUOTED_ONCE` come as CSV cells (:func:`quoted`)."""

    def __init__(self, table: MatchTable, quoted: bool = False) -> None:
        self.table = table
        self.quoted = quoted
        st = table.setup
        self.supplies: Sequence[Stream] = table.supplies
        self.demands: Sequence[Stream] = table.demands
        def texts(streams: Sequence[Stream], name: str) -> Any:
            cells = strings([getattr(stream, name) for stream in streams])
            return as_csv(cells) if quoted else cells

        self.sup_id = texts(self.supplies, "id")
        self.sup_company = texts(self.supplies, "company")
        self.sup_text = texts(self.supplies, "description")
        self.sup_class = texts(self.supplies, "resource_class")
        unit_of = {code: st.taxonomy.classes[code].base_unit for code in st.codes}
        # an unclassified supply has no candidate, and no unit
        self.sup_unit = strings([unit_of.get(s.resource_class, "") for s in self.supplies])
        self.dem_id = texts(self.demands, "id")
        self.dem_company = texts(self.demands, "company")
        self.dem_text = texts(self.demands, "description")
        self.sup_no_months = np.array([not s.months for s in self.supplies], dtype=np.int64)
        self.dem_no_months = np.array([not s.months for s in self.demands], dtype=np.int64)
        # 0 the stream's own reading, 1 a further reading, 2 one its firm's sector suggested
        self.sup_further = np.array([s.further_reading + s.sector_reading
                                     for s in self.supplies], dtype=np.int64)
        self.dem_further = np.array([s.further_reading + s.sector_reading
                                     for s in self.demands], dtype=np.int64)
        self.has_min_temp = ~np.isnan(st.cols.min_temp)
        self.class_parts: dict[int, tuple[str, tuple[float, ...]]] = {}
        self.timing_parts: dict[int, str] = {}
        self.quality_parts: dict[complex, str] = {}
        self.uses: dict[tuple[int, str], str] = {}

    # -------------------------------------------------------------------------- chunk
    def rows(self, at: IntArray, language: str) -> dict[str, Any]:
        """The rows ``at`` (positions in the table): each column a pyarrow string array."""
        table, st = self.table, self.table.setup
        s, d = table.positions[0][at], table.positions[1][at]
        supply, demand, rule = table.supply_index[at], table.demand_index[at], table.rule_index[at]
        sc = pair_scores(st, s, d, rule)
        known = ~np.isnan(sc.distance_km)
        w = table.weights
        q_s, q_d = st.sup.qty[s], st.dem.qty[d]
        ratio = st.cols.ratio[rule]
        quantity, quantity_notes = self._quantity(q_s, q_d, ratio)
        class_key = (((rule * len(st.codes) + st.sup.cls[s]) * len(st.codes) + st.dem.cls[d]) * 9
                     + 3 * self.sup_further[supply] + self.dem_further[demand])
        class_texts, unit = self._class_parts(class_key, supply, demand, rule, sc.class_fit,
                                              language)
        net, co2e = self._benefit(quantity, sc.distance_km, known, unit)
        distance_part = pc.binary_join_element_wise(
            text(part_head("distance", w["distance"])),
            _formatted(_two_in(language), 1.0, sc.distance), text(" ("),
            self._distance_notes(sc.distance_km, sc.basis), text(")"), text(""))
        quantity_part = pc.binary_join_element_wise(
            text(part_head("quantity_fit", w["quantity_fit"])),
            _formatted(_two_in(language), 1.0, sc.quantity_fit), text(" ("), quantity_notes,
            text(")"), text(""))
        timing_part = self._timing_parts(supply, demand, s, d, sc.timing)
        quality_part = self._quality_parts(supply, rule, s, sc.quality)
        explanation = pc.binary_join_element_wise(
            class_texts, distance_part, quantity_part, timing_part, quality_part, text("; "))
        weak = is_weak(sc.score)
        if weak.any():
            explanation = pc.if_else(flags(weak), pc.binary_join_element_wise(
                explanation, text(weak_note(weak_below())), text("; ")), explanation)
        rank = table.rank_for_supply[at]
        supply_at, demand_at = positions(supply), positions(demand)
        columns = {
            "supply_id": self.sup_id.take(supply_at),
            "supply_company": self.sup_company.take(supply_at),
            "supply_description": self.sup_text.take(supply_at),
            "demand_id": self.dem_id.take(demand_at),
            "demand_company": self.dem_company.take(demand_at),
            "demand_description": self.dem_text.take(demand_at),
            "rank": strings(np.where(rank > 0, rank.astype(str), "").tolist()),
            "score": _formatted(_three_rounded, 1.0, sc.score),
            "resource_class": self.sup_class.take(supply_at),
            "use": self._uses(rule, language),
            "distance_km": self._distance_km(sc.distance_km, known),
            "matched_quantity": strings(_thousandths(quantity)),
            "unit": self.sup_unit.take(supply_at),
            "net_benefit_vnd_per_yr": strings(_integers(net)),
            "co2e_avoided_t_per_yr": strings(_thousandths(co2e)),
            "explanation": explanation,
        }
        assert tuple(columns) == MATCH_COLUMNS
        return columns

    # -------------------------------------------------------------------------- parts
    def _class_parts(self, key: IntArray, supply: IntArray, demand: IntArray, rule: IntArray,
                     fit: FloatArray, language: str) -> tuple[Any, np.ndarray]:
        """The class_fit part of each row, and the per-unit benefit coefficients (columns)."""
        first, inverse = _first_of_each(key)
        table = self.table
        texts, coefficients = [], []
        for row in first.tolist():
            k = int(key[row])
            if k not in self.class_parts:
                sup, dem = self.supplies[supply[row]], self.demands[demand[row]]
                r = int(rule[row])
                rule_obj = table.rules[r]
                per_unit = table._unit_benefit(sup.resource_class, dem.resource_class, r)
                note = "; ".join(filter(None, (
                    _class_note(rule_obj, sup, dem, table.taxonomy, language),
                    _price_note(rule_obj, sup, dem, per_unit.unpriced, table.taxonomy,
                                language))))
                text = ScorePart("class_fit", table.weights["class_fit"], float(fit[row]),
                                 note).text()
                self.class_parts[k] = (text, (
                    per_unit.purchase_vnd, per_unit.disposal_vnd,
                    per_unit.transport_vnd_per_km, per_unit.handling_vnd,
                    per_unit.processing_vnd, per_unit.co2e_t,
                    per_unit.transport_co2e_t_per_km, per_unit.unknown_distance_km))
            text, numbers = self.class_parts[k]
            texts.append(text)
            coefficients.append(numbers)
        unit = np.array(coefficients, dtype=np.float64)[inverse]
        return _picked(texts, inverse), unit

    def _timing_parts(self, supply: IntArray, demand: IntArray, s: IntArray, d: IntArray,
                      timing: FloatArray) -> Any:
        st = self.table.setup
        sup_months, dem_months = st.sup.months[s], st.dem.months[d]
        key = (((sup_months << 12) | dem_months) << 2 | self.sup_no_months[supply] << 1
               | self.dem_no_months[demand])
        first, inverse = _first_of_each(key)
        texts = []
        for row in first.tolist():
            k = int(key[row])
            if k not in self.timing_parts:
                note = _timing_note(self.supplies[supply[row]], self.demands[demand[row]])
                self.timing_parts[k] = ScorePart(
                    "timing", self.table.weights["timing"], float(timing[row]), note).text()
            texts.append(self.timing_parts[k])
        return _picked(texts, inverse)

    def _quality_parts(self, supply: IntArray, rule: IntArray, s: IntArray,
                       quality: FloatArray) -> Any:
        st = self.table.setup
        temperature = np.where(self.has_min_temp[rule],
                               np.nan_to_num(st.sup.temp[s], nan=-np.inf), np.nan)
        hazard = st.sup.hazardous[s] | st.cols.class_hazardous[st.sup.cls[s]]
        # one key per row: (rule, hazard) as the real part, the temperature as the imaginary
        # (a complex column sorts as the pairs, and faster than rows of two)
        keys = np.empty(len(rule), dtype=np.complex128)
        keys.real = rule * 2.0 + hazard
        keys.imag = np.nan_to_num(temperature, nan=np.inf)
        first, inverse = _first_of_each(keys)
        texts = []
        for row in first.tolist():
            k = complex(keys[row])
            if k not in self.quality_parts:
                note = _quality_note(self.supplies[supply[row]], self.table.rules[rule[row]],
                                     self.table.taxonomy)
                self.quality_parts[k] = ScorePart(
                    "quality", self.table.weights["quality"], float(quality[row]), note).text()
            texts.append(self.quality_parts[k])
        return _picked(texts, inverse)

    def _uses(self, rule: IntArray, language: str) -> Any:
        texts = []
        distinct, inverse = np.unique(rule, return_inverse=True)
        for r in distinct.tolist():
            if (r, language) not in self.uses:
                obj = self.table.rules[r]
                self.uses[(r, language)] = (obj.use_vi if language == "vi" and obj.use_vi
                                            else obj.use_en)
            texts.append(self.uses[(r, language)])
        return _picked(as_csv(texts) if self.quoted else texts, inverse.reshape(-1))

    # -------------------------------------------------------------------------- numbers
    def _quantity(self, q_s: FloatArray, q_d: FloatArray, ratio: FloatArray
                  ) -> tuple[FloatArray, Any]:
        """Matched quantity (NaN when unknown) and the quantity note of each row."""
        known_s, known_d = ~np.isnan(q_s), ~np.isnan(q_d)
        with np.errstate(invalid="ignore", divide="ignore"):
            wanted = q_d / ratio
            quantity = np.where(known_s & known_d, np.minimum(q_s, wanted),
                                np.where(known_s, q_s, wanted))
            offered = q_s * ratio
            zero = ~((offered > 0) & (q_d > 0))
            taken = np.minimum(offered, q_d)
            placed, covered = taken / offered, taken / q_d
        neutral = formatting.number(UNKNOWN_VALUE)
        both = known_s & known_d
        # which note: 0 both unknown, 1 the need's, 2 the offer's, 3 a zero, 4 the shares
        kind = np.select([both & ~zero, both, known_s, known_d], [4, 3, 1, 2], 0)
        notes = _picked([
            _("quantity unknown on both sides: neutral value {value}").format(value=neutral),
            _("quantity unknown for the need: neutral value {value}; all of the supply is "
              "assumed taken").format(value=neutral),
            _("quantity unknown for the offer: neutral value {value}; the whole need is "
              "assumed met").format(value=neutral),
            _("a quantity is zero"), ""], kind)
        shares = kind == 4
        if shares.any():
            share = _percent(current_language())
            filled = _fill(_template(_(
                "places {placed} of the supply and covers {covered} of the need"),
                ("placed", "covered")), _formatted(share, 1.0, np.where(shares, placed, 0.0)),
                _formatted(share, 1.0, np.where(shares, covered, 0.0)))
            notes = pc.if_else(flags(shares), filled, notes)
        return quantity, notes

    def _benefit(self, quantity: FloatArray, distance_km: FloatArray, known: BoolArray,
                 unit: np.ndarray) -> tuple[FloatArray, FloatArray]:
        """Net benefit (VND/yr) and t CO2e avoided per row: :meth:`UnitBenefit.at`, columns."""
        (purchase, disposal, per_km, handling, processing, co2e_t, co2e_km,
         unknown_km) = unit.T
        distance = np.where(known, distance_km, unknown_km)
        avoided_purchase = quantity * purchase
        avoided_disposal = quantity * disposal
        transport = quantity * (per_km * distance + handling)
        processing_cost = quantity * processing
        net = avoided_purchase + avoided_disposal - transport - processing_cost
        co2e = quantity * (co2e_t - co2e_km * distance)
        return net, co2e

    def _distance_notes(self, distance_km: FloatArray, basis: IntArray) -> Any:
        unknown = np.isnan(distance_km)
        same_park = basis == SAME_PARK
        notes = _picked([
            _("distance unknown (no coordinates): neutral value"),
            _("same park without coordinates: {km} km assumed").format(
                km=formatting.number(SAME_PARK_KM))], same_park.astype(np.int64))
        factor = formatting.number(self.table.factors.road_factor)
        for kind, sentence in (
                (MEASURED, _("{km} km by road (straight line × {factor})")),
                (FROM_PARK, _("about {km} km by road from the park's location (no coordinates "
                              "of the firm; straight line × {factor})"))):
            where = ~unknown & (basis == kind)
            if where.any():
                template = _template(sentence.format(km="{km}", factor=factor), ("km",))
                notes = pc.if_else(flags(where), _fill(template, _formatted(
                    _one(current_language()), _DISTANCE_TABLE_KM,
                    np.where(where, distance_km, 0.0))), notes)
        return notes

    def _distance_km(self, distance_km: FloatArray, known: np.ndarray) -> Any:
        km = _formatted(_one_rounded, _DISTANCE_TABLE_KM, np.where(known, distance_km, 0.0))
        return pc.if_else(flags(known), km, text(""))


_EXACT_BELOW = 2.0 ** 40


def _thousandths(values: FloatArray) -> list[str]:
    """``_figure(x, 3)`` of each value. Below 2**40 in size a double's spacing is under
    0.0005, so the double nearest to ``round(x, 3)`` formats back to the same three decimals
    and ``f"{x:.3f}"`` is that text (both round the exact binary value once); larger values and
    NaN or infinities go through :func:`_figure`."""
    plain = np.abs(values) < _EXACT_BELOW          # False for NaN and infinities
    if plain.all():
        return [f"{x:.3f}" for x in values.tolist()]
    return [f"{x:.3f}" if ok else _figure(x, 3)
            for x, ok in zip(values.tolist(), plain.tolist(), strict=True)]


def _integers(values: FloatArray) -> list[str]:
    """``str(int(round(x)))`` of each value, "" for NaN (round half to even, like Python)."""
    finite = np.isfinite(values)
    out = np.full(len(values), "", dtype=object)
    small = finite & (np.abs(values) < 2.0 ** 52)
    out[small] = np.rint(values[small]).astype(np.int64).astype(str).tolist()
    for i in np.flatnonzero(finite & ~small).tolist():
        out[i] = str(int(round(float(values[i]))))
    result: list[str] = out.tolist()
    return result
