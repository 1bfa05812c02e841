"""Pure values about people and households (no Qt, no database)."""
