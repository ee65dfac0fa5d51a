"""Codes reach people by their names: cost classes, owners, fuels, library references."""

from __future__ import annotations

from django.utils import translation

from openeip.web.base.labels import classification_label, cost_class_label


def test_fuel_codes_and_cost_classes_are_named_in_the_readers_language():
    with translation.override("vi"):
        assert cost_class_label("low") == "Chi phí thấp"
        assert classification_label("fuel_oil") not in ("fuel_oil", "")
        assert classification_label("12 06 05") == "12 06 05"
    with translation.override("en"):
        assert cost_class_label("high") == "High cost"


def test_the_action_plan_names_cost_class_and_owner_never_the_library_code(world, client_as):
    from openeip.web.eip.models import PlanAction

    PlanAction.objects.create(
        park=world.alpha, edition_id="vn-decree-82-2018", source="library",
        ref="social-officer", title_en="Dedicated social-affairs officer",
        criterion_ids=["VN82-1"], cost_class="low", owner="operator")
    client = client_as("park_manager")
    html = client.get("/parks/alpha/eip/vn-decree-82-2018/actions/").content.decode()
    assert "social-officer" not in html
    assert "Low cost" in html
    assert 'title="The infrastructure developer' in html  # the criterion's text beside its id
