"""Industrial-symbiosis data: resource taxonomy, synergy rules, transport and benefit factors."""
