"""The referral queue tests through PgBouncer in transaction mode (fixtures: this folder's conftest)."""

from tests.integration.test_queue_filters import *  # noqa: F403
