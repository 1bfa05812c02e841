"""Use cases: one transaction per call, permission checked, audited (no Qt)."""
