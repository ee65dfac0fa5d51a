r"""What a firm wrote → a resource class of the taxonomy: deterministic and explainable.

Method (no learning, no randomness — the same text always gets the same answer):

1. **Normalise.** NFC, lower case, Vietnamese diacritics folded (``đ`` → ``d``), anything but
   letters and digits becomes a space (:func:`normalise`). Both the class phrases (names and
   synonyms in English and Vietnamese) and the text go through the same steps, then through
   tokenising: stop words dropped (checked *before* folding, so ``của`` goes but ``cua`` — crab —
   stays), English plurals reduced (``ashes`` → ``ash``, ``batteries`` → ``battery``), numbers
   and one-letter tokens dropped, British/American spellings unified.
2. **Waste words float.** Words that say "this is a residue" (*waste, scrap, spent, used,
   surplus, by-product, thải, phế liệu, phụ phẩm, dư thừa* …) are taken out of the word order,
   so "waste plastic", "plastic waste" and "nhựa thải" all match the *core* ``nhựa``/``plastic``;
   whether the text and the phrase both carry such a word is scored separately (``m`` below).
3. **Index.** Every contiguous word n-gram of every phrase's core points to its class; an
   n-gram equal to the whole core is a *whole-phrase* match.
4. **Score.** For each class, the n-grams found in the text are taken longest first without
   overlap (the longest phrase wins), and

   .. math::

       s_c = \pi_c \sum_{g \in G_c} \Big(\sum_{t \in g} \mathrm{idf}_t\Big) \, b_g \, m_g
       \qquad \mathrm{idf}_t = \ln\!\Big(1 + \frac{N}{n_t}\Big)

   ``N`` classes, ``n_t`` of them using token ``t``; ``b_g`` = 1.5 for a whole-phrase match,
   1 for part of a phrase; ``m_g`` = 1 when the phrase and the text agree on carrying a waste
   word, 0.85 when not. ``π_c`` is the family prior: 0.8 for a family the direction disfavours
   (a supply is rarely a virgin material; a demand is rarely a waste, unless the text itself
   carries a waste word — a recycler asking for "waste paper"), else 1. A temperature or
   pressure in the text (``75 °C``, ``8 bar``) multiplies a class whose name states a band by
   1.6 when inside it and 0.5 when outside (so "hot water 75 °C" lands in the 60–90 °C class).
5. **Confidence.** With :math:`s_1` the winner, :math:`s_2` the best class that is not one of
   the winner's ancestors (a parent is no rival), and :math:`u` the idf mass of indexed text
   words the winner left unexplained:

   .. math::

       \text{confidence}_c = \frac{s_c}{s_1 + s_2 + u}

   so a text that is exactly one class's synonym and nothing else scores 1, a tie scores 0.5,
   and stray indexed words pull it down. Alternatives (top 3, ancestors of the winner left out)
   use the same denominator. Ties: higher score, then longer matched phrase, then the more
   general class (a text that says no more than a group's words gets the group), then code.

A stored correction (normalised text → class) decides outright with confidence 1 and
``corrected=True``. :meth:`Classifier.classify_many` memoises on the exact text and on the
normalised text, so a million rows with a few thousand distinct descriptions cost a few thousand
classifications plus a million dictionary look-ups.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from openeip.core.errors import DomainError
from openeip.core.i18n import gettext as _
from openeip.core.symbiosis.model import Classification, Direction, Family, ResourceClass

__all__ = ["Classifier", "TaxonomyLike", "normalise", "tokens"]

WHOLE_PHRASE_BONUS = 1.5
MARKER_MISMATCH = 0.85
DISFAVOURED_FAMILY = 0.8
BAND_INSIDE = 1.6
BAND_OUTSIDE = 0.5
MAX_ALTERNATIVES = 3
_CACHE_LIMIT = 200_000

_WORD = re.compile(r"[^\W_]+")

# Function words dropped before folding (Vietnamese with its diacritics, so folded look-alikes
# survive: "của" goes, "cua" — crab — stays). Kept short: only indexed words count anyway.
_STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "for", "from", "in", "into", "is", "it", "its",
    "of", "on", "or", "our", "per", "the", "their", "this", "to", "we", "with", "which", "that",
    "about", "approx", "around", "some", "each", "every",
    "của", "và", "từ", "cho", "các", "những", "là", "được", "với", "trong", "để", "tại", "ở",
    "theo", "một", "mỗi", "khoảng", "này", "đó", "có", "hàng", "tấn", "độ"})
_STOP_FOLDED_ONLY = frozenset({"t", "yr", "m3", "mwh", "kwh"})

# Floating "this is a residue" words, folded and stemmed; two-word ones as tuples.
_MARKERS_1 = frozenset({"waste", "scrap", "spent", "used", "surplus", "excess", "leftover",
                        "residue", "residual", "discarded", "reject", "byproduct", "thai"})
_MARKERS_2 = frozenset({("by", "product"), ("phe", "lieu"), ("phe", "thai"), ("phe", "pham"),
                        ("phu", "pham"), ("du", "thua"), ("thua", "ra")})

_SPELLING = {"sulphur": "sulfur", "sulphuric": "sulfuric", "sulphate": "sulfate",
             "fibre": "fiber", "aluminium": "aluminum", "tyre": "tire", "colour": "color",
             "litre": "liter", "metre": "meter", "centre": "center", "gasses": "gas"}

_TEMPERATURE = re.compile(
    r"(\d+(?:[.,]\d+)?)\s*(?:°\s*c\b|º\s*c\b|°|độ\s*c\b|độ|do\s*c\b|deg(?:rees?)?\s*c\b|oc\b|c\b)")
_PRESSURE = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:bar[ag]?\b|atm\b|kg\s*/\s*cm2\b|kgf\s*/\s*cm2\b)")
_BAND_BETWEEN = r"(\d+(?:[.,]\d+)?)\s*(?:[-–—]|to|đến)\s*(\d+(?:[.,]\d+)?)\s*{unit}"
_BAND_BELOW = r"(?:<|≤|below|under|dưới)\s*(\d+(?:[.,]\d+)?)\s*{unit}"
_BAND_ABOVE = r"(?:>|≥|above|over|trên)\s*(\d+(?:[.,]\d+)?)\s*{unit}"
_UNITS = {"temperature": r"(?:°\s*c|ºc|độ|oc|c\b)", "pressure": r"(?:bar|atm)"}


class TaxonomyLike(Protocol):
    """Anything with the classes of a taxonomy by code (S1's ``Taxonomy`` qualifies)."""

    @property
    def classes(self) -> Mapping[str, ResourceClass]: ...


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("ð", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """NFC, lower case, diacritics folded (đ → d), punctuation to spaces, spaces collapsed.

    >>> normalise("  Bùn thải (sinh học), ĐẶC!")
    'bun thai sinh hoc dac'
    """
    lowered = unicodedata.normalize("NFC", text).lower()
    return " ".join(_fold(word) for word in _WORD.findall(lowered))


def _stem(token: str) -> str:
    if len(token) < 4 or token.isdigit():
        return token
    if token.endswith("ies") and len(token) > 4:
        return token[:-3] + "y"
    if token.endswith(("sses", "xes", "zes", "ches", "shes")) or (
            token.endswith("ses") and not token.endswith("uses")):
        return token[:-2]
    if token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


@dataclass(frozen=True, slots=True)
class _Token:
    word: str          # folded, stemmed
    start: int         # character span in the NFC text
    end: int


def _raw_tokens(text: str) -> list[_Token]:
    nfc = unicodedata.normalize("NFC", text)
    out: list[_Token] = []
    for match in _WORD.finditer(nfc):
        lowered = match.group().lower()
        if lowered in _STOP_WORDS:
            continue
        word = _fold(lowered)
        if word in _STOP_FOLDED_ONLY or len(word) < 2 or word.isdigit():
            continue
        word = _SPELLING.get(word, word)
        out.append(_Token(_SPELLING.get(_stem(word), _stem(word)), match.start(), match.end()))
    return out


def _split_markers(toks: Sequence[_Token]) -> tuple[list[_Token], bool]:
    """The core tokens (waste words taken out) and whether any waste word was there."""
    core: list[_Token] = []
    found = False
    i = 0
    while i < len(toks):
        if i + 1 < len(toks) and (toks[i].word, toks[i + 1].word) in _MARKERS_2:
            found, i = True, i + 2
            continue
        if toks[i].word in _MARKERS_1:
            found, i = True, i + 1
            continue
        core.append(toks[i])
        i += 1
    if not core:            # the phrase is nothing but waste words: keep them as its words
        return list(toks), False
    return core, found


def tokens(text: str) -> tuple[tuple[str, ...], bool]:
    """The core words the classifier matches on, and whether a waste word was present."""
    core, marked = _split_markers(_raw_tokens(text))
    return tuple(t.word for t in core), marked


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _bands(rc: ResourceClass) -> dict[str, tuple[float, float]]:
    """Temperature / pressure bands stated in a class's names ("Hot water 60–90 °C")."""
    found: dict[str, tuple[float, float]] = {}
    for label in (rc.name_en, rc.name_vi):
        text = unicodedata.normalize("NFC", label).lower()
        for kind, unit in _UNITS.items():
            if kind in found:
                continue
            between = re.search(_BAND_BETWEEN.format(unit=unit), text)
            below = re.search(_BAND_BELOW.format(unit=unit), text)
            above = re.search(_BAND_ABOVE.format(unit=unit), text)
            if between:
                found[kind] = (_number(between.group(1)), _number(between.group(2)))
            elif below:
                found[kind] = (-math.inf, _number(below.group(1)))
            elif above:
                found[kind] = (_number(above.group(1)), math.inf)
    return found


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    whole: bool
    marked: bool         # the phrase carried a waste word


@dataclass(frozen=True, slots=True)
class _Scored:
    """A classification before its decisive terms are written out for one particular text."""

    ranked: tuple[tuple[str, float], ...]        # (code, confidence), best first
    spans: tuple[tuple[int, int], ...]           # winner's matched spans (core token indices)
    band_kinds: tuple[str, ...]                  # "temperature"/"pressure" inside its band


_Key = tuple[Direction | None, tuple[str, ...], bool, tuple[tuple[str, float], ...]]


def _render(text: str, core: Sequence[_Token],
            readings: Mapping[str, list[tuple[float, int, int]]],
            scored: _Scored | None) -> Classification:
    """Write a scored result out for ``text``: its decisive terms as they are written there."""
    if scored is None:
        return Classification("", 0.0, ())
    nfc = unicodedata.normalize("NFC", text)
    terms = [nfc[core[i].start:core[j - 1].end] for i, j in scored.spans]
    terms.extend(nfc[readings[kind][0][1]:readings[kind][0][2]].strip()
                 for kind in scored.band_kinds)
    (code, confidence), *rest = scored.ranked
    return Classification(code, confidence, tuple(terms), tuple(rest[:MAX_ALTERNATIVES]))


class Classifier:
    """Classifies free-text stream descriptions into the classes of a taxonomy."""

    def __init__(self, taxonomy: TaxonomyLike | None = None,
                 corrections: Mapping[str, str] | None = None) -> None:
        if taxonomy is None:
            from openeip.core.symbiosis.taxonomy import load_taxonomy
            taxonomy = load_taxonomy()
        self._classes: Mapping[str, ResourceClass] = taxonomy.classes
        self._corrections: dict[str, str] = {}
        for text, code in (corrections or {}).items():
            if code not in self._classes:
                raise DomainError(
                    _("The correction for “{text}” names the class “{code}”, which is not in "
                      "the taxonomy; pick a class of the list.").format(text=text, code=code),
                    "corrections")
            self._corrections[normalise(text)] = code
        self._ancestors = {code: self._ancestor_chain(code) for code in self._classes}
        self._bands = {code: _bands(rc) for code, rc in self._classes.items()}
        self._index: dict[tuple[str, ...], list[_Entry]] = {}
        self._idf: dict[str, float] = {}
        self._longest = 1
        self._build_index()
        self._cache: dict[_Key, _Scored | None] = {}

    # -- index ----------------------------------------------------------------------------

    def _ancestor_chain(self, code: str) -> tuple[str, ...]:
        chain = [code]
        parent = self._classes[code].parent
        while parent and parent in self._classes and parent not in chain:
            chain.append(parent)
            parent = self._classes[parent].parent
        return tuple(chain)

    def _build_index(self) -> None:
        users: dict[str, set[str]] = {}
        entries: dict[tuple[str, ...], dict[tuple[str, bool, bool], None]] = {}
        for code in sorted(self._classes):
            rc = self._classes[code]
            for phrase in (rc.name_en, rc.name_vi, *rc.synonyms_en, *rc.synonyms_vi):
                core, marked = tokens(phrase)
                if not core:
                    continue
                self._longest = max(self._longest, len(core))
                for word in core:
                    users.setdefault(word, set()).add(code)
                for i in range(len(core)):
                    for j in range(i + 1, len(core) + 1):
                        whole = i == 0 and j == len(core)
                        entries.setdefault(core[i:j], {})[(code, whole, marked)] = None
        n = max(len(self._classes), 1)
        self._idf = {word: math.log(1 + n / len(codes)) for word, codes in users.items()}
        self._index = {gram: [_Entry(*key) for key in keys] for gram, keys in entries.items()}

    # -- classification -------------------------------------------------------------------

    def classify(self, text: str, direction: Direction | None = None) -> Classification:
        """The best class for ``text``, its confidence, the words that decided, alternatives."""
        corrected = self._corrections.get(normalise(text))
        if corrected is not None:
            return Classification(corrected, 1.0, (), (), corrected=True)
        core, marked = _split_markers(_raw_tokens(text))
        readings = _readings(text)
        words = tuple(t.word for t in core)
        key = (direction, words, marked,
               tuple((kind, values[0][0]) for kind, values in sorted(readings.items())))
        if key in self._cache:
            scored = self._cache[key]
        else:
            scored = self._score(words, marked, readings, direction)
            if len(self._cache) >= _CACHE_LIMIT:
                self._cache.clear()
            self._cache[key] = scored
        return _render(text, core, readings, scored)

    def classify_many(self, texts: Iterable[str],
                      direction: Direction | None = None) -> list[Classification]:
        """:meth:`classify` for many texts, each distinct text classified once."""
        seen: dict[str, Classification] = {}
        out: list[Classification] = []
        for text in texts:
            result = seen.get(text)
            if result is None:
                result = seen[text] = self.classify(text, direction)
            out.append(result)
        return out

    def _score(self, words: Sequence[str], marked: bool,
               readings: Mapping[str, list[tuple[float, int, int]]],
               direction: Direction | None) -> _Scored | None:
        spans_by_class = self._matches(words, marked)
        if not spans_by_class:
            return None
        scores: dict[str, float] = {}
        longest: dict[str, int] = {}
        band_kinds: dict[str, tuple[str, ...]] = {}
        for code, spans in spans_by_class.items():
            raw = sum(sum(self._idf[w] for w in words[i:j]) * weight for i, j, weight in spans)
            factor, inside = self._band_factor(code, readings)
            scores[code] = raw * self._prior(code, direction, marked) * factor
            longest[code] = max(j - i for i, j, _w in spans)
            band_kinds[code] = inside
        depth = {code: len(self._ancestors[code]) for code in scores}
        order = sorted(scores, key=lambda c: (-scores[c], -longest[c], depth[c], c))
        winner = order[0]
        rivals = [c for c in order[1:] if c not in self._ancestors[winner]]
        covered = {k for i, j, _w in spans_by_class[winner] for k in range(i, j)}
        unexplained = sum(self._idf.get(w, 0.0) for k, w in enumerate(words) if k not in covered)
        s1 = scores[winner]
        s2 = scores[rivals[0]] if rivals else 0.0
        denominator = s1 + s2 + unexplained
        ranked = tuple((c, round(scores[c] / denominator, 4)) for c in [winner, *rivals])
        decisive = tuple(sorted((i, j) for i, j, _w in spans_by_class[winner]))
        return _Scored(ranked[:MAX_ALTERNATIVES + 1], decisive, band_kinds[winner])

    def _matches(self, words: Sequence[str],
                 marked: bool) -> dict[str, list[tuple[int, int, float]]]:
        """Per class, its matched spans (longest first, no overlap) with their weights."""
        found: dict[str, list[tuple[int, int, float]]] = {}
        seen: dict[str, set[tuple[str, ...]]] = {}    # per class: every part of what it took
        n = len(words)
        for length in range(min(self._longest, n), 0, -1):
            for i in range(n - length + 1):
                gram = tuple(words[i:i + length])
                entries = self._index.get(gram)
                if not entries:
                    continue
                best: dict[str, float] = {}
                for entry in entries:
                    weight = (WHOLE_PHRASE_BONUS if entry.whole else 1.0) * (
                        1.0 if entry.marked == marked else MARKER_MISMATCH)
                    best[entry.code] = max(best.get(entry.code, 0.0), weight)
                for code, weight in best.items():
                    taken = found.setdefault(code, [])
                    parts = seen.setdefault(code, set())
                    # a repeat of words already counted for this class ("lò … lò") adds nothing
                    if gram in parts or any(i < j and a < i + length for a, j, _w in taken):
                        continue
                    taken.append((i, i + length, weight))
                    parts.update(gram[a:b] for a in range(length) for b in range(a + 1, length + 1))
        return found

    def _prior(self, code: str, direction: Direction | None, marked: bool) -> float:
        disfavoured: set[Family] = set()
        if direction is Direction.SUPPLY:
            disfavoured = {Family.MATERIAL}
        elif direction is Direction.DEMAND:
            disfavoured = {Family.WASTE, Family.BY_PRODUCT}
        if marked:
            disfavoured = (disfavoured - {Family.WASTE, Family.BY_PRODUCT}) | {Family.MATERIAL}
        return DISFAVOURED_FAMILY if self._classes[code].family in disfavoured else 1.0

    def _band_factor(self, code: str, readings: Mapping[str, list[tuple[float, int, int]]]
                     ) -> tuple[float, tuple[str, ...]]:
        """The band factor of a class for the first temperature/pressure of the text."""
        factor = 1.0
        inside_kinds: list[str] = []
        for kind, (low, high) in self._bands[code].items():
            for value, _start, _end in readings.get(kind, [])[:1]:
                inside = _inside(value, low, high)
                factor *= BAND_INSIDE if inside else BAND_OUTSIDE
                if inside:
                    inside_kinds.append(kind)
        return factor, tuple(inside_kinds)


def _inside(value: float, low: float, high: float) -> bool:
    """A closed band ``60–90``; an open one ``< 60`` or ``> 90`` excludes its bound."""
    if math.isinf(low):
        return value < high
    if math.isinf(high):
        return value > low
    return low <= value <= high


def _readings(text: str) -> dict[str, list[tuple[float, int, int]]]:
    """Temperatures (°C) and pressures (bar) stated in a text, with their character spans."""
    nfc = unicodedata.normalize("NFC", text).lower()
    found: dict[str, list[tuple[float, int, int]]] = {}
    for kind, pattern in (("temperature", _TEMPERATURE), ("pressure", _PRESSURE)):
        for match in pattern.finditer(nfc):
            found.setdefault(kind, []).append(
                (_number(match.group(1)), match.start(), match.end()))
    return found
