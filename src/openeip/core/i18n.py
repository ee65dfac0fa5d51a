"""Translation of core's user-facing messages without Django.

Core marks its messages with :func:`gettext` (the same name Django's ``makemessages`` looks for),
so one gettext catalogue under ``openeip/locale`` serves core, web and cli. The language is a
context variable: the web layer sets it per request, the CLI from ``--lang``.
"""

from __future__ import annotations

import gettext as _stdlib_gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from importlib import resources

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
