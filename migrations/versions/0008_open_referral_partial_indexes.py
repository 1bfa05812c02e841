"""partial indexes on open referrals: by due date (default queue view, overdue, due soon) and by
creation time (aging counts); the predicate is written out as the queue's queries write it

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-22 16:13:14.903571
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "status IN ('proposed', 'pending', 'sent', 'received', 'in_progress', 'returned')"


def upgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_open_created_at', ['created_at'], unique=False,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))
        batch_op.create_index('ix_referrals_open_due_date', ['due_date', 'id'], unique=False,
                              sqlite_where=sa.text(OPEN), postgresql_where=sa.text(OPEN))


def downgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_open_due_date')
        batch_op.drop_index('ix_referrals_open_created_at')
