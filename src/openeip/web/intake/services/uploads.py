"""Uploaded files: their size limit, and every parse of them run in the capped child process.

The limits come from the settings (``OPENEIP_UPLOAD_*`` and ``OPENEIP_PARSE_*`` environment
variables, see docs/operations.md); :mod:`openeip.web.intake.services.sandbox` runs the parse.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from openeip.core.errors import IntakeError, Problem
from openeip.core.intake import Dataset, ReadLimits, count_rows, read_dataset
from openeip.web.intake.services import cells, sandbox

logger = logging.getLogger(__name__)
_MEBIBYTE = 1024 * 1024


def read_limits() -> ReadLimits:
    return ReadLimits(
        unpacked_bytes=settings.UPLOAD_MAX_UNPACKED_MB * _MEBIBYTE,
        cell_chars=settings.UPLOAD_MAX_CELL_CHARS,
        rows=settings.UPLOAD_MAX_ROWS,
        columns=settings.UPLOAD_MAX_COLUMNS,
        json_depth=settings.UPLOAD_MAX_JSON_DEPTH,
    )


def too_large_message(name: str, size: int) -> str:
    """What the upload form and the API say of a file above ``settings.UPLOAD_MAX_MB``."""
    return _("'{name}' is {size} MB; files of up to {limit} MB can be uploaded. Split it into "
             "smaller files (for example one per company or per year).").format(
                 name=name, size="{:,.1f}".format(size / _MEBIBYTE), limit=settings.UPLOAD_MAX_MB)


def is_too_large(size: int) -> bool:
    return size > settings.UPLOAD_MAX_MB * _MEBIBYTE


def _isolated(target: Any, filename: str, *args: Any, **kwargs: Any) -> Any:
    try:
        result = sandbox.run(target, *args, memory_mb=settings.PARSE_MEMORY_MB,
                             cpu_seconds=settings.PARSE_CPU_SECONDS,
                             language=(get_language() or settings.LANGUAGE_CODE), **kwargs)
    except IntakeError:
        logger.info("%s of %s in a child: problems found, peak %s KiB", target.__name__,
                    filename, sandbox.last_peak_kib())
        raise
    except sandbox.ParseFailed as failure:
        logger.info("%s of %s in a child: died (%s)", target.__name__, filename, failure)
        if failure.reason == "memory":
            message = _("Reading '{name}' needed more memory than one upload may use ({limit} "
                        "MB), so it was stopped and nothing was written. Split the file into "
                        "smaller ones; a workbook that unpacks to far more than its size is "
                        "refused this way.").format(name=filename, limit=settings.PARSE_MEMORY_MB)
        elif failure.reason == "time":
            message = _("Reading '{name}' took longer than one upload may ({limit} s of "
                        "processor time), so it was stopped and nothing was written. Split the "
                        "file into smaller ones.").format(name=filename,
                                                           limit=settings.PARSE_CPU_SECONDS)
        else:
            logger.error("Reading upload %s failed: %s", filename, failure.detail)
            message = _("Reading '{name}' stopped on an unexpected error and nothing was "
                        "written. Try again; if it fails again, send the file to your platform "
                        "administrator.").format(name=filename)
        raise IntakeError([Problem(filename, None, None, message)]) from None
    logger.info("%s of %s in a child: peak %s KiB", target.__name__, filename,
                sandbox.last_peak_kib())
    return result


def read(content: bytes, filename: str, known_companies: Collection[str], *,
         accept_fuel_suggestions: bool = False) -> Dataset:
    """The validated dataset of an upload, or IntakeError (its problems, or why reading died)."""
    dataset: Dataset = _isolated(read_dataset, filename, content, filename,
                                 known_companies=tuple(known_companies), limits=read_limits(),
                                 accept_fuel_suggestions=accept_fuel_suggestions)
    return dataset


def count(content: bytes, filename: str) -> int:
    """The cheap row estimate of an upload; IntakeError when even that cannot be done."""
    rows: int = _isolated(count_rows, filename, content, filename, read_limits())
    return rows


def problem_rows(content: bytes, filename: str, wanted: Iterable[cells.Location]
                 ) -> dict[cells.Location, cells.RowValues]:
    """The cells of the rows problems point at; none when the file cannot be read for that."""
    wanted = set(wanted)
    if not wanted:
        return {}
    try:
        found: dict[cells.Location, cells.RowValues] = _isolated(
            cells.problem_rows, filename, content, filename, wanted, read_limits())
    except IntakeError:
        return {}
    return found
