"""assess_park, evidence, history, comparison and edition import (services of the EIP app)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import yaml
from django.utils import timezone

from openeip.core.eip.editions import load_edition
from openeip.core.eip.model import Status
from openeip.core.errors import DomainError, IntakeError
from openeip.web.eip.models import Evidence, ImportedEdition, ParkAssessment, ParkProfile
from openeip.web.eip.services import assessment as service
from openeip.web.eip.services.editions import get_edition, import_edition
from openeip.web.eip.services.results import result_from_json, result_to_json
from tests.web.eip_fixtures import make_eco_park

pytestmark = pytest.mark.django_db
VN82, VN35 = "vn-decree-82-2018", "vn-decree-35-2022"
AS_OF = dt.date(2025, 6, 30)


@pytest.fixture
def eco():
    return make_eco_park()


def _status(result, criterion_id):
    return next(item for item in result.results if item.criterion.id == criterion_id)


def test_decree_82_from_platform_data_alone(eco):
    result, saved = service.assess_park(eco, VN82, as_of=AS_OF)
    assert _status(result, "VN82-3a").status is Status.NOT_MET     # RECP awareness 50 % < 90 %
    assert _status(result, "VN82-3a").gap == Decimal("40.00")
    assert _status(result, "VN82-3b").status is Status.MET         # RECP applied 25 % ≥ 20 %
    assert _status(result, "VN82-4").status is Status.MET          # 30 % ≥ 25 % of the area
    assert _status(result, "VN82-5a").status is Status.MET         # 1 operating exchange
    assert _status(result, "VN82-5b").status is Status.UNKNOWN     # evidence only, none given
    assert not result.prerequisites_met                            # VN82-1, VN82-2 unknown
    assert (result.overall.met, result.overall.applicable) == (3, 7)
    assert result.overall.compliance_pct == Decimal("42.9")        # 3 / 7
    assert saved is not None and saved.result["overall"]["met"] == 3
    assert saved.indicator_values["_year"] == 2024
    assert saved.indicator_values["recp_awareness_share"]["value"] == "50.00"


def test_evidence_fills_criteria_without_an_indicator_but_never_overrides_one(eco):
    today = timezone.localdate()
    for criterion_id in ("VN82-1", "VN82-2"):
        service.add_evidence(eco, VN82, criterion_id, value_bool=True, as_of=today)
    service.add_evidence(eco, VN82, "VN82-5b", value_number=Decimal("12.5"), as_of=today)
    service.add_evidence(eco, VN82, "VN82-3a", value_number=Decimal("95"), as_of=today)
    result, _saved = service.assess_park(eco, VN82, save=False)
    assert result.prerequisites_met
    assert _status(result, "VN82-5b").status is Status.MET         # 12.5 % ≥ 10 %
    assert _status(result, "VN82-5b").current.origin == "evidence"
    assert _status(result, "VN82-3a").current.value == Decimal("50.00")   # computed wins
    assert (result.overall.met, result.overall.applicable) == (6, 7)


def test_the_latest_evidence_up_to_the_assessment_date_counts(eco):
    service.add_evidence(eco, VN82, "VN82-1", value_bool=True, as_of=dt.date(2024, 1, 1))
    service.add_evidence(eco, VN82, "VN82-1", value_bool=False, as_of=dt.date(2025, 1, 1))
    early, _ = service.assess_park(eco, VN82, as_of=dt.date(2024, 6, 1), save=False)
    late, _ = service.assess_park(eco, VN82, as_of=dt.date(2025, 6, 1), save=False)
    assert _status(early, "VN82-1").status is Status.MET
    assert _status(late, "VN82-1").status is Status.NOT_MET


def test_intended_values_by_target_year(eco):
    year = timezone.localdate().year + 2
    service.add_evidence(eco, VN82, "VN82-3a", value_number=Decimal("92"), target_year=year)
    result, saved = service.assess_park(eco, VN82, target_year=year)
    item = _status(result, "VN82-3a")
    assert item.status is Status.NOT_MET and item.intended_status is Status.MET
    assert result.intended_overall.met == 4                        # 3 met now + VN82-3a
    assert saved.target_year == year
    without, _ = service.assess_park(eco, VN82, target_year=year - 1, save=False)
    assert _status(without, "VN82-3a").intended is None


@pytest.mark.parametrize(("criterion_id", "values", "field"), [
    ("VN82-99", {"value_bool": True}, "criterion_id"),
    ("VN82-5b", {"value_number": Decimal("120")}, "VN82-5b"),       # a share above 100 %
    ("VN82-5b", {"value_number": Decimal("-1")}, "VN82-5b"),
    ("VN82-1", {"value_number": Decimal("1")}, "value_bool"),       # yes/no needs yes or no
    ("VN82-5b", {"value_bool": True}, "value_number"),
    ("VN82-1", {"value_bool": True, "target_year": 2001}, "target_year"),
])
def test_bad_evidence_names_the_item_and_saves_nothing(eco, criterion_id, values, field):
    with pytest.raises(DomainError) as raised:
        service.add_evidence(eco, VN82, criterion_id, **values)
    assert raised.value.field == field
    assert Evidence.objects.count() == 0


def test_evidence_dated_in_the_future_is_refused(eco):
    with pytest.raises(DomainError):
        service.add_evidence(eco, VN82, "VN82-1", value_bool=True,
                             as_of=timezone.localdate() + dt.timedelta(days=3))


def test_new_park_criteria_apply_only_to_a_park_built_as_an_eip(eco):
    result, _ = service.assess_park(eco, VN35, as_of=AS_OF, save=False)
    assert _status(result, "VN35-38.2a-COMMITMENT").status is Status.NOT_APPLICABLE
    ParkProfile.objects.create(park=eco, new_eip=True, established=dt.date(2020, 1, 1))
    result, _ = service.assess_park(eco, VN35, as_of=AS_OF, save=False)
    assert _status(result, "VN35-38.2a-COMMITMENT").status is Status.UNKNOWN


def test_decree_35_computed_criteria(eco):
    result, _ = service.assess_park(eco, VN35, as_of=AS_OF, save=False)
    assert _status(result, "VN35-A5-ENV.1").status is Status.MET     # 1 exchange ≥ 1
    assert _status(result, "VN35-B5-ENV.2").status is Status.MET     # 25 % ≥ 20 %
    assert _status(result, "VN35-B5-ENV.2").current.firms_counted == 4
    assert _status(result, "VN35-A5-ENV.3").status is Status.MET     # reuse share computed
    assert _status(result, "VN35-B5-SOC.1").status is Status.UNKNOWN


def test_a_stored_result_reads_back_equal(eco):
    service.add_evidence(eco, VN82, "VN82-1", value_bool=True)
    year = timezone.localdate().year + 1
    service.add_evidence(eco, VN82, "VN82-5b", value_number=Decimal("11"), target_year=year)
    result, saved = service.assess_park(eco, VN82, target_year=year)
    assert result_from_json(result_to_json(result), load_edition(VN82)) == result
    assert service.stored_result(ParkAssessment.objects.get(pk=saved.pk)) == result


def test_history_lists_saved_assessments_oldest_first(eco):
    service.assess_park(eco, VN82, as_of=dt.date(2024, 12, 31))
    service.add_evidence(eco, VN82, "VN82-1", value_bool=True, as_of=dt.date(2025, 1, 2))
    service.assess_park(eco, VN82, as_of=AS_OF)
    rows = service.history(eco, VN82)
    assert [row["as_of"] for row in rows] == [dt.date(2024, 12, 31), AS_OF]
    assert [row["met"] for row in rows] == [3, 4]
    assert rows[1]["overall_pct"] == Decimal("57.1")               # 4 / 7
    assert rows[1]["categories"]["PM"] == Decimal("66.7")          # VN82-1, -4 of -1, -2, -4


def test_other_parks_are_anonymised_and_only_those_the_user_may_see(eco, world):
    service.assess_park(world.alpha, VN82, as_of=AS_OF)
    service.assess_park(world.beta, VN82, as_of=AS_OF)
    admin, manager = world.users["admin"], world.users["park_manager"]
    seen = service.other_parks(eco, VN82, admin)
    assert [row["label"] for row in seen] == ["Park 1", "Park 2"]
    assert all("alpha" not in str(row) and "beta" not in str(row) for row in seen)
    assert len(service.other_parks(eco, VN82, manager)) == 1       # alpha only
    assert service.other_parks(world.alpha, VN82, manager) == []


def _custom_yaml(edition_id: str, threshold: int = 90) -> bytes:
    data = yaml.safe_load(
        (__import__("importlib.resources").resources.files("openeip.data.eip") / "editions"
         / "vn-decree-82-2018.yaml").read_text("utf-8"))
    data["id"] = edition_id
    data["status"] = "custom"
    data["criteria"][2]["threshold"] = threshold
    return yaml.safe_dump(data, allow_unicode=True).encode()


def test_an_admin_imports_an_edition_once_and_never_over_a_shipped_one(eco, world):
    stored = import_edition(_custom_yaml("park-targets-2026"), "targets.yaml",
                            world.users["admin"])
    assert stored.edition_id == "park-targets-2026"
    assert get_edition("park-targets-2026").criterion("VN82-3a").threshold == Decimal("90")
    again = import_edition(_custom_yaml("park-targets-2026"), "targets.yaml")
    assert again.pk == stored.pk                                   # same content: no change
    with pytest.raises(DomainError, match="new id"):
        import_edition(_custom_yaml("park-targets-2026", 80), "targets.yaml")
    with pytest.raises(DomainError, match="shipped"):
        import_edition(_custom_yaml(VN82), "vn82.yaml")
    result, _ = service.assess_park(eco, "park-targets-2026", as_of=AS_OF, save=False)
    assert result.edition_id == "park-targets-2026"
    assert ImportedEdition.objects.count() == 1


def test_a_broken_edition_file_is_refused_with_its_problems(eco):
    data = yaml.safe_load(_custom_yaml("broken-1"))
    data["criteria"][1]["id"] = data["criteria"][0]["id"]          # duplicate id
    with pytest.raises(IntakeError) as raised:
        import_edition(yaml.safe_dump(data).encode(), "broken.yaml")
    assert any("VN82-1" in str(problem) for problem in raised.value.problems)
    assert ImportedEdition.objects.count() == 0


def test_the_comparison_takes_each_other_parks_newest_assessment(eco, world):
    service.assess_park(world.alpha, VN82, as_of=dt.date(2024, 12, 31))
    service.add_evidence(world.alpha, VN82, "VN82-1", value_bool=True, as_of=dt.date(2025, 1, 5))
    service.assess_park(world.alpha, VN82, as_of=AS_OF)
    [alpha] = service.other_parks(eco, VN82, world.users["park_manager"])
    assert alpha["as_of"] == AS_OF
    compared = service.comparison(eco, VN82, world.users["park_manager"])
    assert compared["parks"] == [alpha]
    assert compared["unido"]["ENV"] == Decimal("34")
    assert ("Viet Nam", Decimal("63")) in compared["unido_countries"]


def test_an_assessment_with_a_target_year_before_its_date_is_refused(eco):
    with pytest.raises(DomainError) as raised:
        service.assess_park(eco, VN82, as_of=AS_OF, target_year=2024)
    assert raised.value.field == "target_year"
    assert ParkAssessment.objects.count() == 0
