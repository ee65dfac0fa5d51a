"""A pseudo-locale: every message of the catalogues shown as ⟦message⟧, to catch text that did
not pass through gettext.

The Vietnamese slot of the site is served from a catalogue built from the real ones (OpenEIP's
and Django's own), each msgstr replaced by the msgid between ⟦ ⟧. A page rendered in it shows
⟦…⟧ around everything that was translated; what is left outside the brackets came from data
(names, numbers, codes a reader knows) or was never translated — which :func:`leaks` reports.
"""

from __future__ import annotations

import functools
import gettext as stdlib_gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "openeip"
OPEN, CLOSE = "⟦", "⟧"


def _marked(text: str) -> str:
    return OPEN + text + CLOSE if text else text


def build_catalogue(directory: Path) -> Path:
    """Write the pseudo catalogue as ``directory``/vi/LC_MESSAGES/django.mo; returns the .mo."""
    sources = [PACKAGE / "locale" / "vi" / "LC_MESSAGES" / "django.po"]
    django_root = Path(django.__file__).parent
    sources += [django_root / "conf" / "locale" / "vi" / "LC_MESSAGES" / "django.po"]
    sources += sorted((django_root / "contrib").glob("*/locale/vi/LC_MESSAGES/django.po"))
    pseudo = polib.POFile()
    pseudo.metadata = {"Content-Type": "text/plain; charset=UTF-8",
                       "Plural-Forms": "nplurals=1; plural=0;"}
    seen: set[tuple[str | None, str]] = set()
    for source in sources:
        for entry in polib.pofile(str(source)):
            key = (entry.msgctxt, entry.msgid)
            if not entry.msgid or entry.obsolete or key in seen:
                continue
            seen.add(key)
            if entry.msgid_plural:
                pseudo.append(polib.POEntry(
                    msgctxt=entry.msgctxt, msgid=entry.msgid, msgid_plural=entry.msgid_plural,
                    msgstr_plural={0: _marked(entry.msgid_plural)}))
            else:
                pseudo.append(polib.POEntry(msgctxt=entry.msgctxt, msgid=entry.msgid,
                                            msgstr=_marked(entry.msgid)))
    target = directory / "vi" / "LC_MESSAGES"
    target.mkdir(parents=True, exist_ok=True)
    pseudo.save(str(target / "django.po"))
    pseudo.save_as_mofile(str(target / "django.mo"))
    return target / "django.mo"


def core_catalogue(mo: Path) -> stdlib_gettext.GNUTranslations:
    with mo.open("rb") as stream:
        return stdlib_gettext.GNUTranslations(stream)


class _Texts(HTMLParser):
    """The text nodes and the human-read attributes of an HTML page, scripts and styles aside."""

    SKIP = {"script", "style"}
    READ_ATTRIBUTES = {"title", "placeholder", "aria-label", "alt"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self._skipping += 1
        for name, value in attrs:
            if name in self.READ_ATTRIBUTES and value:
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(data)


def texts_of(html: str) -> list[str]:
    parser = _Texts()
    parser.feed(html)
    return parser.texts


_INNERMOST = re.compile(OPEN + "[^" + OPEN + CLOSE + "]*" + CLOSE)
#: what may stand outside the brackets: numbers, units and signs a reader of either language reads
ALLOWED_WORDS = frozenset((
    "VND", "kWh", "MWh", "GWh", "GJ", "TJ", "toe", "tCO2e", "CO2e", "CO2", "CH4", "N2O", "m³",
    "m3", "m²", "ha", "km", "kg", "yr", "t", "L", "RECP", "EIP", "UNIDO", "GWP", "AR5", "AR6",
    "NPV", "IRR", "MACC", "ISO", "API", "XLSX", "PDF", "CSV", "JSON", "YAML", "VSIC", "EVN",
    "B/C", "OpenEIP", "IPCC", "GHG", "TOU", "COD", "BOD", "UNEP", "IFC", "GIZ", "SXSH", "SDHQTN",
    "KCN", "English", "Excel", "http", "https", "www",
))
_SEPARATORS = re.compile(r"[\s,;:()\[\]{}«»\"“”'‘’–—=+×÷<>≥≤·•|!?…/*#%★✓→←↑↓&]+")
_VIETNAMESE = re.compile("[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệ"
                         "ìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")


_ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+")


@functools.lru_cache(maxsize=8)
def _without_addresses(names: frozenset[str]) -> list[str]:
    return sorted({_ADDRESS.sub(" ", name).strip() for name in names} - {""}, key=len,
                  reverse=True)


def leftover(text: str, names: frozenset[str]) -> str:
    """What of ``text`` stands outside the brackets, with data names removed."""
    previous = None
    while previous != text:
        previous, text = text, _INNERMOST.sub(" ", text)
    # addresses are data: taken out of the text and of the names alike, so that a name quoting
    # an address (a source "… as reported at https://…") still matches, and a short name inside
    # an address cannot cut it in two
    text = _ADDRESS.sub(" ", text)
    for name in _without_addresses(names):
        if name and name in text:
            # a whole name only: a short one ('A1', a rule's key) must not cut a code in two
            text = re.sub(r"(?<![\w-]){}(?![\w-])".format(re.escape(name)), " ", text)
    return text


def _is_code(token: str) -> bool:
    """A code a reader knows as such: with a digit (A1, VN35-A5-ECO.3, 12 06 05) or all capitals."""
    return "_" not in token and (any(c.isdigit() for c in token) or token.upper() == token)


def leaks(texts: list[str], names: frozenset[str]) -> list[str]:
    """The texts with a word outside the brackets that is neither data, a code, nor allowed."""
    found = []
    for text in texts:
        rest = leftover(text, names)
        if _VIETNAMESE.search(rest):
            continue  # a catalogue label of the data files, in Vietnamese
        words = [token.strip(".-'") for token in _SEPARATORS.split(rest)]
        words = [w for w in words if sum(c.isalpha() for c in w) > 1
                 and w not in ALLOWED_WORDS and not _is_code(w)]
        if words:
            found.append(" ".join(text.split())[:160])
    return found
