"""One import into a park at a time.

Two imports of the same park running together would each read the stored rows, decide what to
create, and collide on the natural keys (a raw ``IntegrityError`` for the loser). They are
serialised instead:

* PostgreSQL: the park's row is locked (``SELECT … FOR UPDATE``) until the import's transaction
  ends. An import that finds it locked says so (``on_wait``) and waits, at most
  ``IMPORT_LOCK_WAIT_SECONDS``, then reads what the first one wrote. A park that does not exist
  yet is created with an insert that waits for, and then yields to, a concurrent creation of the
  same park.
* SQLite: every write transaction already holds the database's write lock from its first
  statement (``BEGIN IMMEDIATE``), so imports are serialised by SQLite itself; one that waits
  longer than the connection's timeout fails with :func:`busy_error`'s message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction

from openeip.core.errors import IntakeError, Problem
from openeip.core.i18n import gettext as _
from openeip.web.registry.models import Park

Waiting = Callable[[], None]


def lock_park(slug: str, on_wait: Waiting | None = None) -> Park | None:
    """Park ``slug`` locked until the current transaction ends; None if there is no such park."""
    if connection.vendor != "postgresql":
        return Park.objects.filter(slug=slug).first()
    try:
        with transaction.atomic():
            return Park.objects.select_for_update(nowait=True).filter(slug=slug).first()
    except OperationalError as error:
        if not _lock_not_available(error):
            raise
        # another transaction holds it: an import, or a change of the park
    if on_wait is not None:
        on_wait()
    seconds = settings.IMPORT_LOCK_WAIT_SECONDS
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('lock_timeout')")
        saved = cursor.fetchone()[0]
        cursor.execute("SELECT set_config('lock_timeout', %s, true)", ["{}s".format(seconds)])
    try:
        with transaction.atomic():
            return Park.objects.select_for_update().filter(slug=slug).first()
    except OperationalError as error:
        if not _lock_not_available(error):
            raise
        raise busy_error(slug) from None
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [saved])


def create_park(slug: str, fields: dict[str, Any], on_wait: Waiting | None = None
                ) -> tuple[Park, bool]:
    """(park, True) once created and locked; (the park another import created meanwhile, False)."""
    try:
        with transaction.atomic():
            return Park.objects.create(slug=slug, **fields), True
    except IntegrityError:
        # A concurrent import created it and has committed (PostgreSQL makes the insert wait
        # for that); lock it like any existing park.
        park = lock_park(slug, on_wait)
        if park is None:  # pragma: no cover - deleted in the instant between
            raise
        return park, False


def _lock_not_available(error: OperationalError) -> bool:
    """PostgreSQL's 55P03 (NOWAIT refused, or lock_timeout reached), not a lost connection."""
    return getattr(error.__cause__, "sqlstate", None) == "55P03"


def busy_error(slug: str) -> IntakeError:
    """The import waited too long for another one into the same park (or, on SQLite, for any
    other write); nothing was written."""
    return IntakeError([Problem("Park", None, None, _(
        "Another import into park '{slug}' is still running and did not finish while this one "
        "waited; nothing was written. Try again when it has finished.").format(slug=slug))])


def is_busy_database(error: BaseException) -> bool:
    """SQLite's 'database is locked': another transaction held the write lock too long."""
    return connection.vendor == "sqlite" and "database is locked" in str(error)
