"""Printed reports (PDF): Django templates rendered to HTML, then to PDF by WeasyPrint."""
