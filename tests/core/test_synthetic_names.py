"""Demo flows and products carry a Vietnamese name for Vietnamese readers."""

from __future__ import annotations

import csv
import io
from importlib import resources

from openeip.core.synthetic import flow_name


def test_every_synthetic_flow_and_product_has_a_vietnamese_name():
    text = (resources.files("openeip") / "data" / "sector_profiles.csv").read_text("utf-8")
    lines = [line for line in text.splitlines(keepends=True) if not line.startswith("#")]
    names = {row["description"] for row in csv.DictReader(io.StringIO("".join(lines)))}
    missing = {name for name in names if flow_name(name, "vi") == name}
    assert missing == set()


def test_a_synthetic_name_is_shown_in_the_readers_language_and_others_as_typed():
    assert flow_name("Grey fabric", "vi") == "Vải mộc"
    assert flow_name("Grey fabric", "en") == "Grey fabric"
    assert flow_name("Our own special resin", "vi") == "Our own special resin"
