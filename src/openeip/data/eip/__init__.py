"""EIP data: criteria editions, the computed-indicator catalogue, benchmarks and actions."""
