"""Grievances and a community dialogue for the demo park; running it again changes nothing.

Every text starts with "DEMO" (nobody mistakes it for a real complaint). Five cases at several
stages — one just received, one under investigation shared with the company concerned which
answered, one resolved in time and confirmed, one whose acknowledgement deadline was missed and
which the daily escalation moved to the park management board, one worker grievance with a
retaliation flag — and one dialogue meeting whose two commitments became actions of the EIP plan
(Decree 35 edition), one of them followed up.
"""

from __future__ import annotations

import datetime as dt
from typing import IO, Any

from django.utils import timezone

from openeip.web.community.models import CompanyAnswer, Grievance, Meeting
from openeip.web.community.services import workflow
from openeip.web.community.services.dialogue import follow_up, make_plan_action
from openeip.web.community.services.escalation import escalate_overdue
from openeip.web.community.services.intake import file_grievance
from openeip.web.registry.models import Company, Park, ParkManager

__all__ = ["seed_community_demo"]

DAY = dt.timedelta(days=1)
EDITION = "vn-decree-35-2022"


def _near(park: Park, north_m: float, east_m: float) -> dict[str, Any]:
    if park.latitude is None or park.longitude is None:
        return {}
    # 1° of latitude ≈ 111 km; longitude shrinks with the cosine of the latitude (≈ 0.98 here)
    return {"latitude": round(park.latitude + north_m / 111_000, 6),
            "longitude": round(park.longitude + east_m / 109_000, 6)}


def _case(park: Park, days_ago: int, **fields: Any) -> Grievance:
    identity = fields.pop("identity", {})
    channel = fields.pop("channel", "web")
    case = {"park": park, "kind": "community", "severity": "medium", "company_named": "",
            "location": "", "anonymous": not identity, **fields}
    return file_grievance(case, identity, channel=channel,
                          received_at=timezone.now() - days_ago * DAY)


def seed_community_demo(park: Park, stdout: IO[str] | None = None) -> None:
    if Grievance.objects.filter(park=park, description__startswith="DEMO").exists():
        return
    role = ParkManager.objects.filter(park=park).select_related("user").first()
    manager = role.user if role else None
    company = Company.objects.filter(park=park).order_by("code").first()
    now = timezone.now()
    _case(park, 3, category="odour", severity="high", location="DEMO: cổng số 2",
          description="DEMO: Mùi hóa chất nồng nặc vào ban đêm gần cổng số 2.",
          identity={"name": "DEMO Nguyễn Văn An", "phone": "0900 000 001"},
          **_near(park, 150, -80))
    investigated = _case(park, 20, category="wastewater", severity="high",
                         location="DEMO: kênh thoát nước phía đông",
                         description="DEMO: Nước kênh đổi màu sau mỗi ca xả thải.",
                         identity={"name": "DEMO Trần Thị Bình", "phone": "0900 000 002"},
                         channel="hotline", **_near(park, -60, 220))
    for stage in ("acknowledged", "investigating"):
        workflow.transition(investigated, stage, manager, now=now - 18 * DAY)
    if company is not None:
        investigated.company = company
        investigated.summary_for_company = ("DEMO: Nước kênh phía đông đổi màu sau ca xả thải; "
                                            "đề nghị doanh nghiệp kiểm tra hệ thống xử lý.")
        investigated.shared_at = now - 17 * DAY
        investigated.save()
        CompanyAnswer.objects.create(
            grievance=investigated, company=company,
            text="DEMO: Doanh nghiệp đã kiểm tra bể lắng và sẽ gửi kết quả quan trắc.")
    resolved = _case(park, 60, category="noise", location="DEMO: thôn 3",
                     description="DEMO: Tiếng máy nén khí sau 22 giờ.",
                     identity={"name": "DEMO Lê Văn Cường"}, **_near(park, 300, 100))
    workflow.transition(resolved, "acknowledged", manager, now=now - 58 * DAY)
    workflow.transition(resolved, "investigating", manager, now=now - 55 * DAY)
    workflow.transition(resolved, "resolved", manager, now=now - 40 * DAY,
                        resolution="DEMO: Lắp vỏ cách âm và dời giờ chạy máy.")
    workflow.transition(resolved, "closed", None, by_complainant=True, now=now - 38 * DAY)
    late = _case(park, 30, category="dust", location="DEMO: đường nội bộ số 5",
                 description="DEMO: Bụi từ xe tải chở vật liệu trên đường số 5.",
                 **_near(park, -200, -150))
    # the daily escalation ran on day 11 after receipt: the acknowledgement was due on day 10
    escalate_overdue(now=late.received_at + 11 * DAY)
    worker = _case(park, 9, kind="worker", category="labour", severity="high", retaliation=True,
                   description="DEMO: Công nhân bị ép làm thêm giờ và sợ bị trù dập nếu phản "
                               "ánh.")
    for stage in ("acknowledged", "investigating"):
        workflow.transition(worker, stage, manager, now=now - 7 * DAY)
    _meeting(park, manager, now)
    if stdout:
        stdout.write("Community: 5 DEMO grievances (one escalated), 1 dialogue meeting\n")


def _meeting(park: Park, manager: Any, now: dt.datetime) -> None:
    meeting = Meeting.objects.create(
        park=park, date=(now - 50 * DAY).date(), title="DEMO: Đối thoại cộng đồng quý",
        place="DEMO: Nhà văn hóa thôn 3", women=17,
        participants={"residents": 32, "workers": 6, "firms": 5, "park": 3, "authorities": 2},
        minutes="DEMO: Người dân phản ánh mùi và tiếng ồn; ban quản lý cam kết quan trắc mùi "
                "và tưới đường nội bộ.")
    first = meeting.commitments.create(
        text_vi="DEMO: Lắp trạm quan trắc mùi tại cổng số 2",
        text_en="DEMO: Install an odour monitoring station at gate 2", owner="DEMO: chủ đầu tư",
        due=(now + 120 * DAY).date())
    second = meeting.commitments.create(
        text_vi="DEMO: Tưới nước đường nội bộ hai lần mỗi ngày mùa khô",
        text_en="DEMO: Water the internal roads twice a day in the dry season",
        owner="DEMO: ban quản lý", due=(now + 30 * DAY).date())
    for commitment in (first, second):
        make_plan_action(commitment, EDITION, manager)
    follow_up(second, (now - 10 * DAY).date(), "DEMO: Đã thuê xe tưới từ tháng này.",
              "in_progress", manager)
