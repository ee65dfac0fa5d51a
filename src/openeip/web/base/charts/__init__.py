"""Chart helpers shared by every app: Chart.js configurations for the pages (:mod:`.chartjs`),
matplotlib SVG for printed reports (:mod:`.svg`, :mod:`.radar`)."""
