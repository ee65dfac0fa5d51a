"""What pages, the API, the CLI and the demo call: each service a plain function.

* :func:`workflow.transition` — move an option along identified → … → verified (or rejected);
* :func:`evaluation.evaluate_option` — feasibility of an option from core.finance, stored;
* :func:`evaluation.macc_for` — the marginal abatement cost curve of an assessment;
* :func:`company.company_recp` — indicators, GHG, balances, hotspots and suggestions;
* :func:`verification.verify` — measured change of an option's resources, before vs after.
"""
