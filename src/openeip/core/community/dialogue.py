"""Which dialogue meetings are a dialogue *with the community* (EIP indicator
``dialogue_meetings``, read by the International edition's SOC-4 and shown beside Decree 35 A.5
SOC.7).

The criteria speak of the park's *surrounding community*. OpenEIP reads that as residents and
neighbours, or the mass organisations and NGOs that speak for them: a meeting of workers, firms,
park management or authorities alone is a meeting of the park, not a dialogue with its community.
This is OpenEIP's reading of the criterion texts (no source defines it; unverified).
"""

from __future__ import annotations

from collections.abc import Mapping

__all__ = ["COMMUNITY_GROUPS", "with_community"]

#: participant groups (``community.models.ParticipantGroup`` codes) that are the community
COMMUNITY_GROUPS = frozenset({"residents", "civil_society"})


def with_community(participants: Mapping[str, int]) -> bool:
    """True when at least one participant came from a community group."""
    return any(int(participants.get(group) or 0) > 0 for group in COMMUNITY_GROUPS)
