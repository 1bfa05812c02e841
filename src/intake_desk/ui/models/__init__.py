"""Qt item models over service results (rows fetched lazily)."""
