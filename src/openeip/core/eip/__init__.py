"""EIP assessment: criteria editions, computed indicators, compliance, gaps and action plans."""
