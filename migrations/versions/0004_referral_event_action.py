"""referral events record the action taken (create, confirm, send …, reassign)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 15:32:14.663336
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('action', sa.String(length=32), server_default='', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.drop_column('action')
