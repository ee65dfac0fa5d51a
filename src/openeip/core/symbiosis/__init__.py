"""Industrial symbiosis: taxonomy, classifier, synergy rules, matching, benefits, optimisation."""
