"""Capacity building for the demo park; running it again changes nothing.

A demo trainer account, two courses (RECP basics, energy management), a held session of each
two weeks ago with people of the park's first firms registered (names marked DEMO), their
attendance (one person absent) and certificates, and an upcoming RECP session to which the
firms whose records show RECP gaps are invited.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.web.registry.models import Company, Park
from openeip.web.registry.services.demo import DemoAccount
from openeip.web.training.models import Course, Registration, Session, Trainer
from openeip.web.training.services import registration as service
from openeip.web.training.services.invitations import invite_from_gaps

__all__ = ["TRAINER_ACCOUNT", "seed_training_demo"]

DAY = dt.timedelta(days=1)
HOUR = dt.timedelta(hours=1)
TRAINER_ACCOUNT = ("demo-trainer", "openeip-trainer")
COURSES = [
    ("recp-basics", "recp", "Sản xuất sạch hơn và sử dụng hiệu quả tài nguyên: cơ bản",
     "Resource efficiency and cleaner production: basics",
     "DEMO: Cân bằng vật chất, chi phí tổn thất, chọn giải pháp.",
     "DEMO: Material balances, cost of losses, choosing options.", Decimal(8)),
    ("energy-management", "energy", "Quản lý năng lượng trong doanh nghiệp",
     "Energy management in the firm",
     "DEMO: Đo đếm, đường cơ sở, kiểm toán năng lượng.",
     "DEMO: Metering, baselines, energy audits.", Decimal(16)),
]
#: (name, gender, attended) per firm, for each held session
PEOPLE = [("DEMO Phạm Thị Hoa", "female", True), ("DEMO Vũ Văn Nam", "male", True),
          ("DEMO Đỗ Thị Thu", "female", False)]


def seed_training_demo(park: Park, stdout: IO[str] | None = None) -> DemoAccount:
    username, password = TRAINER_ACCOUNT
    account = DemoAccount(username, password, _("trainer of {park}").format(park=park.slug))
    user, created = get_user_model().objects.get_or_create(
        username=username, defaults={"email": username + "@demo.openeip.invalid"})
    if created or not user.check_password(password):
        user.set_password(password)
        user.save()
    Trainer.objects.get_or_create(user=user, park=park)
    if Session.objects.filter(park=park, venue__startswith="DEMO").exists():
        return account
    courses = []
    for code, topic, title_vi, title_en, summary_vi, summary_en, hours in COURSES:
        course, _created = Course.objects.get_or_create(code=code, defaults={
            "topic": topic, "title_vi": title_vi, "title_en": title_en,
            "summary_vi": summary_vi, "summary_en": summary_en, "hours": hours})
        courses.append(course)
    firms = list(Company.objects.filter(park=park).order_by("code")[:3])
    start = (timezone.now() - 14 * DAY).replace(hour=8, minute=0, second=0, microsecond=0)
    certificates = 0
    for offset, course in enumerate(courses):
        held = Session.objects.create(
            course=course, park=park, starts_at=start + offset * DAY,
            ends_at=start + offset * DAY + 8 * HOUR, mode="hybrid" if offset else "in_person",
            venue="DEMO: Hội trường ban quản lý", capacity=20, trainer=user,
            online_url="https://meet.example.org/demo" if offset else "")
        for firm in firms:
            for index, (name, gender, attended) in enumerate(PEOPLE):
                Registration.objects.create(
                    session=held, company=firm, name="{} ({})".format(name, firm.code),
                    email="demo{}.{}@{}.demo.invalid".format(index, offset, firm.code.lower()),
                    gender=gender, status="registered", attended=attended,
                    attended_at=held.starts_at if attended else None,
                    checkin_method="bulk" if attended else "", registered_by=user)
        certificates += len(service.issue_certificates(held, user))
    upcoming = Session.objects.create(
        course=courses[0], park=park, starts_at=start + 24 * DAY, ends_at=start + 24 * DAY
        + 4 * HOUR, mode="in_person", venue="DEMO: Hội trường ban quản lý", capacity=2,
        trainer=user)
    if firms:
        for index, (name, gender, _attended) in enumerate(PEOPLE):
            service.register(upcoming, name="{} ({})".format(name, firms[0].code),
                             email="demo{}.next@{}.demo.invalid".format(index,
                                                                        firms[0].code.lower()),
                             gender=gender, company=firms[0], user=user, via="demo")
    invited = invite_from_gaps(upcoming)
    if stdout:
        stdout.write("Training: 2 courses, 3 sessions, {} certificates, {} invitations\n".format(
            certificates, len(invited)))
    return account
