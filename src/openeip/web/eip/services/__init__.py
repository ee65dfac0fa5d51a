"""Services of the EIP app: editions, indicators from platform data, assessment, plan, demo."""
