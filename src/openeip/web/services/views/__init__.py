"""Pages of the shared services: the park's register (``assets``), cost allocations and the
tenant's report (``allocations``), the tenant's services and requests (``tenants``), joint
procurement (``joint``)."""
