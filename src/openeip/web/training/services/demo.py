"""Capacity building for the demo park; running it again changes nothing.

A demo trainer account, two courses (RECP basics, energy management) with DEMO quiz questions,
a held session of each two weeks ago with people of the park's first firms registered (names
marked DEMO), their attendance (one person absent), certificates, pre/post quizzes and feedback,
and an upcoming RECP session (two seats: the third registration waits) to which the firms whose
records show RECP gaps are invited.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import IO

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from openeip.core.training import score
from openeip.web.registry.models import Company, Park
from openeip.web.registry.services.demo import DemoAccount
from openeip.web.training.models import (
    Course,
    Feedback,
    Question,
    QuizAttempt,
    Registration,
    Session,
    Trainer,
)
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
#: made-up quiz questions (DEMO): (Vietnamese, English, [(choice vi, choice en)], right index)
QUESTIONS = {
    "recp-basics": [
        ("DEMO: Cân bằng vật chất dùng để làm gì?", "DEMO: What is a material balance for?",
         [("Tìm nơi thất thoát tài nguyên", "Finding where resources are lost"),
          ("Tính thuế", "Computing taxes")], 0),
        ("DEMO: Chi phí tổn thất gồm những gì?", "DEMO: What does the cost of losses include?",
         [("Chỉ tiền xử lý chất thải", "Only the cost of treating waste"),
          ("Giá nguyên liệu bị mất và chi phí xử lý", "The price of the lost input and its "
           "treatment")], 1),
    ],
    "energy-management": [
        ("DEMO: Đường cơ sở năng lượng là gì?", "DEMO: What is an energy baseline?",
         [("Mức tiêu thụ tham chiếu theo các yếu tố ảnh hưởng",
           "Reference consumption against its drivers"),
          ("Hóa đơn điện tháng trước", "Last month's electricity bill")], 0),
    ],
}
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
    for course in courses:
        for order, (text_vi, text_en, choices, correct) in enumerate(QUESTIONS[course.code]):
            Question.objects.get_or_create(course=course, order=order, defaults={
                "text_vi": text_vi, "text_en": text_en, "correct": correct,
                "choices": [{"vi": vi, "en": en} for vi, en in choices]})
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
        _quizzes_and_feedback(held)
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


def _quizzes_and_feedback(held: Session) -> None:
    """Made-up answers: before the session every attendee gets the first question right only,
    after it every question; each gives a rating of 4 or 5."""
    key = list(held.course.questions.values_list("correct", flat=True))
    pre = [key[0]] + [1 - right for right in key[1:]]
    for index, registration in enumerate(held.registrations.filter(attended=True)
                                         .order_by("id")):
        for phase, answers in (("pre", pre), ("post", key)):
            result = score(list(answers), key)
            QuizAttempt.objects.create(registration=registration, phase=phase, answers=answers,
                                       correct=result.correct, total=result.total)
        Feedback.objects.create(registration=registration, rating=5 if index % 2 else 4,
                                comment="DEMO: hữu ích" if index == 0 else "")
