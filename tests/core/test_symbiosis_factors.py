

def test_versions_are_recorded_in_one_form_and_read_back() -> None:
    from openeip.core.catalogues.versioned import VersionTag
    from openeip.core.symbiosis.factors import Override, load_factors

    factors = load_factors().overridden(virgin_prices={"steam": 1234567.0},
                                        disposal_fees={"landfill": 350000.5})
    tags = [VersionTag.read(v) for v in factors.table_versions]
    assert all(tags) and tags[0] == VersionTag("benefit_factors", tags[0].edition)
    assert any(tag.table == "grid_factors" and tag.year for tag in tags if tag)
    assert [Override.read(v) for v in factors.overrides] == [
        Override("price", "steam", 1234567.0), Override("fee", "landfill", 350000.5)]
    assert factors.overrides[0] == "override price steam=1234567"
    assert str(VersionTag("grid_factors", "2026.1", 2024)) == "grid_factors 2026.1 (2024)"
    assert VersionTag.read("override price fly_ash=1") is None
    assert Override.read("benefit_factors 2026.1") is None
    assert Override.read("override price fly_ash=abc") is None
