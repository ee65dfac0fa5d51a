"""Translation of core's user-facing messages without Django.

Core marks its messages with :func:`gettext` (the same name Django's ``makemessages`` looks for),
so one gettext catalogue under ``openeip/locale`` serves core, web and cli. The language is a
context variable: the web layer sets it per request, the CLI from ``--lang``.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["LANGUAGES", "Message", "StoredText", "current_language", "gettext", "gettext_noop",
           "from_json", "language", "message", "render", "to_json"]

LANGUAGES = ("en", "vi")
_current: ContextVar[str] = ContextVar("openeip_language", default="en")


@cache
def _catalogue(language: str) -> _stdlib_gettext.NullTranslations:
    locale_dir = resources.files("openeip") / "locale"
    return _stdlib_gettext.translation(
        "django", localedir=str(locale_dir), languages=[language], fallback=True
    )


def gettext(message: str) -> str:
    """Translate ``message`` into the current language."""
    language = _current.get()
    if language == "en":
        return message
    return _catalogue(language).gettext(message)


def gettext_noop(message: str) -> str:
    """Mark ``message`` for the catalogue without translating it yet (translate at use)."""
    return message


def current_language() -> str:
    return _current.get()


@contextmanager
def language(code: str) -> Iterator[None]:
    """Run a block with core's messages in language ``code`` ('en' or 'vi')."""
    base = code.split("-")[0].lower()
    token = _current.set(base if base in LANGUAGES else "en")
    try:
        yield
    finally:
        _current.reset(token)


@dataclass(frozen=True)
class Message:
    """A user-facing text kept as its message id (the English source text, marked for the
    catalogue) and its parameters, and rendered in the reader's language only when shown.

    What is stored (JSON results, snapshots) is :meth:`to_json`; :func:`render` turns it, or
    any older form of stored text, into words. A parameter may itself be a Message (a name
    that is translated too); floats and decimals are written with the language's separators.
    """

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self)

    def to_json(self) -> dict[str, Any]:
        return {"msgid": self.msgid,
                "params": {key: to_json(value) for key, value in self.params.items()}}


#: a text as stored: plain (a user's note, or an older English row), a Message, or its JSON
StoredText = str | Message | dict[str, Any]


def message(msgid: str, **params: Any) -> Message:
    """A :class:`Message`; mark ``msgid`` with :func:`gettext_noop` where it is written."""
    return Message(msgid, params)


def to_json(value: Any) -> Any:
    """A Message (or a plain value) as stored: Messages become {'msgid', 'params'}."""
    if isinstance(value, Message):
        return value.to_json()
    if isinstance(value, Decimal):
        return float(value)
    return value


def from_json(value: Any) -> Any:
    """What :func:`to_json` stored, with Messages made Messages again (other values as they are)."""
    if isinstance(value, dict) and "msgid" in value:
        return Message(value["msgid"], {key: from_json(item)
                                        for key, item in (value.get("params") or {}).items()})
    return value


def _param(value: Any) -> Any:
    from openeip.core import formatting  # formatting reads the current language from here

    if isinstance(value, Message) or (isinstance(value, dict) and (
            "msgid" in value or set(value) & set(LANGUAGES))):
        return render(value)
    if isinstance(value, (float, Decimal)):
        return formatting.number(value)
    return value


def render(stored: Any) -> str:
    """Stored text in the current language.

    Accepts a :class:`Message`, its JSON form, a bilingual dict {'en': …, 'vi': …}, or a plain
    string stored by an older version (translated when it is a catalogue message id, else shown
    as it is); None is ''.
    """
    if stored is None:
        return ""
    if isinstance(stored, Message):
        msgid, params = stored.msgid, stored.params
    elif isinstance(stored, dict) and "msgid" in stored:
        msgid, params = stored["msgid"], stored.get("params") or {}
    elif isinstance(stored, dict):
        text = stored.get(current_language()) or stored.get("en") or ""
        return str(text)
    else:
        return gettext(stored) if isinstance(stored, str) and stored else str(stored or "")
    text = gettext(msgid) if msgid else ""  # gettext("") is the catalogue's header
    if not params:
        return text
    return text.format(**{key: _param(value) for key, value in params.items()})
