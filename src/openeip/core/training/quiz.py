"""Pre/post quizzes and the feedback survey of a training session.

* A quiz attempt's score is the number of questions answered with the key's choice over the
  number of questions: ``percent = 100 · correct / total``, rounded half-up to 0.1.
* When the quizzes are open: the pre-session quiz until the session starts; the post-session
  quiz and the feedback survey from the start until ``quiz_post_closes_days_after_end`` days
  after the end (``training_rules.csv``).
* A session's learning gain is the mean post-session percent minus the mean pre-session percent,
  over the people who took both (paired), so that late-comers do not skew it.
* Feedback ratings run from 1 to 5; their mean is rounded half-up to 0.1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from openeip.core.errors import DomainError
from openeip.core.training.rules import training_rules

__all__ = ["PHASES", "Score", "is_quiz_open", "learning_gain", "mean_percent", "mean_rating",
           "score"]

PHASES = ("pre", "post")
TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Score:
    correct: int
    total: int

    @property
    def percent(self) -> Decimal:
        if self.total == 0:
            return Decimal(0)
        return (Decimal(100) * self.correct / self.total).quantize(TENTH, ROUND_HALF_UP)


def score(answers: Sequence[int | None], key: Sequence[int]) -> Score:
    """``answers[i]`` is the chosen option of question ``i`` (None = left blank)."""
    if len(answers) != len(key):
        raise DomainError("{} answers for {} questions".format(len(answers), len(key)),
                          "answers")
    return Score(sum(1 for given, right in zip(answers, key, strict=True) if given == right),
                 len(key))


def is_quiz_open(phase: str, starts_at: dt.datetime, ends_at: dt.datetime,
                 now: dt.datetime) -> bool:
    if phase not in PHASES:
        raise DomainError("unknown quiz phase {!r}".format(phase), "phase")
    if phase == "pre":
        return now < starts_at
    closes = ends_at + dt.timedelta(days=training_rules()["quiz_post_closes_days_after_end"])
    return starts_at <= now <= closes


def learning_gain(pre: Mapping[str, Decimal], post: Mapping[str, Decimal]) -> Decimal | None:
    """Mean post − mean pre percent over the people (keys) who took both; None without any."""
    paired = sorted(set(pre) & set(post))
    if not paired:
        return None
    total = sum((post[person] - pre[person] for person in paired), Decimal(0))
    return (total / len(paired)).quantize(TENTH, ROUND_HALF_UP)


def mean_percent(percents: Mapping[str, Decimal]) -> Decimal | None:
    """The mean of the people's percents, rounded half-up to 0.1; None without any."""
    if not percents:
        return None
    return (sum(percents.values(), Decimal(0)) / len(percents)).quantize(TENTH, ROUND_HALF_UP)


def mean_rating(ratings: Sequence[int]) -> Decimal | None:
    for rating in ratings:
        if not 1 <= rating <= 5:
            raise DomainError("a rating runs from 1 to 5, not {}".format(rating), "rating")
    if not ratings:
        return None
    return (Decimal(sum(ratings)) / len(ratings)).quantize(TENTH, ROUND_HALF_UP)
