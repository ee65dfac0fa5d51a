"""The Eco-Fair app's logic: access, certificates, matching and brokerage, readiness, the
showcase and its procurement export, traceability, the demo."""
