"""The report-job machinery: builders registered by the apps that own the reports, starting
and finding jobs, running one (progress, stored file)."""
