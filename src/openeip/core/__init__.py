"""Pure-Python domain objects, engines and catalogues. Never imports Django, web or cli."""
