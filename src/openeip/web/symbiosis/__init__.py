"""Industrial symbiosis in the web: firms' offers and needs, matches, brokerage, exchanges."""
