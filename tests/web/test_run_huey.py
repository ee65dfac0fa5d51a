"""``openeip manage run_huey`` says why it cannot work instead of ending in a traceback."""

from __future__ import annotations

import socket

import pytest
from django.core.management import CommandError, call_command


def test_it_refuses_with_a_clear_message_when_the_queue_is_the_thread_one(settings):
    settings.TASK_QUEUE = "thread"
    with pytest.raises(CommandError, match="OPENEIP_TASK_QUEUE is 'thread'.*"
                                           "set OPENEIP_TASK_QUEUE=redis"):
        call_command("run_huey")


def test_it_names_the_address_when_redis_cannot_be_reached(settings):
    with socket.socket() as probe:  # a port nobody listens on: bound, then closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.TASK_QUEUE = "redis"
    settings.REDIS_URL = "redis://127.0.0.1:{}/0".format(port)
    with pytest.raises(CommandError, match="Cannot reach Redis at redis://127.0.0.1:{}/0"
                                           .format(port)):
        call_command("run_huey")
