"""The allocator thresholds of a large array run are set where the C library is glibc."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's mallopt only")
def test_glibc_takes_the_thresholds_in_a_process_of_its_own() -> None:
    # in a child process: the thresholds stay for the life of the process that sets them
    done = subprocess.run(
        [sys.executable, "-c", "from openeip.core.allocator import keep_freed_memory; "
                               "import numpy; print(keep_freed_memory()); "
                               "print(numpy.ones(40_000_000).sum())"],
        capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "40000000.0"]


def test_collection_is_off_inside_and_what_was_built_frozen_after() -> None:
    # in a child: the freeze is process-wide and must not reach the other tests
    code = ("import gc; from openeip.core.allocator import uncollected\n"
            "before = gc.get_freeze_count()\n"
            "with uncollected():\n"
            "    assert not gc.isenabled(); kept = [[i] for i in range(1000)]\n"
            "assert gc.isenabled() and gc.get_freeze_count() >= before + 1000\n"
            "gc.disable()\n"
            "with uncollected(): pass\n"
            "assert not gc.isenabled()   # left as it was found\n")
    subprocess.run([sys.executable, "-c", code], check=True)
