"""The default price book: EVN tariffs, industrial water tariffs and waste fees, each cited."""
