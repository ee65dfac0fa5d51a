"""What pages, the API, reports and the demo call: each service a plain function.

* :func:`company.company_recp` — indicators, GHG, balances, hotspots, suggestions, Sankey and
  peers of a company, kept as a snapshot until its data change;
* :func:`evaluation.evaluate` / :func:`evaluation.evaluate_option` — the feasibility of an
  option from the company's flows and prices (core.finance), checked before it is stored;
* :func:`macc.curve_for` — the marginal abatement cost curve of an assessment;
* :func:`verification.verify` — the measured change of an option's flows, before vs after;
* :func:`library.option_title` and friends — an option's texts, own or from the library;
* :func:`demo.seed_recp_demo` — the demo park's assessments.
"""
