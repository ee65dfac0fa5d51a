"""Versioned, cited data files shipped with OpenEIP (read through openeip.core.catalogues)."""
