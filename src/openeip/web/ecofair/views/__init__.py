"""Eco-Fair pages: the park's overview (``park``), a company's products, certificates and
readiness (``company``), the catalogue, requests and brokered contact (``market``), and the
public pages — showcase, procurement export, batch pages (``public``)."""
