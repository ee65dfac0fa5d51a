"""E-mail alerts through Django's mail backend: a meter that stopped sending, a target breached;
each sent once, to the company's members and the park's managers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from tests.web.monitor.helpers import metered


def test_gap_and_breach_alerts_sent_once(world):
    from openeip.web.monitor.models import Alert, Target
    from openeip.web.monitor.services.alerts import check_alerts

    m = metered(world)
    # the readings run to the end of 2024 (PW's to 2 January): on 10 January 2025 they are late
    Target.objects.create(meter=m.e1, interval="month", limit=1200,
                          starts_on=dt.date(2024, 1, 1))
    now = dt.datetime(2025, 1, 10, 12, tzinfo=dt.UTC)
    sent = check_alerts(now, language="en")
    kinds = sorted((a.meter.code, a.kind) for a in sent)
    assert ("E1", "gap") in kinds and ("P1", "gap") in kinds and ("PW", "gap") in kinds
    # December 2024: (1000 + 2.5·217 + (−2))·0.9 = 1386.45 > 1200 → breached
    breach = next(a for a in sent if a.kind == "target")
    assert breach.detail["kpi"] == pytest.approx(1386.45)
    by_subject = {message.subject: message.to for message in mail.outbox}
    assert by_subject["OpenEIP: meter E1 above its target"] == [
        "company_user@example.org", "park_manager@example.org"]
    park_gap = next(s for s in by_subject if "PW" in s)
    assert by_subject[park_gap] == ["park_manager@example.org"]
    count = len(mail.outbox)
    assert check_alerts(now, language="en") == []
    assert len(mail.outbox) == count
    assert Alert.objects.count() == len(sent)


def test_alerts_in_vietnamese_by_the_command(world):
    from django.core.management import call_command

    metered(world)
    call_command("monitor_alerts", "--lang", "vi")
    assert mail.outbox and all(m.subject.startswith("OpenEIP") for m in mail.outbox)
