"""Capacity building: when a session's check-in is open, who gets a seat, which course a firm's
gaps invite it to, quiz scores, learning gain and feedback ratings. Settings come from
``openeip/data/training/`` with their source."""

from openeip.core.training.quiz import (
    PHASES,
    Score,
    is_quiz_open,
    learning_gain,
    mean_percent,
    mean_rating,
    score,
)
from openeip.core.training.rules import (
    GAPS,
    TOPICS,
    Invitation,
    checkin_window,
    invitations_for,
    is_checkin_open,
    seat_for,
    training_rules,
)

__all__ = ["GAPS", "PHASES", "TOPICS", "Invitation", "Score", "checkin_window",
           "invitations_for", "is_checkin_open", "is_quiz_open", "learning_gain",
           "mean_percent", "mean_rating", "score", "seat_for", "training_rules"]
