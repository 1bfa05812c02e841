"""referral queue indexes measured on 1,000,000 referrals: department order, clerk + date range,
name or initials among open referrals (the lone created_by_id index is a prefix of the new one)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 16:08:40.389728
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_created_by_id'))
        batch_op.create_index('ix_referrals_created_by_id_created_at', ['created_by_id', 'created_at'], unique=False)
        batch_op.create_index('ix_referrals_department_id_due_date_id', ['department_id', 'due_date', 'id'], unique=False)
        batch_op.create_index('ix_referrals_status_applicant_initials', ['status', 'applicant_initials'], unique=False)
        batch_op.create_index('ix_referrals_status_applicant_name', ['status', 'applicant_name'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_status_applicant_name')
        batch_op.drop_index('ix_referrals_status_applicant_initials')
        batch_op.drop_index('ix_referrals_department_id_due_date_id')
        batch_op.drop_index('ix_referrals_created_by_id_created_at')
        batch_op.create_index(batch_op.f('ix_referrals_created_by_id'), ['created_by_id'], unique=False)
