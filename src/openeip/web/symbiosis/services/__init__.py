"""Symbiosis services: the only code that writes streams, opportunities and exchange records."""

from openeip.web.symbiosis.services.totals import TOTAL_KEYS, park_totals

__all__ = ["TOTAL_KEYS", "park_totals"]
