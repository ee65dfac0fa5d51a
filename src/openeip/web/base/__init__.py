"""The ground every web app stands on (no models): access declarations and lookups, API base
classes, the audited status workflow, charts, PDF rendering, number/date template tags.

It imports no other web app; every app may import it (an import-linter contract holds it).
"""
