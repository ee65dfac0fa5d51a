"""Names of the synthetic flows and products in the reader's language.

Synthetic (demo) data keeps the English name as the flow's identity, as a company's own data
keeps the name it was typed in; :func:`flow_name` shows a synthetic name in Vietnamese to a
Vietnamese reader (``data/synthetic_flow_names.csv``). Any other name is returned as it is.
"""

from __future__ import annotations

from functools import cache

from openeip.core.catalogues import read_table
from openeip.core.i18n import current_language


@cache
def _vietnamese() -> dict[str, str]:
    return {row["description_en"]: row["description_vi"]
            for row in read_table("synthetic_flow_names.csv").rows}


def flow_name(name: str, language: str | None = None) -> str:
    """``name`` in ``language`` (default: the current one) when it is a synthetic name."""
    if (language or current_language()).startswith("vi"):
        return _vietnamese().get(name, name)
    return name
