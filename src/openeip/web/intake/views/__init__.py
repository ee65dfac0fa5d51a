"""Server-rendered pages of the import: upload, template, job progress (:mod:`.imports`)."""
