"""urging ladder events (催办/督办), callbacks with their ratings (回访、好差评) and follow-ups (整改)

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 03:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import intake_desk.store.models
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'urgings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('item_kind', sa.String(length=32), nullable=False),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('item_number', sa.String(length=64), nullable=False),
        sa.Column('hall_id', sa.Integer(), nullable=True),
        sa.Column('department_id', sa.Integer(), nullable=True),
        sa.Column('rung', sa.String(length=32), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('rung_on', sa.Date(), nullable=False),
        sa.Column('recorded_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column('actor_name', sa.String(length=80), nullable=False),
        sa.Column('note', sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_urgings_actor_id_users')),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_urgings_department_id_departments')),
        sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_urgings_hall_id_halls')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_urgings')),
        sa.UniqueConstraint('item_kind', 'item_id', 'rung', 'due_date',
                            name=op.f('uq_urgings_item_kind_item_id_rung_due_date')),
    )
    op.create_index('ix_urgings_rung_rung_on', 'urgings', ['rung', 'rung_on'])
    op.create_index('ix_urgings_department_id_rung', 'urgings', ['department_id', 'rung'])
    op.create_table(
        'callbacks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('subject', sa.String(length=32), nullable=False),
        sa.Column('subject_id', sa.Integer(), nullable=False),
        sa.Column('subject_number', sa.String(length=64), nullable=False),
        sa.Column('application_id', sa.Integer(), nullable=False),
        sa.Column('hall_id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=True),
        sa.Column('decided_on', sa.Date(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('tries', sa.Integer(), nullable=False),
        sa.Column('channel', sa.String(length=32), nullable=False),
        sa.Column('rating', sa.String(length=32), nullable=True),
        sa.Column('help_arrived', sa.Boolean(), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('rated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column('rated_by_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
        sa.Column('updated_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['application_id'], ['applications.id'], ondelete='CASCADE',
                                name=op.f('fk_callbacks_application_id_applications')),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_callbacks_department_id_departments')),
        sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_callbacks_hall_id_halls')),
        sa.ForeignKeyConstraint(['rated_by_id'], ['users.id'], name=op.f('fk_callbacks_rated_by_id_users')),
        sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_callbacks_updated_by_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_callbacks')),
        sa.UniqueConstraint('subject', 'subject_id', name=op.f('uq_callbacks_subject_subject_id')),
    )
    op.create_index(op.f('ix_callbacks_application_id'), 'callbacks', ['application_id'])
    op.create_index('ix_callbacks_status_due_date', 'callbacks', ['status', 'due_date'])
    op.create_table(
        'follow_ups',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('callback_id', sa.Integer(), nullable=False),
        sa.Column('hall_id', sa.Integer(), nullable=False),
        sa.Column('department_id', sa.Integer(), nullable=True),
        sa.Column('opened_on', sa.Date(), nullable=False),
        sa.Column('due_date', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=32), nullable=False),
        sa.Column('action_taken', sa.Text(), nullable=False),
        sa.Column('second_reached', sa.Boolean(), nullable=True),
        sa.Column('second_rating', sa.String(length=32), nullable=True),
        sa.Column('second_comment', sa.Text(), nullable=False),
        sa.Column('closed_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
        sa.Column('closed_by_id', sa.Integer(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['callback_id'], ['callbacks.id'], ondelete='CASCADE',
                                name=op.f('fk_follow_ups_callback_id_callbacks')),
        sa.ForeignKeyConstraint(['closed_by_id'], ['users.id'], name=op.f('fk_follow_ups_closed_by_id_users')),
        sa.ForeignKeyConstraint(['department_id'], ['departments.id'],
                                name=op.f('fk_follow_ups_department_id_departments')),
        sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_follow_ups_hall_id_halls')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_ups')),
        sa.UniqueConstraint('callback_id', name=op.f('uq_follow_ups_callback_id')),
    )
    op.create_index('ix_follow_ups_status_due_date', 'follow_ups', ['status', 'due_date'])


def downgrade() -> None:
    op.drop_index('ix_follow_ups_status_due_date', table_name='follow_ups')
    op.drop_table('follow_ups')
    op.drop_index('ix_callbacks_status_due_date', table_name='callbacks')
    op.drop_index(op.f('ix_callbacks_application_id'), table_name='callbacks')
    op.drop_table('callbacks')
    op.drop_index('ix_urgings_department_id_rung', table_name='urgings')
    op.drop_index('ix_urgings_rung_rung_on', table_name='urgings')
    op.drop_table('urgings')
