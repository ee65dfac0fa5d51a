"""What each kind of report is made by: the apps that own reports register their builders here.

The report-job machinery (:mod:`.jobs`, :mod:`.runner`, :mod:`.job_views`) knows no report of
its own, so it imports neither recp nor eip: each app calls :func:`register` from its
``AppConfig.ready()`` with, for each :class:`~openeip.web.reports.models.ReportJob.Kind` it makes,

* ``make(job)`` → the file's bytes and the name it is downloaded under, and
* ``stamp(park, company)`` → text that changes whenever the data the report reads changes (so an
  identical request made after an edit gives a fresh report, see :mod:`.jobs`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openeip.web.reports.models import ReportJob

__all__ = ["CONTENT_TYPES", "Builder", "Made", "ReportError", "builder", "register"]

Made = tuple[bytes, str]  # the file's bytes and the name it is downloaded under

#: a job's format (the end of its kind) → the file's content type
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class ReportError(Exception):
    """The report cannot be made as asked; the message says why and what to do."""


@dataclass(frozen=True)
class Builder:
    make: Callable[[ReportJob], Made]
    stamp: Callable[[Any, Any], list[str]]  # (park, company or None) → stamp of the data read


_BUILDERS: dict[str, Builder] = {}


def register(kind: str, make: Callable[[ReportJob], Made],
             stamp: Callable[[Any, Any], list[str]]) -> None:
    """Make reports of ``kind`` with ``make``; called from the owning app's ``ready()``."""
    _BUILDERS[str(kind)] = Builder(make=make, stamp=stamp)


def builder(kind: str) -> Builder:
    """The builder registered for ``kind``; LookupError names the kinds there are."""
    try:
        return _BUILDERS[str(kind)]
    except KeyError:
        raise LookupError("No report builder is registered for '{}' (registered: {}); the app "
                          "that makes it must call reports.builders.register in its ready()."
                          .format(kind, ", ".join(sorted(_BUILDERS)) or "none")) from None
