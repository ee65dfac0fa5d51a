"""Eco-Fair: certified products, label readiness and buyers' requests (issue 16, part B).

* ``certificates`` — the certification schemes (cited data) and a certificate's status
  (verified / expired / revoked / pending, never self-declared) with expiry alerts;
* ``readiness`` — which criteria of a label a company's RECP data already support;
* ``matching`` — buyers' requests ("wanted") against catalogue products, scored and explained,
  with the symbiosis classifier's words and classes.
"""
