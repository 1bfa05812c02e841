"""declared facts the means test reads: deductions, exempt items, no able supporter

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 15:30:57.541205
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('application_deductions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_deductions_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['application_members.id'], name=op.f('fk_application_deductions_member_id_application_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_deductions'))
    )
    with op.batch_alter_table('application_deductions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_deductions_application_id'), ['application_id'], unique=False)

    with op.batch_alter_table('application_assets', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exempt', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('application_incomes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('exempt_item', sa.String(length=64), nullable=True))

    with op.batch_alter_table('application_members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('disability_needs_treatment', sa.Boolean(), server_default=sa.false(), nullable=False))

    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('no_able_supporter', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('no_able_supporter')

    with op.batch_alter_table('application_members', schema=None) as batch_op:
        batch_op.drop_column('disability_needs_treatment')

    with op.batch_alter_table('application_incomes', schema=None) as batch_op:
        batch_op.drop_column('exempt_item')

    with op.batch_alter_table('application_assets', schema=None) as batch_op:
        batch_op.drop_column('exempt')

    with op.batch_alter_table('application_deductions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_deductions_application_id'))

    op.drop_table('application_deductions')
