"""EIP assessment of a park: editions, evidence, computed indicators, history, action plan."""
