"""Which fuel a flow description names: 'Than cám 4a' → anthracite, decided by 'than cám'.

The words are data (``openeip/data/fuel_words.csv``, Vietnamese and English). A description is
compared word by word after folding case, diacritics (đ = d) and punctuation, so 'Than cam 4a'
and 'THAN CÁM 4A' name the same fuel. The longest phrase found wins over the words inside it
('than củi', charcoal, over 'củi', firewood); a description naming two different fuels, or a
phrase that names no single fuel ('xăng dầu'), gets no suggestion. The result is a suggestion:
nothing here changes a value; the user confirms it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from openeip.core import catalogues

__all__ = ["FuelSuggestion", "fold", "suggest_fuel"]

_NOT_WORD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class FuelSuggestion:
    """The fuel code a description suggests and the word of fuel_words.csv that decided it."""

    code: str
    word: str


def fold(text: str) -> tuple[str, ...]:
    """The words of ``text`` without case, diacritics or punctuation: 'Than cám-4a' →
    ('than', 'cam', '4a')."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return tuple(word for word in _NOT_WORD.split(plain) if word)


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[tuple[str, ...], catalogues.FuelWord], int]:
    """Folded phrase → its entry, and the longest phrase's length in words."""
    table: dict[tuple[str, ...], catalogues.FuelWord] = {}
    for entry in catalogues.fuel_words():
        table.setdefault(fold(entry.word), entry)
    return table, max((len(phrase) for phrase in table), default=0)


@lru_cache(maxsize=4096)
def suggest_fuel(description: str) -> FuelSuggestion | None:
    """The fuel ``description`` names, or None when it names none or more than one."""
    words = fold(description)
    table, longest = _phrases()
    taken = [False] * len(words)
    found: list[catalogues.FuelWord] = []
    for size in range(min(longest, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            if any(taken[start:start + size]):
                continue
            entry = table.get(words[start:start + size])
            if entry is not None:
                found.append(entry)
                taken[start:start + size] = [True] * size
    fuels = {entry.fuel for entry in found}
    if len(fuels) != 1 or "" in fuels:
        return None
    return FuelSuggestion(found[0].fuel, found[0].word)
