"""The environmental-risk screening questionnaire printed in a dossier.

Circular 17/2022/TT-NHNN asks banks to screen the environmental risk of credit; its own
questionnaire was not read, so the questions in ``data/finance/risk_screening.csv`` are
OpenEIP's draft, each marked unverified. Answers are stated on the project (``risk_<id>``:
yes / no, or empty when not answered).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from openeip.core.catalogues._table import read_table

__all__ = ["ScreeningQuestion", "screening_questions"]


@dataclass(frozen=True)
class ScreeningQuestion:
    id: str
    question_en: str
    question_vi: str
    source: str
    verification: str

    def question(self, language: str) -> str:
        return self.question_vi if language == "vi" else self.question_en


@cache
def screening_questions() -> tuple[ScreeningQuestion, ...]:
    return tuple(ScreeningQuestion(**row) for row in read_table("finance/risk_screening.csv").rows)
