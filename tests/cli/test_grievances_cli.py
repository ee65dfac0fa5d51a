"""``openeip grievances escalate | stats`` on the test database (world of tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from typer.testing import CliRunner

from openeip.cli import app
from tests.web.community.helpers import T0, a1_case

runner = CliRunner()


def test_escalate_moves_an_overdue_case_and_says_so(world):
    grievance = a1_case(world)
    with mock.patch("django.utils.timezone.now", return_value=T0 + dt.timedelta(days=11)):
        result = runner.invoke(app, ["grievances", "escalate", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "grievance #{}: park handling officer → park management board".format(grievance.pk),
        "1 escalated"]


def test_stats_hide_small_counts(world):
    for _ in range(6):
        a1_case(world, category="noise")
    a1_case(world, category="dust")
    result = runner.invoke(app, ["grievances", "stats", "--park", "alpha", "--year", "2026",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "category\tnoise\t–" in lines and "category\tdust\t–" in lines   # 6 hidden with 1
    assert "category\ttotal\t7" in lines and "state\topen\t7" in lines


def test_stats_of_an_unknown_park_fail_and_say_how_to_fix(world):
    result = runner.invoke(app, ["grievances", "stats", "--park", "nope", "--year", "2026"])
    assert result.exit_code == 1
