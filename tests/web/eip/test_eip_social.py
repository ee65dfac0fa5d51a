"""The EIP social criteria read the people records (issue 15), on park alpha made a park of 4
firms: training, grievances and dialogue meetings counted in their own year (the boundary is
midnight in Asia/Ho_Chi_Minh), shown on the pages, the gap list and the dossier (HTML, XLSX)."""

from __future__ import annotations

import datetime as dt
import io
from unittest import mock

import openpyxl
import pytest
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

INTL = "intl-eip-framework-2.0"
VN35 = "vn-decree-35-2022"
TODAY = dt.date(2026, 12, 6)


def _local(*args: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(*args))   # settings.TIME_ZONE: Asia/Ho_Chi_Minh


def _four_firms(world):
    from openeip.web.registry.models import Company

    for code in ("A3", "A4"):
        Company.objects.create(park=world.alpha, code=code, name_en="Company " + code,
                               name_vi="Công ty " + code, vsic_code="1313", employees=120)
    return {c.code: c for c in Company.objects.filter(park=world.alpha)}


def _session(world, start):
    from openeip.web.training.models import Session
    from tests.web.training.helpers import courses

    return Session.objects.create(course=courses(world).recp, park=world.alpha, starts_at=start,
                                  ends_at=start + dt.timedelta(hours=4), mode="in_person",
                                  capacity=20, trainer=world.users["trainer"])


def _attend(row, company, name, gender, attended=True):
    from openeip.web.training.models import Registration

    Registration.objects.create(session=row, company=company, name=name,
                                email="{}@{}.vn".format(name.lower(), company.code.lower()),
                                gender=gender, status="registered", attended=attended)


@pytest.fixture
def people(world):
    """2026: A1 (Lan ♀, Minh ♂) and A2 (Hoa ♀) on 10 June; A3 (Thu ♀) at 23:30 on 31 Dec.
    2027: A4 (Nam ♂) at 00:30 on 1 Jan — seven hours earlier in UTC, still 2027 here.
    Grievances: one received 23:30 on 31 Dec 2026, one 00:30 on 1 Jan 2027.
    Dialogue: meetings with residents on 31 Dec 2025 and 1 Jan 2026 (held) and 20 Dec 2026
    (after TODAY); one of firms and park management only on 5 May 2026 (not the community)."""
    from openeip.web.community.models import Meeting
    from tests.web.community.helpers import a1_case

    firms = _four_firms(world)
    june = _session(world, _local(2026, 6, 10, 9, 0))
    _attend(june, firms["A1"], "Lan", "female")
    _attend(june, firms["A1"], "Minh", "male")
    _attend(june, firms["A2"], "Hoa", "female")
    _attend(june, firms["A4"], "Tu", "male", attended=False)     # registered, absent
    _attend(_session(world, _local(2026, 12, 31, 23, 30)), firms["A3"], "Thu", "female")
    _attend(_session(world, _local(2027, 1, 1, 0, 30)), firms["A4"], "Nam", "male")
    a1_case(world, received_at=_local(2026, 12, 31, 23, 30))
    a1_case(world, received_at=_local(2027, 1, 1, 0, 30))
    for day in (dt.date(2025, 12, 31), dt.date(2026, 1, 1), dt.date(2026, 12, 20)):
        Meeting.objects.create(park=world.alpha, date=day, title="Đối thoại",
                               participants={"residents": 10})
    Meeting.objects.create(park=world.alpha, date=dt.date(2026, 5, 5), title="Giao ban",
                           participants={"firms": 8, "park": 2})
    with mock.patch("openeip.web.community.services.indicators.timezone.localdate",
                    return_value=TODAY):
        yield world


def test_each_record_counts_in_its_own_year_only(people):
    from openeip.web.eip.services.indicators import gather_inputs

    def social(year):
        inputs = gather_inputs(people.alpha, year)
        return (inputs.firms, inputs.firms_trained, inputs.people_trained_women,
                inputs.people_trained_men, inputs.grievances_received, inputs.dialogue_meetings)

    # 2026: A1, A2, A3 trained of 4 firms; women Lan, Hoa, Thu; man Minh; 1 grievance;
    # 1 meeting with the community held (1 Jan; 20 Dec is after today, 5 May had no community)
    assert social(2026) == (4, 3, 3, 1, 1, 1)
    # 2027: A4 only (Nam); the grievance of 00:30 on 1 Jan; no meeting held yet
    assert social(2027) == (4, 1, 0, 1, 1, None)
    # 2025: the meeting of 31 Dec; no training and no grievance recorded — None, not 0
    assert social(2025) == (4, None, None, None, None, 1)


def test_the_share_is_75_percent_and_a_year_without_records_says_so(people):
    from openeip.core.i18n import language, render
    from openeip.web.eip.services.indicators import compute

    _year, values = compute(people.alpha, 2026)
    assert str(values["training_firms_share"].value) == "75.00"            # 3 / 4
    _year, before = compute(people.alpha, 2025)
    assert before["training_firms_share"].value is None
    with language("en"):
        assert render(before["training_firms_share"].detail) == (
            "Not computed: no records on the platform for 2025 (firms with staff trained).")
    # beside the criterion it supports, the reason is shown, not a 0
    from openeip.core.eip.editions import load_edition
    from openeip.web.eip.services.indicators import values_to_json
    from openeip.web.eip.services.supporting import support_notes

    note = support_notes(load_edition(VN35), values_to_json(before), "en")["VN35-B5-SOC.4"]
    assert note.lines[1] == (
        "Women trained: Not computed: no records on the platform for 2025 (women trained).")


def _page(client, url):
    client.cookies["django_language"] = "en"
    return client.get(url).content.decode()


def test_the_criteria_page_shows_what_reads_the_records_and_what_they_only_support(
        people, client_as):
    client = client_as("park_manager")
    intl = _page(client, "/parks/alpha/eip/{}/criteria/?year=2026".format(INTL))
    row = intl[intl.index('id="c-SOC-3"'):intl.index('id="c-SOC-4"')]
    assert "Grievances received = 1" in row and "computed from platform data" in row
    row = intl[intl.index('id="c-SOC-4"'):intl.index('id="c-SOC-5"')]
    assert "Community dialogue meetings = 1" in row
    row = intl[intl.index('id="c-SOC-6"'):intl.index('id="c-SOC-7"')]
    assert "What the records show" in row and "Firms with staff trained: 75 %" in row
    assert "What still needs evidence:" in row and "local share of the workforce" in row
    vn35 = _page(client, "/parks/alpha/eip/{}/criteria/?year=2026".format(VN35))
    row = vn35[vn35.index('id="c-VN35-B5-SOC.4"'):vn35.index('id="c-VN35-B5-SOC.6"')]
    assert "Women trained: 3" in row and "Men trained: 1" in row
    assert "Firms with staff trained: 75 %" in row and "more than 100 workers" in row


def test_the_gap_list_explains_a_year_without_records(people, client_as):
    body = _page(client_as("park_manager"),
                 "/parks/alpha/eip/{}/gaps/?year=2025".format(INTL))
    row = body[body.index('id="c-SOC-3"'):]
    row = row[:row.index("</tr>")]
    assert "Not computed: no records on the platform for 2025 (grievances received)." in row
    assert ">no data<" in row or "no data" in row
    vietnamese = Client()
    vietnamese.force_login(people.users["park_manager"])
    vietnamese.cookies["django_language"] = "vi"
    body = vietnamese.get("/parks/alpha/eip/{}/gaps/?year=2025".format(INTL)).content.decode()
    assert "không có hồ sơ trên nền tảng cho năm 2025" in body.lower()


def test_the_dossier_shows_the_social_criteria_and_their_records(people):
    from openeip.web.eip.reports.dossier import dossier_context
    from openeip.web.eip.reports.workbook import dossier_xlsx
    from openeip.web.eip.services.dossier import build_dossier

    dossier = build_dossier(people.alpha, VN35, "en", year=2026)
    note = dossier.supporting["VN35-B5-SOC.4"]
    assert note.lines == ("Firms with staff trained: 75 % (3 (firms with staff trained) / 4 "
                          "(firms in the park))", "Women trained: 3", "Men trained: 1")
    assert "Meetings" not in note.needs and "more than 100 workers" in note.needs
    from django.utils import translation

    with translation.override("en"):
        context = dossier_context(dossier, "en")
    social = dict(context["criteria_groups"])["Social"]
    row = next(r for r in social if r.id == "VN35-A5-SOC.7")
    assert row.support_lines == ("Community dialogue meetings: 1",)
    assert "budget" in row.support_needs
    book = openpyxl.load_workbook(io.BytesIO(dossier_xlsx(dossier, "en")))
    sheet = book["Criteria"]
    header = [cell.value for cell in sheet[1]]
    shown = header.index("Records shown (supporting only)")
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["VN35-B5-SOC.4"][shown].splitlines()[0].startswith(
        "Firms with staff trained: 75 %")
    assert rows["VN35-B5-SOC.4"][shown + 1].startswith("For each firm with more than 100")

    vietnamese = build_dossier(people.alpha, VN35, "vi", year=2026)
    assert vietnamese.supporting["VN35-B5-SOC.4"].lines[0].startswith(
        "Tỷ lệ doanh nghiệp có nhân viên được đào tạo: 75 %")
