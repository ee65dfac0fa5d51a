"""RECP in the web layer: assessments, options and their workflow, stored results, API.

Core computes (openeip.core.recp, .finance, .ghg, .prices, .flows); this app stores what was
asked and what came out, with the factor and price versions used, and decides who may see it
through the registry's access rules.
"""
