"""OpenEIP: an open platform for eco-industrial parks."""

__version__ = "0.1.0"
