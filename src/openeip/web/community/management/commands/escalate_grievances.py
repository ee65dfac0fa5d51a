"""Escalate the grievances whose deadline has passed (run daily, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from openeip.web.community.services.escalation import escalate_overdue


class Command(BaseCommand):
    help = "Escalate every open grievance whose deadline has passed, one level up."

    def handle(self, *args: Any, **options: Any) -> None:
        made = escalate_overdue()
        for row in made:
            self.stdout.write("grievance #{} level {} -> {}".format(
                row.grievance_id, row.from_level, row.to_level))
        self.stdout.write("{} escalated".format(len(made)))
