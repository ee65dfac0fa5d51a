"""``openeip manage run_huey``: huey's queue worker, refused with a clear message when there is
no Redis queue to work on (the embedded default runs tasks in the web process itself)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.utils.translation import gettext as _
from huey.contrib.djhuey.management.commands.run_huey import Command as HueyCommand


class Command(HueyCommand):
    help = "Run the queue worker (needs OPENEIP_TASK_QUEUE=redis and a reachable Redis)."

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.TASK_QUEUE != "redis":
            raise CommandError(_(
                "There is no queue to work on: OPENEIP_TASK_QUEUE is '{queue}', so the web "
                "process runs background tasks itself. To run workers, set "
                "OPENEIP_TASK_QUEUE=redis (and REDIS_URL) for the web process and for this "
                "command.").format(queue=settings.TASK_QUEUE))
        _check_redis(settings.REDIS_URL)
        super().handle(*args, **options)


def _check_redis(url: str) -> None:
    """Fail now, with the address, rather than log connection errors for ever."""
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=5).ping()
    except redis.RedisError as error:
        raise CommandError(_(
            "Cannot reach Redis at {url} ({error}). Start Redis or set REDIS_URL.").format(
                url=url, error=error)) from error
