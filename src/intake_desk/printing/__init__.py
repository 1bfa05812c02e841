"""ReportLab documents and fonts (no Qt)."""
