"""post-checks record the breach grade (失信情形分级: none, 一般, 较重, 严重) of a problem found

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 15:43:20.434829
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.add_column(sa.Column('breach_grade', sa.String(length=32), server_default='none', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.drop_column('breach_grade')
