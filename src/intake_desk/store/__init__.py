"""Persistence: SQLAlchemy models, engine, migrations, counters (no Qt)."""
