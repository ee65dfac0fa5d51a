"""STREAMS.csv in, MATCHES.csv out: the file formats of ``openeip symbiosis match``.

STREAMS.csv (UTF-8 with or without a byte-order mark, comma-separated, one header row; columns
in any order, case-insensitive)::

    id, company, park, sector, lat, lon, direction, description, quantity, unit
    [, temperature_c, months, resource_class]          (optional extras)

Only ``company``, ``direction`` and ``description`` are required. ``direction`` is ``supply``
or ``demand`` (also ``cung cấp``/``cung``/``offer`` and ``nhu cầu``/``cầu``/``need``, with or
without diacritics). A row without an ``id`` gets its row number (the header is row 1). The
description is classified by :class:`openeip.core.symbiosis.classify.Classifier` unless
``resource_class`` names a taxonomy code. ``quantity`` with ``unit`` is a rate such as
``120`` ``t/yr`` — see :mod:`openeip.core.symbiosis.stream_quantities` — stored per year in
the class's base unit. ``months`` lists the months a stream runs (``1-6;9``; empty = all year).

Every bad row is reported with its row number and column; then nothing is returned (the CLI
writes nothing) unless ``skip_invalid`` is set, in which case bad rows are left out and their
problems returned alongside.

MATCHES.csv has exactly the columns of :data:`MATCH_COLUMNS` (issue 4, §8), plus ``selected``
(``yes``/``no``) when the optimal network was computed.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from openeip.core.csv_cells import guard
from openeip.core.csv_header import csv_rows, header_problems
from openeip.core.domain import Direction
from openeip.core.errors import CellError, IntakeError, Problem, UnitError
from openeip.core.forked import forked_map
from openeip.core.i18n import gettext as _
from openeip.core.i18n import language as use_language
from openeip.core.numbers import parse_float
from openeip.core.symbiosis.classify import further_readings, with_readings_of
from openeip.core.symbiosis.model import (
    Candidate,
    Classification,
    ResourceClass,
    Stream,
)
from openeip.core.symbiosis.stream_quantities import (
    YearlyQuantity,
    class_amount,
    counts_items,
    in_class_unit,
    yearly_quantity,
)

__all__ = [
    "MATCH_COLUMNS",
    "STREAM_COLUMNS",
    "StreamRow",
    "StreamsFile",
    "matches_csv",
    "read_streams_csv",
]

STREAM_COLUMNS = ("id", "company", "park", "sector", "lat", "lon", "direction", "description",
                  "quantity", "unit")
EXTRA_COLUMNS = ("temperature_c", "months", "resource_class")
REQUIRED_COLUMNS = ("company", "direction", "description")
MATCH_COLUMNS = ("supply_id", "supply_company", "supply_description", "demand_id",
                 "demand_company", "demand_description", "rank", "score", "resource_class",
                 "use", "distance_km", "matched_quantity", "unit", "net_benefit_vnd_per_yr",
                 "co2e_avoided_t_per_yr", "explanation")

_REPEATED_COLUMNS = frozenset({"company", "park", "sector", "direction", "description", "unit",
                               "months", "resource_class", "temperature_c"})
_SUPPLY_WORDS = frozenset({"supply", "supplies", "offer", "have", "surplus", "cung cap", "cung",
                           "cung ung", "du thua"})
_DEMAND_WORDS = frozenset({"demand", "demands", "need", "want", "nhu cau", "cau", "can"})
_BATCH_ROWS = 20_000          # rows checked, then classified and made streams together
# files from this size are classified on the cores given (``workers``), and a batch's new
# descriptions are shared out from this many, in this many parts (parts of unequal cost
# balance out). The file size was set by judgement: a 100k-row file (11 MB, 57,000 distinct
# descriptions) reads in 8.7–9.5 s on two workers against 11.2–12.4 s in one process (7 Dec
# 2026); smaller files were not timed. The later batches of a national file bring a few
# hundred new descriptions each: from 2,000 the parent classified them itself, between its
# rows (survey file of 1M rows, 8 Dec 2026: 97,551 descriptions in the parent; read 60.1 →
# 51.1 s, parent 52.9 → 41.5 CPU-s, with 100; 100k rows unchanged within the noise)
_PARALLEL_BYTES = 2_000_000
_PARALLEL_TEXTS = 100
_PARALLEL_PARTS = 8

#: classifies (direction, texts, sectors) items, in order: here or on forked workers
ClassifyRun = Callable[[Iterable[tuple[Direction, list[str], list[str]]]],
                       Iterator[Sequence[Classification]]]


class Taxonomy(Protocol):
    @property
    def classes(self) -> Mapping[str, ResourceClass]: ...


class ClassifiesMany(Protocol):
    def classify_many(self, texts: Sequence[str], direction: Direction | None = None,
                      sectors: Sequence[str] | None = None) -> Sequence[Classification]: ...

    def prepare(self) -> None:
        """Build now what the classifier would build for its first texts (before workers
        fork, so that they share it)."""


@dataclass(frozen=True, slots=True)
class StreamRow:
    """One stream read from the file, its row number and what the classifier made of it."""

    row: int
    stream: Stream
    classification: Classification


@dataclass(frozen=True, slots=True)
class StreamsFile:
    rows: tuple[StreamRow, ...]
    skipped: tuple[Problem, ...] = ()      # problems of the rows left out (skip_invalid)

    def supplies(self) -> dict[str, Stream]:
        return {r.stream.id: r.stream for r in self.rows
                if r.stream.direction is Direction.SUPPLY}

    def demands(self) -> dict[str, Stream]:
        return {r.stream.id: r.stream for r in self.rows
                if r.stream.direction is Direction.DEMAND}

    def unclassified(self) -> tuple[StreamRow, ...]:
        return tuple(r for r in self.rows if not r.stream.resource_class)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    """Lower case, spaces collapsed, diacritics off (a file repeats few directions)."""
    decomposed = unicodedata.normalize("NFD", " ".join(text.lower().split()).replace("đ", "d"))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def read_streams_csv(content: bytes, filename: str, *, taxonomy: Taxonomy | None = None,
                     classifier: ClassifiesMany | None = None, hours_per_year: float = 8760.0,
                     days_per_year: float = 365.0, skip_invalid: bool = False,
                     workers: int = 1) -> StreamsFile:
    """The streams of a STREAMS.csv file; :class:`IntakeError` lists every problem.

    ``workers``: processes that classify the descriptions of a large file (forked; the CLI
    gives the machine's cores, a server process keeps the default, one)."""
    if taxonomy is None:
        from openeip.core.symbiosis.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    if workers < 2 or len(content) < _PARALLEL_BYTES:
        return _read(content, filename, taxonomy, classifier, None, hours_per_year,
                     days_per_year, skip_invalid)
    # the workers are forked with the classifier (and all its lexicons) already built
    classifier = classifier or _classifier_of(taxonomy)
    classifier.prepare()
    with forked_map(_classified, classifier, workers) as run:
        return _read(content, filename, taxonomy, classifier, run, hours_per_year,
                     days_per_year, skip_invalid)


def _classified(classifier: ClassifiesMany, item: tuple[Direction, list[str], list[str]]
                ) -> Sequence[Classification]:
    """One worker's share of a batch's descriptions (a worker keeps its classifier's caches
    from one batch to the next)."""
    direction, texts, sectors = item
    return classifier.classify_many(texts, direction, sectors)


def _read(content: bytes, filename: str, taxonomy: Taxonomy,
          classifier: ClassifiesMany | None, run: ClassifyRun | None, hours_per_year: float,
          days_per_year: float, skip_invalid: bool) -> StreamsFile:
    lines = csv_rows(content, filename)        # one by one: a national file is large
    header = [cell.strip().lower() for cell in next(lines)]
    header_problems = _header_problems(header, filename)
    if header_problems:
        raise IntakeError(header_problems)
    batches = _Batches(taxonomy, classifier, run, hours_per_year, days_per_year, filename)
    problems = batches.problems
    drafts: list[Draft] = []
    rows_of: dict[str, int] = {}
    # one object per distinct text of the columns that repeat (a national file names the same
    # firms, parks, units and descriptions on many rows): the streams share them
    shared: dict[str, str] = {}
    repeated = [column for column in header if column in _REPEATED_COLUMNS]
    width = len(header)
    for number, cells in enumerate(lines, start=2):
        if not "".join(cells).strip():
            continue
        if len(cells) < width:
            cells = [*cells, *[""] * (width - len(cells))]
        values = dict(zip(header, map(str.strip, cells), strict=False))   # extra cells: ignored
        for column in repeated:
            cell = values[column]
            values[column] = shared.setdefault(cell, cell)
        values["id"] = values.get("id") or str(number)
        try:
            direction = _first_checks(values, taxonomy)
        except CellError as error:
            problems.append(error.problem(filename, number))
            continue
        if values["id"] in rows_of:
            problems.append(Problem(filename, number, "id", _(
                "The id '{id}' is already used in row {row}; give each stream its own id.")
                .format(id=values["id"], row=rows_of[values["id"]])))
            continue
        rows_of[values["id"]] = number
        drafts.append((number, values, direction))
        if len(drafts) >= _BATCH_ROWS:
            batches.add(drafts)
            drafts = []
    batches.add(drafts)
    batches.close()
    rows = batches.rows
    if not rows and not problems:
        problems.append(Problem(filename, None, None, _(
            "The file has a header but no streams; add one row per supply or demand.")))
    if problems and (not skip_invalid or not rows):
        raise IntakeError(sorted(problems, key=lambda p: p.row or 0))
    return StreamsFile(tuple(rows), tuple(sorted(problems, key=lambda p: p.row or 0)))


def _header_problems(header: list[str], filename: str) -> list[Problem]:
    return header_problems(
        header, filename,
        known=lambda column: column in STREAM_COLUMNS or column in EXTRA_COLUMNS,
        unknown_message=_(
            "Unknown column '{column}'. The columns are id, company, park, sector, lat, lon, "
            "direction, description, quantity, unit (docs/symbiosis-match.md)."),
        required=REQUIRED_COLUMNS)


def _first_checks(values: dict[str, str], taxonomy: Taxonomy) -> Direction:
    """The checks that do not need the class: required cells, direction, chosen class."""
    for column in REQUIRED_COLUMNS:
        if not values.get(column):
            raise CellError(_("This cell is required; fill it in."), column)
    direction = _folded(values["direction"])
    code = values.get("resource_class", "")
    if code and code not in taxonomy.classes:
        raise CellError(_(
            "'{code}' is not a class of the resource taxonomy; leave the cell empty to let the "
            "description decide.").format(code=code), "resource_class")
    if direction in _SUPPLY_WORDS:
        return Direction.SUPPLY
    if direction in _DEMAND_WORDS:
        return Direction.DEMAND
    raise CellError(_(
        "'{value}' is not a direction: write supply (cung cấp) for something the firm offers or "
        "demand (nhu cầu) for something it needs.").format(value=values["direction"]), "direction")


Draft = tuple[int, dict[str, str], Direction]          # row number, cells, direction
_Key = tuple[Direction, str, str]                     # direction, description, sector
_Asked = list[tuple[list[_Key], Iterable[Sequence[Classification]]]]   # keys, answers in parts


class _Batches:
    """Checked rows turned into streams a batch at a time (a national file would otherwise
    hold a dict per row until the end). Each distinct (direction, description, sector) is
    classified once over the whole file; with ``run`` (forked workers), a batch's descriptions
    are classified while the parent checks the next batch's rows, and its streams are built
    when that next batch is handed over."""

    def __init__(self, taxonomy: Taxonomy, classifier: ClassifiesMany | None,
                 run: ClassifyRun | None, hours_per_year: float, days_per_year: float,
                 filename: str) -> None:
        self._taxonomy, self._classifier, self._run = taxonomy, classifier, run
        self._hours, self._days, self._filename = hours_per_year, days_per_year, filename
        self._known: dict[_Key, Classification] = {}
        self._asked: set[_Key] = set()         # handed to the classifier, answer not read yet
        # the further readings of each description, found once over the whole file
        self._further: dict[_Key, tuple[str, ...]] = {}
        self._pending: tuple[list[Draft], _Asked] | None = None
        self.rows: list[StreamRow] = []
        self.problems: list[Problem] = []

    def add(self, drafts: list[Draft]) -> None:
        asked = self._ask(drafts)
        self._finish()
        self._pending = (drafts, asked)

    def close(self) -> None:
        self._finish()

    def _ask(self, drafts: list[Draft]) -> _Asked:
        """Hand the batch's new descriptions to the classifier: (keys, answers in parts)
        per direction; on workers the answers are read later."""
        asked: _Asked = []
        for direction in Direction:
            keys = dict.fromkeys(
                (direction, values["description"], values.get("sector", ""))
                for _n, values, d in drafts if d is direction and not values.get("resource_class"))
            new = [key for key in keys if key not in self._known and key not in self._asked]
            if not new:
                continue
            self._asked.update(new)
            if self._classifier is None:
                self._classifier = _classifier_of(self._taxonomy)
            if self._run is not None and len(new) >= _PARALLEL_TEXTS:
                step = -(-len(new) // _PARALLEL_PARTS)
                # a list, not a generator: the pool reads its items later, in a thread,
                # when this loop's names are already the next direction's
                parts: Iterable[Sequence[Classification]] = self._run([
                    (direction, [key[1] for key in new[i:i + step]],
                     [key[2] for key in new[i:i + step]]) for i in range(0, len(new), step)])
            else:
                parts = [self._classifier.classify_many([key[1] for key in new], direction,
                                                        [key[2] for key in new])]
            asked.append((new, parts))
        return asked

    def _finish(self) -> None:
        """The streams of the pending batch (its answers read first)."""
        if self._pending is None:
            return
        drafts, asked = self._pending
        self._pending = None
        for new, parts in asked:
            answers = [answer for part in parts for answer in part]
            self._known.update(zip(new, answers, strict=True))
            self._asked.difference_update(new)
        # a class chosen in the file has no further reading
        further = self._further
        for number, values, direction in drafts:
            code = values.get("resource_class")
            readings: tuple[str, ...] = ()
            if code:
                classification = Classification(code, 1.0, (), (), corrected=True)
            else:
                key = (direction, values["description"], values.get("sector", ""))
                classification = self._known[key]
                if key not in further:
                    further[key] = further_readings(classification, self._taxonomy)
                readings = further[key]
            try:
                stream = _stream(values, direction, classification, readings, self._taxonomy,
                                 self._hours, self._days)
            except CellError as error:
                self.problems.append(error.problem(self._filename, number))
                continue
            self.rows.append(StreamRow(number, stream, classification))


def _classifier_of(taxonomy: Taxonomy) -> ClassifiesMany:
    from openeip.core.symbiosis.classify import Classifier
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    if taxonomy is load_taxonomy():
        return _shipped_classifier()
    return Classifier(taxonomy)


@lru_cache(maxsize=1)
def _shipped_classifier() -> ClassifiesMany:
    """The classifier of the shipped taxonomy, built once (its lexicons are read from the
    files of an earlier run, or built: most of a second)."""
    from openeip.core.symbiosis.classify import Classifier

    return Classifier()


def _coordinates(values: dict[str, str]) -> tuple[float | None, float | None]:
    lat_text, lon_text = values.get("lat", ""), values.get("lon", "")
    if not lat_text and not lon_text:
        return None, None
    if not lat_text or not lon_text:
        missing = "lat" if not lat_text else "lon"
        raise CellError(_(
            "Give both lat and lon (decimal degrees, such as 10.82 and 106.63), or neither."),
            missing)
    latitude, longitude = parse_float(lat_text, "lat"), parse_float(lon_text, "lon")
    if not -90.0 <= latitude <= 90.0:
        raise CellError(_(
            "The latitude {value} is out of range; it must lie between -90 and 90 degrees "
            "(Viet Nam: about 8 to 24).").format(value=lat_text), "lat")
    if not -180.0 <= longitude <= 180.0:
        raise CellError(_(
            "The longitude {value} is out of range; it must lie between -180 and 180 degrees "
            "(Viet Nam: about 102 to 110).").format(value=lon_text), "lon")
    return latitude, longitude


@lru_cache(maxsize=4096)
def _months(raw: str) -> frozenset[int]:
    """The months of a cell (a national file repeats few distinct cells: each is read once)."""
    return _months_of(raw)


def _months_of(raw: str) -> frozenset[int]:
    months: set[int] = set()
    for part in raw.replace(",", ";").split(";"):
        part = part.strip()
        if not part:
            continue
        first, dash, last = part.partition("-")
        try:
            start, end = int(first), int(last if dash else first)
        except ValueError:
            start, end = 0, 0
        if not (1 <= start <= 12 and 1 <= end <= 12):
            raise CellError(_(
                "'{value}' is not a list of months; write month numbers 1–12 and ranges "
                "separated by ';', such as 1-6;9, or leave it empty for all year.")
                .format(value=raw), "months")
        months.update(range(start, end + 1) if start <= end
                      else [*range(start, 13), *range(1, end + 1)])
    return frozenset() if len(months) == 12 else frozenset(months)


def _quantity(values: dict[str, str], resource_class: ResourceClass | None,
              hours_per_year: float, days_per_year: float) -> tuple[float | None, str]:
    raw, unit = values.get("quantity", ""), values.get("unit", "")
    if not raw:
        if unit:
            raise CellError(_(
                "A unit is given but no quantity; fill in the quantity or clear the unit."),
                "quantity")
        return None, resource_class.base_unit if resource_class else ""
    value = parse_float(raw, "quantity")
    if value < 0:
        raise CellError(_("The quantity must be 0 or more, not {value}.")
                        .format(value=raw), "quantity")
    if not unit:
        raise CellError(_(
            "The quantity has no unit; write one with its time, such as t/yr, m3/day, MWh/yr "
            "or t/h."), "unit")
    try:
        # the class and its ancestors only for counted items (most units are not)
        if resource_class is not None and counts_items(unit):
            counted = class_amount(value, unit, _with_ancestors(resource_class),
                                   hours_per_year=hours_per_year, days_per_year=days_per_year)
            if counted is not None:
                return in_class_unit(YearlyQuantity(counted, "t"), resource_class), \
                    resource_class.base_unit
        yearly = yearly_quantity(value, unit, hours_per_year=hours_per_year,
                                 days_per_year=days_per_year)
        if resource_class is None:
            return yearly.value, yearly.unit
        return in_class_unit(yearly, resource_class), resource_class.base_unit
    except UnitError as error:
        raise CellError(str(error), "unit") from None


def _with_ancestors(resource_class: ResourceClass) -> tuple[ResourceClass, ...]:
    """The class, then its ancestors in the shipped taxonomy (when it is one of its classes)."""
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    if taxonomy.classes.get(resource_class.code) is not resource_class:
        return (resource_class,)
    return _shipped_ancestors(resource_class.code)


@lru_cache(maxsize=4096)
def _shipped_ancestors(code: str) -> tuple[ResourceClass, ...]:
    from openeip.core.symbiosis.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    return tuple(taxonomy.classes[above] for above in taxonomy.ancestors(code))


def _stream(values: dict[str, str], direction: Direction, classification: Classification,
            readings: tuple[str, ...], taxonomy: Taxonomy, hours_per_year: float,
            days_per_year: float) -> Stream:
    """The stream of a checked row (``readings``: its description's further readings)."""
    latitude, longitude = _coordinates(values)
    resource_class = taxonomy.classes.get(classification.resource_class)
    quantity, unit = _quantity(values, resource_class, hours_per_year, days_per_year)
    temperature = (parse_float(values["temperature_c"], "temperature_c")
                   if values.get("temperature_c") else None)
    stream = Stream(
        id=values["id"], company=values["company"], direction=direction,
        description=values["description"],
        resource_class=resource_class.code if resource_class else "",
        park=values.get("park", ""), sector=values.get("sector", ""),
        quantity=quantity, unit=unit, latitude=latitude, longitude=longitude,
        hazardous=bool(resource_class and resource_class.hazardous),
        temperature_c=temperature, months=_months(values.get("months", "")))

    def quantity_of(reading: ResourceClass) -> tuple[float | None, str]:
        try:
            return _quantity(values, reading, hours_per_year, days_per_year)
        except CellError:         # the quantity does not measure that class: unknown
            return None, reading.base_unit

    return with_readings_of(stream, classification, taxonomy, quantity_of, readings)


def _figure(value: float | None, digits: int) -> str:
    if value is None or not math.isfinite(value):
        return ""
    rounded = round(value, digits)
    return "{:.{digits}f}".format(rounded, digits=digits) if digits > 0 else str(int(rounded))


def matches_csv(candidates: Sequence[Candidate], streams: Mapping[str, Stream],
                selected: Collection[tuple[str, str, str]] | None = None,
                language: str = "") -> str:
    """MATCHES.csv text: one row per candidate, by supply (file order) then its rank.

    ``selected`` holds (supply id, demand id, rule code) of the optimal network; when given the
    file gets the ``selected`` column. ``language``: of the explanations' words and digits
    (those of the candidates' notes; "" for the current language).
    """
    if language:
        with use_language(language):
            return matches_csv(candidates, streams, selected)
    order = {stream_id: index for index, stream_id in enumerate(streams)}
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\n")
    writer.writerow([*MATCH_COLUMNS, *(["selected"] if selected is not None else [])])
    ranked = sorted(candidates, key=lambda c: (order.get(c.supply_id, len(order)),
                                               c.rank_for_supply or math.inf, -c.score))
    for candidate in ranked:
        supply, demand = streams[candidate.supply_id], streams[candidate.demand_id]
        benefit = candidate.benefit
        # the streams file's text comes back guarded (csv_cells); the figures are numbers
        row = [guard(supply.id), guard(supply.company), guard(supply.description),
               guard(demand.id), guard(demand.company), guard(demand.description),
               str(candidate.rank_for_supply or ""), _figure(candidate.score, 3),
               candidate.resource_class, candidate.use, _figure(candidate.distance_km, 1),
               _figure(candidate.matched_quantity, 3), guard(candidate.unit),
               _figure(benefit.net_vnd if benefit else None, 0),
               _figure(benefit.co2e_avoided_t if benefit else None, 3),
               guard(candidate.explanation())]
        if selected is not None:
            key = (candidate.supply_id, candidate.demand_id, candidate.rule_code)
            row.append("yes" if key in selected else "no")
        writer.writerow(row)
    return output.getvalue()
