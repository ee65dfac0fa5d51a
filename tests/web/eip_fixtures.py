"""A hand-checkable park for the EIP web tests: 'eco', 200 ha, four firms, the year 2024.

Land: industrial 140, green 30, roads 20, shared infrastructure 10 ha.
Flows of 2024 (annual):
  F1  grid electricity 600 MWh, rice husk 150 MWh (biomass), water 10,000 m³,
      wastewater 8,000 m³ treated, solid waste 40 t landfilled + 60 t recycled,
      sales 50 bn VND
  F2  grid electricity 200 MWh, rooftop solar 50 MWh (on site), water 5,000 m³,
      wastewater 2,000 m³ reused on site, solid waste 100 t recycled, sales 30 bn VND
  F3  nothing reported
  F4  water 5,000 m³, solid waste 50 t incinerated
RECP: F1 has an option implemented; F2 an assessment with an identified option only.
Symbiosis: one operating exchange F1 → F2.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from openeip.core.domain import (
    Company,
    Direction,
    FlowKind,
    LandUse,
    Park,
    Product,
    ReportingPeriod,
    ResourceFlow,
)
from openeip.core.intake import Dataset
from openeip.core.units import quantity

Y2024 = ReportingPeriod(2024)
IN, OUT = Direction.INPUT, Direction.OUTPUT


def _flow(code: str, direction: Direction, kind: FlowKind, description: str, amount: float,
          unit: str, **extra: Any) -> ResourceFlow:
    return ResourceFlow(code, Y2024, direction, kind, description, quantity(amount, unit), **extra)


def eco_dataset() -> Dataset:
    park = Park(slug="eco", name_en="Eco park", name_vi="KCN Eco", province="Ninh Bình",
                area=quantity(200, "ha"), operator="Eco JSC",
                land_use=LandUse(quantity(140, "ha"), quantity(30, "ha"), quantity(20, "ha"),
                                 quantity(10, "ha")))
    companies = [Company(code=code, name_en="Firm " + code, name_vi="Công ty " + code,
                         vsic_code="1313", employees=150, ownership="private_domestic")
                 for code in ("F1", "F2", "F3", "F4")]
    flows = [
        _flow("F1", IN, FlowKind.ENERGY, "Grid electricity", 600, "MWh", source="grid"),
        _flow("F1", IN, FlowKind.ENERGY, "Rice husk", 150, "MWh",
              classification_code="biomass_other", source="supplier"),
        _flow("F1", IN, FlowKind.WATER, "Tap water", 10000, "m³", source="supplier"),
        _flow("F1", OUT, FlowKind.WASTEWATER, "Process wastewater", 8000, "m³",
              fate="treatment"),
        _flow("F1", OUT, FlowKind.WASTE, "Sludge", 40, "t", fate="landfill"),
        _flow("F1", OUT, FlowKind.WASTE, "Scrap", 60, "t", fate="recycled"),
        _flow("F2", IN, FlowKind.ENERGY, "Grid electricity", 200, "MWh", source="grid"),
        _flow("F2", IN, FlowKind.ENERGY, "Rooftop solar", 50, "MWh", source="on_site"),
        _flow("F2", IN, FlowKind.WATER, "Tap water", 5000, "m³", source="supplier"),
        _flow("F2", OUT, FlowKind.WASTEWATER, "Rinse water", 2000, "m³",
              fate="reused_on_site"),
        _flow("F2", OUT, FlowKind.WASTE, "Offcuts", 100, "t", fate="recycled"),
        _flow("F4", IN, FlowKind.WATER, "Tap water", 5000, "m³", source="supplier"),
        _flow("F4", OUT, FlowKind.WASTE, "Packaging", 50, "t", fate="incineration"),
    ]
    products = [
        Product("F1", Y2024, "Fabric", quantity(1000, "t"), Decimal("50000000000")),
        Product("F2", Y2024, "Garments", quantity(500, "t"), Decimal("30000000000")),
    ]
    return Dataset(park=park, companies=companies, products=products, flows=flows,
                   company_rows=[2, 3, 4, 5], product_rows=[2, 3],
                   flow_rows=list(range(2, 2 + len(flows))))


def make_eco_park() -> Any:
    """Imports the dataset and adds the RECP and symbiosis records; returns the Park row."""
    from openeip.web.recp.models import Assessment, AssessmentOption
    from openeip.web.registry.models import Company as CompanyRow
    from openeip.web.registry.models import Park as ParkRow
    from openeip.web.registry.services.importer import import_dataset
    from openeip.web.symbiosis.models import Opportunity, Stream

    import_dataset(eco_dataset(), "eco")
    park = ParkRow.objects.get(slug="eco")
    f1, f2 = (CompanyRow.objects.get(park=park, code=code) for code in ("F1", "F2"))
    done = Assessment.objects.create(company=f1, title="F1 scan")
    option = AssessmentOption.objects.create(assessment=done, title_en="Fix steam leaks",
                                             discount_rate=Decimal("0.10"))
    AssessmentOption.objects.filter(pk=option.pk).update(status="implemented")
    started = Assessment.objects.create(company=f2, title="F2 scan")
    AssessmentOption.objects.create(assessment=started, title_en="Insulate pipes",
                                    discount_rate=Decimal("0.10"))
    supply = Stream.objects.create(company=f1, direction="supply", description="Scrap fabric",
                                   resource_class="textile_waste", quantity=60, unit="t")
    demand = Stream.objects.create(company=f2, direction="demand", description="Fibre",
                                   resource_class="textile_waste", quantity=60, unit="t")
    Opportunity.objects.create(supply=supply, demand=demand, rule_code="R1",
                               resource_class="textile_waste", score=0.9, status="operating")
    return park
