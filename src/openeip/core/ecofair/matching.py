"""Buyers' requests ("wanted") against catalogue products: scored, explained, never hidden.

A request and a product are compared with the symbiosis classifier's tools: both texts are
reduced to words (:func:`openeip.core.symbiosis._words.tokens`: diacritics folded, plurals and
function words dropped, Vietnamese and English alike) and classified into the resource
taxonomy. Symbols::

    W_r, W_p   the request's and the product's word sets
    J          |W_r ∩ W_p| / |W_r|                 (share of the request's words the product has)
    K          1 if both texts fall in the same resource class, or one class is an ancestor of
               the other (classification confidence ≥ CLASS_CONFIDENCE), else 0
    L          1 if the request asks for no certification, or the product carries a *verified*
               certificate of a scheme the request names; else the pair is not proposed
    score      = 0.7 · J + 0.3 · K        proposed when score ≥ MIN_SCORE

A product whose certificate of the wanted scheme is pending, expired or revoked is not
proposed: the catalogue never passes a self-declared badge for a certificate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openeip.core.symbiosis._words import tokens

__all__ = ["CLASS_CONFIDENCE", "MIN_SCORE", "Offer", "ProductMatch", "Wanted", "match_requests"]

CLASS_CONFIDENCE = 0.5
MIN_SCORE = 0.3
WORD_WEIGHT = 0.7
CLASS_WEIGHT = 0.3


@dataclass(frozen=True, slots=True)
class Wanted:
    id: str
    text: str
    schemes: frozenset[str] = frozenset()      # empty: any product, certified or not


@dataclass(frozen=True, slots=True)
class Offer:
    id: str
    text: str
    verified_schemes: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ProductMatch:
    request_id: str
    product_id: str
    score: float
    shared_words: tuple[str, ...]
    same_class: str                   # the shared resource class, or ""
    schemes: tuple[str, ...]          # the wanted schemes the product holds, verified


Classify = Callable[[str], tuple[str, float, tuple[str, ...]]]
"""text → (class code, confidence, the class and its ancestors)."""


def _words(text: str) -> frozenset[str]:
    found, _marked = tokens(text)
    return frozenset(word for word in found if len(word) > 1)


def match_requests(requests: Sequence[Wanted], offers: Sequence[Offer],
                   classify: Classify | None = None) -> list[ProductMatch]:
    """Every (request, offer) pair worth proposing, best score first per request."""
    known: dict[str, tuple[str, float, tuple[str, ...]]] = {}

    def classified(text: str) -> tuple[str, float, tuple[str, ...]]:
        if classify is None:
            return ("", 0.0, ())
        if text not in known:
            known[text] = classify(text)
        return known[text]

    offer_words = {offer.id: _words(offer.text) for offer in offers}
    found = []
    for request in requests:
        wanted = _words(request.text)
        if not wanted:
            continue
        code_r, conf_r, chain_r = classified(request.text)
        for offer in offers:
            held = tuple(sorted(request.schemes & offer.verified_schemes))
            if request.schemes and not held:
                continue
            shared = wanted & offer_words[offer.id]
            share = len(shared) / len(wanted)
            code_p, conf_p, chain_p = classified(offer.text)
            same = ""
            if (code_r and code_p and conf_r >= CLASS_CONFIDENCE and conf_p >= CLASS_CONFIDENCE
                    and (code_r in chain_p or code_p in chain_r)):
                same = code_r if code_r in chain_p else code_p
            score = WORD_WEIGHT * share + (CLASS_WEIGHT if same else 0.0)
            if score >= MIN_SCORE:
                found.append(ProductMatch(request.id, offer.id, round(score, 4),
                                          tuple(sorted(shared)), same, held))
    found.sort(key=lambda m: (m.request_id, -m.score, m.product_id))
    return found
