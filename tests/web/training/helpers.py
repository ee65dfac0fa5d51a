"""Two courses of park alpha and their sessions, with hand-countable registrations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.utils import timezone

HOUR = dt.timedelta(hours=1)


def courses(world: SimpleNamespace) -> SimpleNamespace:
    from openeip.web.training.models import Course

    recp, _ = Course.objects.get_or_create(code="recp-basics", defaults={
        "topic": "recp", "title_vi": "Sản xuất sạch hơn cơ bản", "title_en": "RECP basics",
        "summary_vi": "Nhập môn", "summary_en": "Introduction", "hours": Decimal("8")})
    energy, _ = Course.objects.get_or_create(code="energy-audit", defaults={
        "topic": "energy", "title_vi": "Kiểm toán năng lượng", "title_en": "Energy audit",
        "hours": Decimal("16")})
    return SimpleNamespace(recp=recp, energy=energy)


def session(world: SimpleNamespace, *, starts_in: Any = 48 * HOUR, capacity: int = 2,
            mode: str = "in_person", course: Any = None) -> Any:
    from openeip.web.training.models import Session

    start = timezone.now() + starts_in
    return Session.objects.create(
        course=course or courses(world).recp, park=world.alpha, starts_at=start,
        ends_at=start + 4 * HOUR, mode=mode, venue="Hall A", capacity=capacity,
        online_url="https://meet.example.org/x" if mode != "in_person" else "",
        trainer=world.users["trainer"])


def held_session(world: SimpleNamespace) -> Any:
    """A session of last week: A1's Lan (woman) and Minh (man) attended, A2's Hoa (woman)
    attended, A1's Tú registered but did not come; Lan has a certificate."""
    from openeip.web.training.models import Certificate, Registration

    row = session(world, starts_in=-7 * 24 * HOUR, capacity=10)
    people = [("Lan", "lan@a1.vn", "female", world.a1, True),
              ("Minh", "minh@a1.vn", "male", world.a1, True),
              ("Hoa", "hoa@a2.vn", "female", world.a2, True),
              ("Tú", "tu@a1.vn", "male", world.a1, False)]
    regs = {}
    for name, email, gender, company, attended in people:
        regs[name] = Registration.objects.create(
            session=row, company=company, name=name, email=email, gender=gender,
            status="registered", attended=attended, registered_by=world.users["company_user"])
    row.certificate = Certificate.objects.create(registration=regs["Lan"])
    row.regs = regs
    return row
