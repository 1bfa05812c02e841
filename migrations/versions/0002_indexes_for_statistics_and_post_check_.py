"""indexes for statistics and post-check queues

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 15:29:37.563552
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import intake_desk.store.models


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_received_on', ['received_on'], unique=False)

    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.create_index('ix_post_checks_status_due_date', ['status', 'due_date'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.drop_index('ix_post_checks_status_due_date')

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_received_on')


