"""The services app's logic: who sees what (``access``), cost allocations (``allocations``),
service requests (``requests``), joint procurement (``procurement``), the demo (``demo``)."""
