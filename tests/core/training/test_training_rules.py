"""Check-in window, seats, invitations, quiz scores, learning gain and ratings — by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from openeip.core.errors import DomainError
from openeip.core.training import (
    checkin_window,
    invitations_for,
    is_checkin_open,
    is_quiz_open,
    learning_gain,
    mean_percent,
    mean_rating,
    score,
    seat_for,
)

START = dt.datetime(2026, 6, 1, 8, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=4)
MINUTE = dt.timedelta(minutes=1)


def test_checkin_opens_thirty_minutes_before_and_closes_at_the_end():
    assert checkin_window(START, END) == (START - 30 * MINUTE, END)
    assert not is_checkin_open(START, END, START - 31 * MINUTE)
    assert is_checkin_open(START, END, START - 30 * MINUTE)
    assert is_checkin_open(START, END, END)
    assert not is_checkin_open(START, END, END + MINUTE)
    with pytest.raises(DomainError):
        checkin_window(END, START)


def test_a_seat_while_one_is_free():
    assert [seat_for(2, taken) for taken in (0, 1, 2, 3)] == [
        "registered", "registered", "waitlisted", "waitlisted"]
    with pytest.raises(DomainError):
        seat_for(0, 0)


def test_gaps_invite_to_the_course_of_their_topic():
    gaps = ["no_recp_assessment", "no_symbiosis_exchange"]
    assert [i.gap for i in invitations_for(gaps, "recp")] == ["no_recp_assessment"]
    assert [i.gap for i in invitations_for(gaps, "symbiosis")] == ["no_symbiosis_exchange"]
    assert invitations_for(gaps, "energy") == []
    with pytest.raises(DomainError):
        invitations_for(["no_such_gap"], "recp")


def test_a_quiz_score():
    result = score([1, 0, None], [1, 2, 0])
    assert (result.correct, result.total, result.percent) == (1, 3, D("33.3"))
    assert score([2, 2], [2, 2]).percent == D("100.0")
    with pytest.raises(DomainError):
        score([1], [1, 2])


def test_when_the_quizzes_are_open():
    assert is_quiz_open("pre", START, END, START - MINUTE)
    assert not is_quiz_open("pre", START, END, START)
    assert not is_quiz_open("post", START, END, START - MINUTE)
    assert is_quiz_open("post", START, END, END + dt.timedelta(days=14))
    assert not is_quiz_open("post", START, END, END + dt.timedelta(days=14, seconds=1))


def test_the_learning_gain_pairs_people():
    pre = {"lan": D("40"), "minh": D("60"), "late": D("0")}
    post = {"lan": D("80"), "minh": D("70"), "hoa": D("100")}
    # lan +40, minh +10 → mean +25; 'late' (no post) and 'hoa' (no pre) are left out
    assert learning_gain(pre, post) == D("25.0")
    assert learning_gain({}, post) is None
    assert mean_percent({"a": D("33.3"), "b": D("66.7")}) == D("50.0")
    assert mean_percent({}) is None


def test_ratings():
    assert mean_rating([4, 5, 5]) == D("4.7")      # 14 / 3 = 4.666…
    assert mean_rating([]) is None
    with pytest.raises(DomainError):
        mean_rating([6])
