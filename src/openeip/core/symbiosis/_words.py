"""Words of a stream description as the classifier sees them (private to ``classify``).

* :func:`normalise` — NFC, lower case, Vietnamese diacritics folded (``đ`` → ``d``), anything but
  letters and digits to a space, spaces collapsed.
* :func:`words` — the tokens matched: function words dropped *before* folding (``của`` goes,
  ``cua`` — crab — stays), English plurals and long ``-ic`` adjectives reduced, British
  spellings unified, numbers, one-letter tokens and stated temperatures or pressures ("3 bar",
  "80 độ") dropped. Each token knows whether it stands
  after a provenance or purpose word (*from, for, từ, cho, để*: "Hơi nước **từ** lò đốt rác"
  names steam, not refuse); so do the words after English "to" before a verb ("waste to feed
  incinerators"), after what is done with the stream today ("currently sent to …", "hiện đổ
  bỏ"), and the words before a verb of needing ("Our boiler needs a solid fuel"). Words after
  *mixed with, blended with, trộn với* name a co-material and are dropped with the mixing
  verb, up to the next provenance or purpose word ("Phối trộn với bùn mía để ủ phân hữu cơ"
  asks for something to compost, not press mud). Waste words (*waste, scrap, spent, used,
  end-of-life, broken, thải, phế liệu, đã qua sử dụng, hư hỏng* …) are taken out and only
  remembered as a flag; "all kinds of" / "các loại" is dropped and remembered too
  (:attr:`Words.kinds`: classify reads the group). A register's label before a colon
  ("Chất thải rắn công nghiệp thông thường: …", "Accepted feedstocks: …") is dropped when
  the stream's words follow it (its waste words still count as the flag).
* :func:`readings` / :func:`bands` — temperatures (°C) and pressures (bar) in a text, and the
  bands a class's name states ("Hot water 60–90 °C", "Low-pressure steam (≤ 5 bar(g))").
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from openeip.core.symbiosis.model import ResourceClass

_WORD = re.compile(r"[^\W_]+")

# Function words dropped before folding (Vietnamese with its diacritics, so folded look-alikes
# survive). Kept short: only words of the class phrases count anyway.
_STOP_WORDS = frozenset({
    "a", "an", "and", "are", "at", "be", "in", "into", "is", "it", "its", "of", "on",
    "or", "our", "per", "the", "their", "this", "to", "we", "with", "which", "that", "about",
    "approx", "around", "some", "each", "every",
    "của", "và", "các", "những", "là", "được", "với", "trong", "tại", "ở", "theo", "một", "mỗi",
    "khoảng", "này", "đó", "có", "hàng", "tấn", "độ",
    "cần", "muốn",      # need, want (with their diacritics: "can" is a word and "cans" a stream)
    # the price a firm hopes for says nothing of what it needs ("cheap N and S for blended
    # fertilisers", "hạt tái sinh giá rẻ"); "re" without its mark may be a "re-" prefix
    "cheap", "cheaper", "cheapest", "inexpensive", "cost", "costs", "rẻ"})
# English function words that no Vietnamese word typed without marks folds to ("the" is
# "thể", "it" "ít", "to" "to", "be" "bể", "an" "ăn", "on" "ổn": not these). A text without
# marks holding ENGLISH_MIN_WORDS of them is read as English: against the English phrases
# only, so its "than", "day", "tons", "lot", "may", "men", "pin" are not the Vietnamese "than"
# (coal), "dây" (wire), "tôn" (steel sheet), "lót" (lining), "may" (sewing), "men" (glaze),
# "pin" (battery) — see classify.py
_ENGLISH_WORDS = frozenset({
    "and", "of", "with", "our", "we", "is", "are", "from", "for", "this", "that", "which",
    "will", "by", "into", "their", "has", "have", "been", "was", "were", "they", "you",
    "your", "its", "would", "should", "could", "any", "per", "or"})
ENGLISH_MIN_WORDS = 2
_STOP_FOLDED = frozenset({"yr", "m3", "mwh", "kwh",
                          # a negated hazard says what the stream is not, not what it is
                          "nonhazardous", "khongnguy", "khongdoc"})

# After one of these, words say where a stream comes from or what it is for, not what it is.
_PROVENANCE = frozenset({"from", "for", "từ", "cho", "để", "ex", "as",
                         # a container says what it held after these: the container is the stream
                         "đựng", "contained"})
_PROVENANCE_ASCII_VI = frozenset({"tu", "de"})     # only in a text written without diacritics
# ... but not in the compounds "điện tử" (electronic), "nguyên tử", "phân tử", "tủ lạnh"
# (refrigerator), "tủ điện", which fold to the same letters: "rac thai dien tu" is e-waste
_NOT_FROM_AFTER = frozenset({"dien", "nguyen", "phan"})
_NOT_FROM_BEFORE = frozenset({"lanh", "dien"})
# What is done with the stream today is no word of it either: "… tyres, currently sent to a
# licensed hazardous-waste contractor", "Tro xỉ …, hiện đổ bỏ" (not in "thể hiện", "thực
# hiện", "xuất hiện", "phát hiện", which fold to the same letters)
_FATE = frozenset({"currently", "presently", "hiện"})
_FATE_ASCII_VI = frozenset({"hien"})          # only in a text written without diacritics
_NOT_FATE_AFTER = frozenset({"the", "thuc", "xuat", "phat"})
# "to" before a verb says what the stream is for, as "để" does: "waste to feed incinerators
# that raise steam", "water to cut our draw of drinking water" (not "sent to landfill")
_PURPOSE_VERBS = frozenset({
    "feed", "make", "produce", "replace", "substitute", "cut", "lower", "reduce", "raise",
    "fire", "run", "heat", "cool", "dry", "power", "blend", "mix", "screen", "extrude", "wash",
    "treat", "neutralise", "neutralize", "generate", "manufacture", "recover", "recycle", "use",
    "serve", "meet", "cover", "displace", "offset", "avoid", "improve", "increase", "grow",
    "irrigate", "clean", "convert", "turn", "upgrade", "enrich", "liquefy", "purify", "crush",
    "grind", "compost", "digest", "supplement", "top", "fill", "dilute", "adjust", "control"})
# English puts the use or source before the thing in a compound: "additive for cement" is a
# "cement additive", "heat from flue gas" "flue-gas heat" (classify.py reads both orders)
_COMPOUNDING = frozenset({"for", "from"})
# An English participle with its agent after the stream's words says how it arises, not what
# it is: "Steam raised by burning substitute fuels", "Hydrogen co-produced with caustic soda",
# "Fly ash collected by the precipitators" — a tail from there ("mixed with" is a co-material,
# below). Participles not ending in -ed:
_PARTICIPLES = frozenset({"made", "given", "driven", "taken", "thrown", "left", "spent",
                          "produced", "generated", "raised", "formed", "obtained", "released"})
_AGENT_WORDS = frozenset({"by", "with"})
# "mixed with" / "trộn với": what follows is a co-material the stream will be blended with,
# neither the stream nor its use ("Phối trộn với bùn mía để ủ phân" asks for a residue to
# compost WITH press mud, not for press mud): skipped up to the next provenance/purpose word.
_MIXED_WITH = frozenset({("mixed", "with"), ("blended", "with"), ("mixing", "with"),
                         ("blending", "with"), ("trộn", "với"), ("tron", "voi")})
_MIXING_VERBS = frozenset({"mixed", "blended", "mixing", "blending", "tron", "phoi"})
# A negation makes one word with what it negates, in the names as in the texts: "non-hazardous"
# is not "hazardous", "non-ferrous" not "ferrous", "không nguy hại" not "nguy hại", "khí nén
# không dầu" (oil-free air) not oil; "không khí" (air) and "non-woven" stay whole words.
_NEGATIONS = frozenset({"non", "không", "khong"})
_NEGATED_VERBS = frozenset({"chứa", "chua", "có", "co", "lẫn", "lan"})   # "không chứa dầu"
_CLAUSE_END = re.compile(r"[,;.:()/\[\]!?\n]")
# the end of a label ("Chất thải rắn thông thường: …"), not of a time ("10:30")
_LABEL_END = re.compile(r"(?<!\d):(?!\d)")
# the words of such a label, folded: the categories of Vietnam's waste registers (chất thải rắn
# công nghiệp thông thường, chất thải nguy hại, sổ đăng ký chủ nguồn thải) and the names of the
# tables of a report or a licence, in both languages (read in held-out part 41)
_LABEL_WORDS = frozenset({
    "chat", "thai", "ran", "cong", "nghiep", "thong", "thuong", "nguy", "hai", "ctnh", "ctr",
    "so", "dang", "ky", "chu", "nguon", "bang", "nhu", "cau", "nguyen", "lieu", "duoc", "phep",
    "tiep", "nhan", "co", "the", "tai", "che", "loai", "ten", "danh", "muc", "ma",
    "annual", "waste", "wastes", "summary", "accepted", "feedstock", "feedstocks", "generated",
    "raw", "material", "materials", "type", "types", "register", "manifest", "industrial",
    "hazardous", "non", "general", "solid", "recyclable", "inputs", "input", "list", "intake"})
_SENTENCE_END = re.compile(r"[;!?\n]|\.(?!\d)")
# "all kinds of" / "các loại": the firm names a whole group, not one member ("Nhận các loại nhớt
# thải": any used oil). The pair is dropped and remembered (classify reads the group); "loại"
# alone stays ("kim loại" is metal, "phân loại" sorted).
_KINDS = frozenset({("all", "kinds"), ("all", "types"), ("all", "sorts"), ("any", "kind"),
                    ("any", "type"), ("various", "kinds"), ("various", "types"),
                    ("các", "loại"), ("mọi", "loại"), ("nhiều", "loại"), ("cac", "loai"),
                    ("moi", "loai"), ("nhieu", "loai")})
# Compounds written as two words or with a hyphen, read as the one word the names use
_SPLIT_COMPOUNDS = {("off", "cuts"): "offcut", ("off", "cut"): "offcut"}
# "làm" (as) before a use: "Trấu làm nhiên liệu", "bã mì làm thức ăn" — the words after it say
# what the stream is used as. Not alone: "nước làm mát" is cooling water.
_AS_USE = frozenset({("làm", "nguyên"), ("làm", "nhiên"), ("làm", "thức"), ("làm", "phân"),
                     ("làm", "phụ"), ("làm", "vật"), ("làm", "chất"), ("lam", "nguyen"),
                     ("lam", "nhien"), ("lam", "thuc"), ("lam", "phan"), ("lam", "phu"),
                     ("lam", "vat"), ("lam", "chat"),
                     # a container says what it held: "Bồn IBC (đã chứa chất hoạt động bề
                     # mặt …)", "từng chứa hàng gốc nước" — the container is the stream
                     ("đã", "chứa"), ("từng", "chứa")})

# "This is a residue" words (folded, stemmed), longest first when matched.
_MARKERS = frozenset({
    ("waste",), ("scrap",), ("spent",), ("used",), ("surplus",), ("excess",), ("leftover",),
    ("residue",), ("residual",), ("discarded",), ("reject",), ("byproduct",), ("thai",),
    ("by", "product"), ("phe", "lieu"), ("phe", "thai"), ("phe", "pham"), ("phu", "pham"),
    ("du", "thua"), ("thua", "ra"), ("qua", "su", "dung"), ("da", "qua", "su", "dung"),
    ("da", "su", "dung"),
    # the end of a product's life ("end-of-life", "off-spec", "hư hỏng", "hết hạn")
    ("end", "life"), ("obsolete",), ("broken",), ("damaged",), ("defective",), ("expired",),
    ("off", "spec"), ("hu", "hong"), ("het", "han")})
_MARKER_LENGTHS = sorted({len(m) for m in _MARKERS}, reverse=True)
_MARKER_FIRST = frozenset(m[0] for m in _MARKERS)

_SPELLING = {"sulphur": "sulfur", "sulphuric": "sulfuric", "sulphate": "sulfate",
             "fibre": "fiber", "aluminium": "aluminum", "tyre": "tire", "colour": "color",
             "litre": "liter", "metre": "meter", "centre": "center", "fertiliser": "fertilizer",
             "desulphurisation": "desulfurization", "desulfurisation": "desulfurization",
             "pulverised": "pulverized", "fluidised": "fluidized"}

_NUMBER = r"(\d+(?:[.,]\d+)?)"
_TEMPERATURE = re.compile(_NUMBER + r"\s*(?:°\s*c\b|º\s*c\b|°|độ\s*c\b|độ|do\s*c\b|do\b|"
                          r"deg(?:rees?)?\s*c\b|oc\b|c\b)")
_PRESSURE = re.compile(_NUMBER + r"\s*(?:bar[ag]?\b|atm\b|kgf?\s*/\s*cm2\b)")
_UNITS = {"temperature": r"\s*(?:°\s*c|ºc|độ|oc|c\b)", "pressure": r"\s*(?:bar|atm)"}


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    """Diacritics off (NFKD, so ``m³`` → ``m3``), ``đ`` → ``d``."""
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("ð", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """NFC, lower case, diacritics folded (đ → d), punctuation to spaces, spaces collapsed.

    >>> normalise("  Bùn thải (sinh học), ĐẶC!")
    'bun thai sinh hoc dac'
    """
    lowered = unicodedata.normalize("NFC", text).lower()
    return " ".join(fold(word) for word in _WORD.findall(lowered))


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
    if token.endswith("ic") and len(token) >= 8:      # pozzolanic → pozzolan
        return token[:-2]
    return token


# Words of wanting and buying say that a firm needs something, not what: "Nhu cầu nhiệt cho
# nấu bia", "Cần nguyên liệu polyolefin", "Thu mua 2.000 tấn nguyên liệu", "need steam".
# Left out of a firm's text (not of the class phrases: "water demand" stays a phrase), as
# matched (folded, stemmed); the Vietnamese pairs as two words ("cần", "muốn" are function
# words above).
_NEED_WORDS = frozenset({"need", "needed", "require", "required", "want", "wanted", "buy",
                         "buying", "seeking", "looking"})
_NEED_PAIRS = frozenset({("nhu", "cau"), ("thu", "mua"), ("mong", "muon")})
# A verb of needing after other words: what came before is who needs it, not what ("Our
# fluidised-bed boiler needs a solid fuel", "Trại 3.000 con cần nguyên liệu giá rẻ"); those
# words weigh as a tail. Not the participles, which follow the thing ("Sawdust needed").
_NEED_VERBS = frozenset({"need", "needs", "require", "requires", "seek", "seeks", "seeking",
                         "want", "wants", "looking", "cần", "muốn"})
_NOT_NEEDING = frozenset({"không", "khong", "not", "no", "t", "chưa"})   # "không cần", "don't need"
# "cần" typed without its marks is "can", as are "cặn" (a residue) and the English "can": it is
# the need only before what a need goes on with ("can nguyen lieu", "can mua", "can nguon")
_CAN_NEED_BEFORE = frozenset({"nguyen", "nhien", "mua", "tim", "nguon", "them", "bo", "cung",
                              "lay", "nhap", "thu", "khoang", "dung", "su"})


@dataclass(frozen=True, slots=True)
class Word:
    text: str          # folded, stemmed
    start: int         # character span in the NFC text
    end: int
    tail: bool         # after a provenance/purpose word
    joins: bool = False    # the first word after "for"/"from" (English compounds it)
    toned: str = ""        # a word written with Vietnamese marks: :func:`toned` (else "")


@dataclass(frozen=True, slots=True)
class Words:
    """The core words of a text (waste words taken out) and what was taken out."""

    core: tuple[Word, ...]
    marked: bool       # a waste word before any provenance word
    kinds: bool = False    # "all kinds of", "các loại" before the stream's words
    english: bool = False  # written in English (:func:`_is_english`)

    @property
    def texts(self) -> tuple[str, ...]:
        return tuple(w.text for w in self.core)

    @property
    def diacritised(self) -> bool:
        """Written with Vietnamese marks: some core word carries them."""
        return any(w.toned for w in self.core)

    @property
    def toned_texts(self) -> tuple[str, ...]:
        """The words as the marked lexicon reads them: a marked word by its tones, the
        others as matched."""
        return tuple(w.toned or w.text for w in self.core)


def _reading_spans(nfc: str) -> list[tuple[int, int]]:
    lowered = nfc.lower()
    if len(lowered) != len(nfc):
        return []
    return [m.span() for pattern in (_TEMPERATURE, _PRESSURE) for m in pattern.finditer(lowered)]


def _read_tokens(text: str) -> tuple[list[Word], bool, bool]:
    """The words of ``text`` (see :func:`words`), whether it says "all kinds of" before them
    and whether it is English (:func:`_is_english`)."""
    nfc = unicodedata.normalize("NFC", text)
    ascii_only = nfc.isascii()
    stated = _reading_spans(nfc)          # "75 °C", "3 bar", "80 độ": no resource words there
    out: list[Word] = []
    tail = joins = False
    blended = False                       # inside a "mixed with …" co-material
    found = list(_WORD.finditer(nfc))
    lowers = [match.group().lower() for match in found]
    english = ascii_only and _is_english(lowers)
    # "tu", "de", "hien" are Vietnamese typed without marks, never in an English text
    vietnamese_ascii = ascii_only and not english
    lowers.append("")
    previous = ""
    prefix, prefix_start = "", 0          # a one-letter prefix joined by a hyphen ("e-")
    kinds = skip = False
    negating = False                      # inside what "không lẫn …", "free of …" exclude
    excluding = False                     # the prefix is such an exclusion's
    fate_tail = False                     # the tail began at what is done today ("hiện …")
    for n, match in enumerate(found):
        if stated and any(a <= match.start() < b for a, b in stated):
            continue
        lowered = lowers[n]
        following = lowers[n + 1]
        if skip:
            skip = False
            continue
        if fate_tail and _SENTENCE_END.search(nfc, found[n - 1].end(), match.start()):
            tail = fate_tail = False      # what is done today ends with its sentence
        if negating:
            # the exclusion runs to the end of its clause: "không lẫn dầu tổng hợp và dầu
            # thực vật để …", "free of chlorides and sulphates, …"
            if (_CLAUSE_END.search(nfc, found[n - 1].end(), match.start())
                    or lowered in _PROVENANCE or lowered in _NEED_VERBS
                    or (vietnamese_ascii and lowered in _PROVENANCE_ASCII_VI)):
                negating = False
            else:
                continue
        if (lowered in _NEED_VERBS and out and not tail
                and (n == 0 or lowers[n - 1] not in _NOT_NEEDING)):
            out = [replace(word, tail=True) for word in out]
        if (lowered, following) in _KINDS and not tail:
            kinds = skip = True
            continue
        if (lowered, following) in _SPLIT_COMPOUNDS:      # "off-cuts", "off cuts": offcuts
            out.append(Word(_SPLIT_COMPOUNDS[lowered, following], match.start(),
                            found[n + 1].end(), tail))
            skip = True
            continue
        before, previous = previous, lowered
        if prefix:                    # "e-waste", "e-scrap": one word
            if prefix in _NEGATIONS and lowered in _NEGATED_VERBS and n + 1 < len(found):
                prefix += lowered     # "không chứa dầu": the negation reaches the thing
                excluding = True
                continue
            negating, excluding = excluding, False
            lowered, start, prefix = prefix + lowered, prefix_start, ""
        else:
            start = match.start()
        if lowered in _NEGATIONS and n + 1 < len(found):
            prefix, prefix_start = lowered, match.start()
            continue
        if lowered == "free":
            # what a stream is free of is no word of it: "solvent-free", "oil-free" (the word
            # before the hyphen goes), "free of chlorides" (the word after becomes "non…")
            if (out and n and nfc[found[n - 1].end():match.start()] == "-"
                    and out[-1].start == found[n - 1].start()):
                out.pop()
                continue
            if following in {"of", "from"} and n + 2 < len(found):
                prefix, prefix_start, skip, excluding = "non", match.start(), True, True
                continue
        if (len(lowered) == 1 and lowered.isalpha() and nfc[match.end():match.end() + 1] == "-"
                and n + 1 < len(found) and found[n + 1].start() == match.end() + 1):
            prefix, prefix_start = lowered, match.start()
            continue
        if lowered == "for" and before in _NEED_VERBS:
            continue                  # "looking for", "need for": what follows is the need
        fate = ((lowered in _FATE or (vietnamese_ascii and lowered in _FATE_ASCII_VI))
                and fold(before) not in _NOT_FATE_AFTER)
        if (lowered in _PROVENANCE or (vietnamese_ascii and lowered in _PROVENANCE_ASCII_VI
                                       and before not in _NOT_FROM_AFTER
                                       and following not in _NOT_FROM_BEFORE)
                or (lowered, following) in _AS_USE
                or (lowered == "to" and following in _PURPOSE_VERBS)
                or fate):
            joins = not tail and bool(out) and lowered in _COMPOUNDING
            fate_tail = fate_tail or (fate and not tail and bool(out))
            tail = tail or bool(out)
            blended = False
            continue
        if (ascii_only and out and not tail and following in _AGENT_WORDS
                and (lowered, following) not in _MIXED_WITH
                and (lowered in _PARTICIPLES or (len(lowered) > 4 and lowered.endswith("ed")))):
            if out[-1].text == "co" and before == "co":     # "co-produced with"
                out.pop()
            tail = skip = bool(out)
            blended = False
            continue
        if (before, lowered) in _MIXED_WITH and (ascii_only or lowered != "voi"):
            blended = True            # the mixing verb says nothing of the stream either
            while out and out[-1].text in _MIXING_VERBS:
                out.pop()
            continue
        if blended:
            continue
        word = _matched_form(lowered)
        if word is not None:
            out.append(Word(word, start, match.end(), tail, joins,
                            "" if lowered.isascii() else toned(lowered)))
            joins = False
    return out, kinds, english


def _is_english(lowers: Sequence[str]) -> bool:
    """A text without Vietnamese marks is English when at least :data:`ENGLISH_MIN_WORDS` of
    its words are English function words that no Vietnamese word folds to."""
    return sum(word in _ENGLISH_WORDS for word in lowers) >= ENGLISH_MIN_WORDS


@lru_cache(maxsize=1 << 16)
def _matched_form(lowered: str) -> str | None:
    """A lower-case word as matched (folded, spelled one way, stemmed), or None for a
    function word, a number or a single letter."""
    if lowered in _STOP_WORDS:
        return None
    word = fold(lowered)
    if word in _STOP_FOLDED or len(word) < 2 or word.isdigit():
        return None
    word = _SPELLING.get(word, word)
    stemmed = _stem(word)
    return _SPELLING.get(stemmed, stemmed)


# Vietnamese tone marks (grave, acute, tilde, hook above, dot below) as combining characters,
# each written after the word by a subscript digit: vowel marks (â ê ô ơ ư ă) and đ stay
_TONES = {"\u0300": "\u2081", "\u0301": "\u2082", "\u0303": "\u2083", "\u0309": "\u2084",
          "\u0323": "\u2085"}


@lru_cache(maxsize=1 << 16)
def toned(lowered: str) -> str:
    """A lower-case word written with Vietnamese marks as the marked lexicon matches it: its
    letters with their vowel marks, then its tone wherever the writer put it ("hoà" and "hòa",
    "thuỷ" and "thủy" are one word), or "" for a word without marks, digits or symbols
    ("m³"). Folding makes "vải" (cloth) and "vãi" (spilt), "cát" (sand) and "cắt" (cut),
    "đá" (stone) and "da" (leather), "dầu" (oil) and "đầu" (head) one word; this keeps them
    apart.

    >>> toned("hoà") == toned("hòa") == "hoa\u2081"
    True
    >>> toned("vải") != toned("vãi"), toned("da")
    (True, '')
    """
    if lowered.isascii() or not lowered.isalpha():
        return ""
    letters, tone = [], ""
    for ch in unicodedata.normalize("NFD", lowered):
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            letters.append(ch)
    return unicodedata.normalize("NFC", "".join(letters)) + tone


def words(text: str) -> Words:
    """The words the classifier matches on (see the module docstring)."""
    read, kinds, english = _read_tokens(text)
    toks = _without_need_words(read)
    core: list[Word] = []
    marked = False
    i = 0
    while i < len(toks):
        for length in (_MARKER_LENGTHS if toks[i].text in _MARKER_FIRST else ()):
            if tuple(t.text for t in toks[i:i + length]) in _MARKERS:
                marked = marked or not toks[i].tail
                i += length
                break
        else:
            core.append(toks[i])
            i += 1
    if not core:                 # nothing but waste words: they are the words
        return Words(tuple(toks), False, kinds, english)
    return Words(tuple(_without_label(text, core)), marked, kinds, english)


def _without_label(text: str, core: list[Word]) -> list[Word]:
    """Without the words before a colon when they are only a label — a register's category
    or a table's name, in the words of :data:`_LABEL_WORDS` — and the stream's words follow
    it ("Chất thải rắn công nghiệp thông thường: ống uPVC lỗi …", "Annual waste summary: spent
    glycol-water mixtures …", "Nguyên liệu: cao su phế liệu …"): the label says what kind of
    list the row is in, not what the stream is. Not a material before its details
    ("Off-spec water-based paint: wrong tints …"). Its waste words still mark the stream."""
    if ":" not in text:
        return core
    nfc = unicodedata.normalize("NFC", text)
    found = _LABEL_END.search(nfc)
    if found is None:
        return core
    at = found.start()
    label = [fold(match.group().lower()) for match in _WORD.finditer(nfc, 0, at)]
    if (not label or not all(word in _LABEL_WORDS or word.isdigit() for word in label)
            or not any(w.start > at and not w.tail for w in core)):
        return core
    return [w for w in core if w.start > at]


def _without_need_words(toks: list[Word]) -> list[Word]:
    out: list[Word] = []
    k = 0
    while k < len(toks):
        if k + 1 < len(toks) and (toks[k].text, toks[k + 1].text) in _NEED_PAIRS:
            k += 2
            continue
        if toks[k].text == "can" and k + 1 < len(toks) and toks[k + 1].text in _CAN_NEED_BEFORE:
            k += 1
            continue
        if toks[k].text not in _NEED_WORDS:
            out.append(toks[k])
        k += 1
    return out if out else toks


def token_count(text: str) -> int:
    """How many words a text has, waste words included (function words and numbers not)."""
    return len(_read_tokens(text)[0])


@lru_cache(maxsize=1 << 15)
def tokens(text: str) -> tuple[tuple[str, ...], bool]:
    """The core words and whether a waste word qualifies the stream (memoised: every
    classifier reads the same class names)."""
    found = words(text)
    return found.texts, found.marked


@lru_cache(maxsize=1 << 15)
def toned_tokens(text: str) -> tuple[tuple[str, ...], bool]:
    """:func:`tokens` as the marked lexicon reads them (:attr:`Words.toned_texts`)."""
    found = words(text)
    return found.toned_texts, found.marked


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def readings(text: str) -> dict[str, tuple[float, int, int]]:
    """The first temperature (°C) and pressure (bar) stated in a text, with character spans."""
    nfc = unicodedata.normalize("NFC", text)
    found: dict[str, tuple[float, int, int]] = {}
    for kind, pattern in (("temperature", _TEMPERATURE), ("pressure", _PRESSURE)):
        match = pattern.search(nfc.lower())
        if match and len(nfc.lower()) == len(nfc):
            found[kind] = (_number(match.group(1)), match.start(), match.end())
    return found


@dataclass(frozen=True, slots=True)
class Band:
    low: float
    high: float
    closed_low: bool = True
    closed_high: bool = True

    def contains(self, value: float) -> bool:
        above = value >= self.low if self.closed_low else value > self.low
        below = value <= self.high if self.closed_high else value < self.high
        return above and below


def bands(rc: ResourceClass) -> dict[str, Band]:
    """Temperature / pressure bands stated in a class's names ("Hot water 60–90 °C")."""
    found: dict[str, Band] = {}
    for label in (rc.name_en, rc.name_vi):
        text = unicodedata.normalize("NFC", label).lower()
        for kind, unit in _UNITS.items():
            if kind in found:
                continue
            between = re.search(_NUMBER + r"\s*(?:[-–—]|to|đến)\s*" + _NUMBER + unit, text)
            below = re.search(r"(<|≤|below|under|dưới)\s*" + _NUMBER + unit, text)
            above = re.search(r"(>|≥|above|over|trên)\s*" + _NUMBER + unit, text)
            if between:
                found[kind] = Band(_number(between.group(1)), _number(between.group(2)))
            elif below:
                found[kind] = Band(-math.inf, _number(below.group(2)),
                                   closed_high=below.group(1) == "≤")
            elif above:
                found[kind] = Band(_number(above.group(2)), math.inf,
                                   closed_low=above.group(1) == "≥")
    return found


def span_text(text: str, core: Sequence[Word], i: int, j: int) -> str:
    """Words ``i`` to ``j`` (exclusive) of ``core`` as they are written in ``text``; a bracket
    the words open is closed ("Fuel oil (FO" of "Fuel oil (FO, boiler)" reads "Fuel oil (FO)")."""
    nfc = unicodedata.normalize("NFC", text)
    span = nfc[core[i].start:core[j - 1].end]
    return span + ")" * max(0, span.count("(") - span.count(")"))


def reading_text(text: str, reading: tuple[float, int, int]) -> str:
    """A stated temperature or pressure as written in ``text`` ("75 °C")."""
    return unicodedata.normalize("NFC", text)[reading[1]:reading[2]].strip()
