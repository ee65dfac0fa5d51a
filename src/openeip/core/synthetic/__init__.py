"""Synthetic, fictional park data: the demo park and national-scale test data.

Nothing here describes a real company or park. Quantities come from the ILLUSTRATIVE sector
profiles in ``openeip/data/sector_profiles.csv`` (with ``synthetic_sectors.csv``,
``synthetic_seasonality.csv``, ``synthetic_names.csv`` and ``synthetic_provinces.csv``), drawn
with ``random.Random(seed)`` so that the same seed always gives the same data.

Public surface:

* :func:`demo_park` — the Rạch Mây park in Đồng Nai, 40 companies, 24 months;
* :func:`generate` — any number of parks, one :class:`~openeip.core.intake.Dataset` at a time;
* :func:`sector_profiles` — the profiles the data is drawn from.
"""

from openeip.core.synthetic._names import flow_name
from openeip.core.synthetic._parks import DEMO_PARK_SLUG, demo_park, generate
from openeip.core.synthetic._profiles import FlowProfile, SectorProfile, sector_profiles

__all__ = [
    "DEMO_PARK_SLUG",
    "flow_name",
    "FlowProfile",
    "SectorProfile",
    "demo_park",
    "generate",
    "sector_profiles",
]
