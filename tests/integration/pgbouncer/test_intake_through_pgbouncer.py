"""The intake tests through PgBouncer in transaction mode (fixtures: this folder's conftest)."""

from tests.integration.test_intake_submit import *  # noqa: F403
