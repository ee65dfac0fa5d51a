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
