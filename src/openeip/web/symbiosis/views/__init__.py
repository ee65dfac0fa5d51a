"""Symbiosis pages: a park's ranked opportunities, network, map and Sankey; a firm's streams and
matches; one exchange with its brokerage actions."""
