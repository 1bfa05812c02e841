"""the referral queue of one hall: its own orders by due date, by department, by creation, by name and by initials

A supervisor or clerk sees the referrals of their hall (the one scope rule). On 1,000,000 referrals
(12 halls, some 83,000 each) the first page sorted by department or newest first, and a search by
pinyin initials or a name, read the hall's every referral through ``ix_referrals_hall_id_status_due_date`` and
sorted them (170–180 ms against a budget of 100 ms; tests/benchmarks/bench_queue.py); scrolling the
hall's queue by due date needs the same.

Revision ID: 0014_referral_hall_orders
Revises: 0013_audit_more
Create Date: 2026-11-30 13:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0014_referral_hall_orders'
down_revision: str | None = '0013_audit_more'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_referrals_hall_id_due_date_id", ["hall_id", "due_date", "id"]),
    ("ix_referrals_hall_id_department_id_due_date_id", ["hall_id", "department_id", "due_date", "id"]),
    ("ix_referrals_hall_id_created_at_id", ["hall_id", "created_at", "id"]),
    ("ix_referrals_hall_id_applicant_initials", ["hall_id", "applicant_initials"]),
    ("ix_referrals_hall_id_applicant_name", ["hall_id", "applicant_name"]),
)


def upgrade() -> None:
    for name, columns in INDEXES:
        op.create_index(name, "referrals", columns, unique=False)


def downgrade() -> None:
    for name, _columns in reversed(INDEXES):
        op.drop_index(name, table_name="referrals")
