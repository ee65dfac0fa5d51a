"""The rules of the park's grievance mechanism: time limits, escalation and public statistics.

* :mod:`.rules` — the settings of ``openeip/data/community/grievance_rules.csv`` (with source,
  year and verification level) and a park's :class:`Schedule` checked against their caps;
* :mod:`.deadlines` — when each step of a case is due and when a missed one escalates
  (handling officer → park management board → provincial authority);
* :mod:`.statistics` — the counts the public may see, with small cells suppressed;
* :mod:`.dialogue` — which dialogue meetings count as dialogue with the community.
"""

from openeip.core.community.deadlines import (
    ESCALABLE_STAGES,
    LEVELS,
    MAX_LEVEL,
    STAGES,
    CaseClock,
    due_at,
    escalation_due,
    is_overdue,
)
from openeip.core.community.dialogue import COMMUNITY_GROUPS, with_community
from openeip.core.community.rules import Rule, Schedule, default_schedule, rules
from openeip.core.community.statistics import PublicCounts, public_counts, recurring, suppress

__all__ = ["COMMUNITY_GROUPS", "ESCALABLE_STAGES", "LEVELS", "MAX_LEVEL", "STAGES", "CaseClock",
           "PublicCounts", "Rule", "Schedule", "default_schedule", "due_at", "escalation_due",
           "is_overdue", "public_counts", "recurring", "rules", "suppress", "with_community"]
