"""Pages of a park's EIP assessment (namespace "eip")."""
