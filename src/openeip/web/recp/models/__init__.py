"""Assessments, options, company prices and indicator snapshots (all company data)."""

from openeip.web.recp.models.assessments import (
    TRANSITIONS,
    Assessment,
    AssessmentOption,
    FocusArea,
    GwpChoice,
    OptionStatus,
)
from openeip.web.recp.models.prices import CompanyPrice
from openeip.web.recp.models.snapshots import IndicatorSnapshot

__all__ = [
    "TRANSITIONS",
    "Assessment",
    "AssessmentOption",
    "CompanyPrice",
    "FocusArea",
    "GwpChoice",
    "IndicatorSnapshot",
    "OptionStatus",
]
