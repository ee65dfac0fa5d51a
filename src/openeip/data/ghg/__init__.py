"""Greenhouse-gas factor tables: fuel factors, Vietnam's grid emission factor and GWP sets."""
