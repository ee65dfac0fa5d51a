"""The pre/post quiz and the feedback survey of a session, answered by a registered person
with their e-mail (no account needed) while core.training says they are open."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.errors import DomainError
from openeip.core.training import (
    Score,
    is_quiz_open,
    learning_gain,
    mean_percent,
    mean_rating,
    score,
)
from openeip.web.training.models import Feedback, QuizAttempt, Registration, Session

__all__ = ["give_feedback", "session_summary", "submit_quiz"]


def _registered(session: Session, email: str) -> Registration:
    row = Registration.objects.filter(session=session, email=email.strip().lower(),
                                      status=Registration.Status.REGISTERED).first()
    if row is None:
        raise DomainError(_("No confirmed registration for this e-mail in this session."),
                          "email")
    return row


def submit_quiz(session: Session, phase: str, email: str, answers: list[int | None],
                now: dt.datetime | None = None) -> QuizAttempt:
    now = now or timezone.now()
    if not is_quiz_open(phase, session.starts_at, session.ends_at, now):
        raise DomainError(_("This quiz is not open now."), "phase")
    registration = _registered(session, email)
    key = [question.correct for question in session.course.questions.all()]
    result = score(answers, key)
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(registration=registration, phase=phase,
                                              answers=answers, correct=result.correct,
                                              total=result.total)
    except IntegrityError:
        raise DomainError(_("You have already answered this quiz."), "phase") from None


def give_feedback(session: Session, email: str, rating: int, comment: str,
                  now: dt.datetime | None = None) -> Feedback:
    now = now or timezone.now()
    if not is_quiz_open("post", session.starts_at, session.ends_at, now):
        raise DomainError(_("The feedback survey is not open now."), "rating")
    registration = _registered(session, email)
    if not registration.attended:
        raise DomainError(_("Only people who attended may give feedback."), "email")
    mean_rating([rating])  # checks the range
    row, _created = Feedback.objects.update_or_create(
        registration=registration, defaults={"rating": rating, "comment": comment})
    return row


def session_summary(session: Session) -> dict[str, Any]:
    """Mean pre and post percent, the paired learning gain and the mean rating."""
    attempts = QuizAttempt.objects.filter(registration__session=session)
    by_phase: dict[str, dict[str, Decimal]] = {"pre": {}, "post": {}}
    for attempt in attempts:
        by_phase[attempt.phase][str(attempt.registration_id)] = Score(
            attempt.correct, attempt.total).percent
    mean = mean_percent
    ratings = list(Feedback.objects.filter(registration__session=session)
                   .values_list("rating", flat=True))
    return {"pre": mean(by_phase["pre"]), "pre_n": len(by_phase["pre"]),
            "post": mean(by_phase["post"]), "post_n": len(by_phase["post"]),
            "gain": learning_gain(by_phase["pre"], by_phase["post"]),
            "rating": mean_rating(ratings), "rating_n": len(ratings),
            "comments": list(Feedback.objects.filter(registration__session=session)
                             .exclude(comment="").values_list("comment", flat=True))}
