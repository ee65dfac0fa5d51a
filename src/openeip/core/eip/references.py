"""Where a criterion comes from, as a reader cites it: the instrument's title and the clause.

Edition files name their sources by key (``decree-35-2022``) and write clauses in a short
English notation (``Art. 37(1)(a)``, ``Form A.5 ECO.3``, ``EIP criterion 3 (first part)``).
:func:`criterion_reference` gives both in the current language, e.g. "Nghị định 35/2022/NĐ-CP,
Điều 37 khoản 1 điểm a".
"""

from __future__ import annotations

import re

from openeip.core.i18n import gettext as _
from openeip.core.i18n import gettext_noop

__all__ = ["clause_text", "country_name", "criterion_reference", "issuer_name", "source_title"]

SOURCE_TITLES = {
    "decree-82-2018": gettext_noop("Decree 82/2018/ND-CP"),
    "decree-35-2022": gettext_noop("Decree 35/2022/ND-CP"),
    "circular-05-2025": gettext_noop("Circular 05/2025/TT-BKHĐT"),
    "intl-eip-framework-2.0": gettext_noop(
        "An International Framework for Eco-Industrial Parks, version 2.0 (2021)"),
}

#: the notes edition files add to a clause, worded for readers
_NOTES = {
    "article not confirmed": gettext_noop("article not confirmed"),
    "first part": gettext_noop("first part"),
    "second part": gettext_noop("second part"),
    "requirement table not read": gettext_noop("requirement table not read"),
}
_ARTICLE = re.compile(r"^Art\. (\d+)((?:\(\w+\))*)$")
_FORM = re.compile(r"^(?:Circular 05/2025 )?[Ff]orm ([A-Z0-9.]+) ([A-Z]+\.\d+)$")
_CRITERION = re.compile(r"^EIP criterion (\d+)$")
_TOPIC = re.compile(r"^topic of the (.+) category$")
_TOPICS = {
    "park management": gettext_noop("a topic of the park management category"),
    "environmental": gettext_noop("a topic of the environmental category"),
    "social": gettext_noop("a topic of the social category"),
    "economic": gettext_noop("a topic of the economic category"),
}
_WRITTEN = re.compile(r'^written "([^"]+)" in the source$')
_POSSIBLY = re.compile(r"^possibly a point of Decree 35 (Art\. .+)$")


#: issuers as edition files write them, and countries as the benchmark file writes them
ISSUERS = {
    "Government of Viet Nam": gettext_noop("Government of Viet Nam"),
    "World Bank Group, UNIDO and GIZ": gettext_noop("World Bank Group, UNIDO and GIZ"),
    "Government of Viet Nam (Decree 35/2022/ND-CP); Ministry of Planning and Investment "
    "(Circular 05/2025/TT-BKHĐT)": gettext_noop(
        "Government of Viet Nam (Decree 35/2022/ND-CP); Ministry of Planning and Investment "
        "(Circular 05/2025/TT-BKHĐT)"),
}
COUNTRIES = {
    "Viet Nam": gettext_noop("Viet Nam"), "Colombia": gettext_noop("Colombia"),
    "Indonesia": gettext_noop("Indonesia"), "Ukraine": gettext_noop("Ukraine"),
    "South Africa": gettext_noop("South Africa"), "Egypt": gettext_noop("Egypt"),
    "Nigeria": gettext_noop("Nigeria"), "Peru": gettext_noop("Peru"),
}


def issuer_name(issuer: str) -> str:
    """An edition's issuer in the current language (as written when the file's own)."""
    return _(ISSUERS[issuer]) if issuer in ISSUERS else issuer


def country_name(country: str) -> str:
    return _(COUNTRIES[country]) if country in COUNTRIES else country


def source_title(source: str) -> str:
    """The instrument a source key stands for, in the current language (the key if unknown)."""
    title = SOURCE_TITLES.get(source)
    return _(title) if title else source


def _article(text: str) -> str | None:
    found = _ARTICLE.match(text)
    if not found:
        return None
    parts = re.findall(r"\((\w+)\)", found.group(2))
    words = [_("Art. {number}").format(number=found.group(1))]
    if parts:
        words.append(_("clause {number}").format(number=parts[0]))
    if len(parts) > 1:
        words.append(_("point {letter}").format(letter=parts[1]))
    return " ".join(words)


def _note(note: str) -> str:
    if note in _NOTES:
        return _(_NOTES[note])
    written = _WRITTEN.match(note)
    if written:
        return _('written "{code}" in the source').format(code=written.group(1))
    return note


def _part(text: str) -> str:
    note = ""
    found = re.match(r"^(.*?) \((.+)\)$", text)
    if found and not _ARTICLE.match(text):
        text, note = found.group(1), found.group(2)
    return "{} ({})".format(_worded(text), _note(note)) if note else _worded(text)


def _worded(text: str) -> str:
    article = _article(text)
    form = _FORM.match(text)
    criterion = _CRITERION.match(text)
    topic = _TOPIC.match(text)
    possibly = _POSSIBLY.match(text)
    if article:
        return article
    if form:
        worded = _("Form {form} {item}").format(form=form.group(1), item=form.group(2))
        if text.startswith("Circular 05/2025"):
            worded = "{}, {}".format(source_title("circular-05-2025"), worded)
        return worded
    if criterion:
        return _("EIP criterion {number}").format(number=criterion.group(1))
    if topic and topic.group(1) in _TOPICS:
        return _(_TOPICS[topic.group(1)])
    if possibly:
        return _("possibly a point of Decree 35 {article}").format(
            article=_article(possibly.group(1)) or possibly.group(1))
    if text.startswith("Decree 35 "):
        rest = text[len("Decree 35 "):]
        return "{} {}".format(source_title("decree-35-2022"), _article(rest) or rest)
    return text



def clause_text(clause: str) -> str:
    """An edition file's clause in the current language."""
    return "; ".join(_part(part.strip()) for part in clause.split(";") if part.strip())


def criterion_reference(source: str, clause: str) -> str:
    """'Decree 35/2022/ND-CP, Art. 37 clause 1 point a' in the current language."""
    title = source_title(source)
    return "{}, {}".format(title, clause_text(clause)) if clause else title
