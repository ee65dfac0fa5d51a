"""The access table of the community and training models at queryset level: each persona
reaches exactly these rows for each action (the pattern of tests/web/base/test_access_table)."""

from __future__ import annotations

import pytest

from openeip.web.base.access import ACTIONS, visible
from openeip.web.community.models import Complainant, Grievance, Meeting
from openeip.web.training.models import Certificate, Registration, Session
from tests.conftest import PERSONAS
from tests.web.community.helpers import a1_case
from tests.web.training.helpers import held_session

HANDLERS = {"admin", "park_manager"}
#: registrations of alpha's held session (A1: Lan, Minh, Tú; A2: Hoa) each persona reaches
REGISTRATIONS = {
    "admin": {"Hoa", "Lan", "Minh", "Tú"}, "park_manager": {"Hoa", "Lan", "Minh", "Tú"},
    "trainer": {"Hoa", "Lan", "Minh", "Tú"},
    # A1's member registered all four (registered_by), the consultant sees A1's three
    "company_user": {"Hoa", "Lan", "Minh", "Tú"}, "consultant": {"Lan", "Minh", "Tú"},
}


@pytest.mark.parametrize("persona", [p for p in PERSONAS if p != "anonymous"] + ["trainer"])
def test_the_community_and_training_rows_each_persona_reaches(world, persona):
    user = world.users[persona]
    a1_case(world)
    Meeting.objects.create(park=world.alpha, date="2026-04-01", title="m")
    session = held_session(world)
    for action in ACTIONS:
        handler = persona in HANDLERS
        assert visible(Grievance, user, action).count() == (1 if handler else 0), action
        assert visible(Complainant, user, action).count() == (1 if handler else 0), action
        assert visible(Meeting, user, action).count() == (1 if handler else 0), action
        runs = persona in HANDLERS | {"trainer"}
        assert list(visible(Session, user, action)) == ([session] if runs else []), action
    names = set(visible(Registration, user).values_list("name", flat=True))
    assert names == REGISTRATIONS.get(persona, set())
    assert visible(Certificate, user).exists() == (persona in REGISTRATIONS)
