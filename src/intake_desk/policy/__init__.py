"""Pure policy rules: packs, calendar, means test, routing (no Qt, no database)."""
