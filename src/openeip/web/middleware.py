"""Keeps core's message language in step with the language Django chose for the request;
serves the static files (WhiteNoise, its listing kept per process)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from whitenoise.middleware import WhiteNoiseMiddleware

from openeip.core.i18n import language


class CoreLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with language(get_language() or "en"):
            return self.get_response(request)


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, with the files of the static finders listed once per process.

    Django builds the middleware for every handler: a server does so once, but the test suite
    builds a handler for every test client, and WhiteNoise walked every app's static folder and
    stat-ed each file each time (35 ms, about a minute of the suite). The listing is kept for
    the process, per static prefix, finder folders and apps; a server sees no difference (it
    lists once, and a file added later is not served without a restart, as before)."""

    _found: ClassVar[dict[tuple[object, ...], dict[str, Any]]] = {}

    def add_files_from_finders(self) -> None:
        key = (self.static_prefix, tuple(map(str, settings.STATICFILES_DIRS)),
               tuple(settings.INSTALLED_APPS))
        found = self._found.get(key)
        if found is None:
            before = set(self.files)
            super().add_files_from_finders()
            found = self._found[key] = {url: self.files[url] for url in self.files
                                        if url not in before}
        self.files.update(found)
