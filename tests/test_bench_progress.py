"""`make bench` says which benchmark runs and how long each took, instead of minutes of silence."""

from __future__ import annotations

import inspect

import bench.__main__ as bench_main
import pytest
from bench.__main__ import Steps


def test_each_step_prints_its_start_and_its_time_and_returns_its_figures(capsys):
    steps = Steps(2)
    figures = steps.run("tiny", "-c", "print('warming up'); print('{\"rows\": 3}')")
    lines = capsys.readouterr().out.splitlines()
    assert figures == {"rows": 3}
    assert lines[0] == "[1/2] tiny …"
    assert lines[1].startswith("[1/2] tiny: done in ") and lines[1].endswith(" s")


def test_a_failing_step_says_which_one_and_shows_its_error(capsys):
    with pytest.raises(SystemExit, match=r"\[1/1\] broken failed after .* s \(exit code 1\)"):
        Steps(1).run("broken", "-c", "raise ValueError('no workbook')")
    assert "ValueError: no workbook" in capsys.readouterr().err


def test_the_step_count_is_the_number_of_steps_main_runs():
    assert inspect.getsource(bench_main.main).count("steps.run(") == bench_main.STEP_COUNT
