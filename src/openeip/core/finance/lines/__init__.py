"""Finance lines as cited data, the eligibility check with reasons, improvement shares from RECP
data, and the dated USD rate (issue 14 §1–2). Schema and every shipped rule: docs/finance.md."""

from openeip.core.finance.lines.eligibility import (
    LineCheck,
    Outcome,
    RuleCheck,
    check_line,
    check_rule,
    refund_of,
    refund_tier,
)
from openeip.core.finance.lines.files import (
    LINE_STATUSES,
    check_not_shipped,
    line_to_data,
    line_to_yaml,
    load_line,
    parse_line,
    read_line_file,
    shipped_lines,
)
from openeip.core.finance.lines.improvement import KINDS, SavedFlow, improvements
from openeip.core.finance.lines.model import (
    Fact,
    FinanceLine,
    RefundTier,
    Rule,
    Source,
    Verification,
    fact_catalogue,
)
from openeip.core.finance.lines.rates import UsdRate, shipped_usd_rates, usd_rate

__all__ = [
    "KINDS", "LINE_STATUSES", "Fact", "FinanceLine", "LineCheck", "Outcome", "RefundTier",
    "Rule", "RuleCheck", "SavedFlow", "Source", "UsdRate", "Verification", "check_line",
    "check_not_shipped", "check_rule", "fact_catalogue", "improvements", "line_to_data",
    "line_to_yaml", "load_line", "money_facts", "parse_line", "read_line_file", "refund_of",
    "refund_tier", "shipped_lines", "shipped_usd_rates", "usd_rate",
]


def money_facts(investment_vnd: float, loan_share: float, loan_years: int | None,
                rate: UsdRate) -> dict[str, float | None]:
    """The money facts of a project: investment and loan in VND and USD, share and term."""
    loan = investment_vnd * loan_share
    return {"investment_vnd": investment_vnd, "investment_usd": rate.to_usd(investment_vnd),
            "loan_vnd": loan, "loan_usd": rate.to_usd(loan), "loan_share": loan_share,
            "loan_years": float(loan_years) if loan_years else None}
