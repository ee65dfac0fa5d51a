"""Capacity building: when a session's check-in is open, who gets a seat, which course a firm's
gaps invite it to. Settings come from ``openeip/data/training/`` with their source."""

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

__all__ = ["GAPS", "TOPICS", "Invitation", "checkin_window", "invitations_for",
           "is_checkin_open", "seat_for", "training_rules"]
