"""REST API of the import: POST /api/import/, GET /api/import/{id}/."""
