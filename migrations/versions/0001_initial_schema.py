"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 15:25:02.316177
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import intake_desk.store.models


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('app_settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_settings'))
    )
    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('last_event_id', sa.BigInteger(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.create_table('counters',
    sa.Column('scope', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('value', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('scope', 'day', name=op.f('pk_counters'))
    )
    op.create_table('departments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('contact', sa.String(length=80), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('requires_consent', sa.Boolean(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_departments')),
    sa.UniqueConstraint('code', name=op.f('uq_departments_code'))
    )
    op.create_table('halls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('complaint_channel', sa.String(length=200), nullable=False),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_halls')),
    sa.UniqueConstraint('code', name=op.f('uq_halls_code'))
    )
    op.create_table('policy_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('locality', sa.String(length=80), nullable=False),
    sa.Column('version', sa.String(length=64), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('loaded_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_policy_versions')),
    sa.UniqueConstraint('sha256', name=op.f('uq_policy_versions_sha256'))
    )
    op.create_table('households',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hall_id', sa.Integer(), nullable=False),
    sa.Column('head_person_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('hukou_type', sa.String(length=32), nullable=False),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_households_hall_id_halls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_households'))
    )
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_households_hall_id'), ['hall_id'], unique=False)

    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('display_name', sa.String(length=80), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('hall_id', sa.Integer(), nullable=True),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('password_hash', sa.String(length=300), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('must_change_password', sa.Boolean(), nullable=False),
    sa.Column('password_changed_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_users_department_id_departments')),
    sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_users_hall_id_halls')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('username', name=op.f('uq_users_username'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=80), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('entity', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=64), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_audit_events_actor_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_action'), ['action'], unique=False)
        batch_op.create_index('ix_audit_events_entity_entity_id', ['entity', 'entity_id'], unique=False)

    op.create_table('calendar_overrides',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('is_working_day', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_calendar_overrides_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calendar_overrides')),
    sa.UniqueConstraint('day', name=op.f('uq_calendar_overrides_day'))
    )
    op.create_table('drafts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_drafts_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_drafts')),
    sa.UniqueConstraint('user_id', 'kind', 'key', name=op.f('uq_drafts_user_id_kind_key'))
    )
    op.create_table('persons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('name_initials', sa.String(length=60), nullable=False),
    sa.Column('sex', sa.String(length=32), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=True),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_persons_household_id_households')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_persons')),
    sa.UniqueConstraint('resident_id', name=op.f('uq_persons_resident_id'))
    )
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_persons_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_persons_name_initials'), ['name_initials'], unique=False)

    op.create_table('applications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=40), nullable=False),
    sa.Column('hall_id', sa.Integer(), nullable=False),
    sa.Column('household_id', sa.Integer(), nullable=False),
    sa.Column('applicant_id', sa.Integer(), nullable=False),
    sa.Column('applicant_name', sa.String(length=60), nullable=False),
    sa.Column('applicant_initials', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('channel', sa.String(length=32), nullable=False),
    sa.Column('fast_track', sa.Boolean(), nullable=False),
    sa.Column('hukou_type', sa.String(length=32), nullable=False),
    sa.Column('housing', sa.String(length=32), nullable=False),
    sa.Column('address', sa.String(length=200), nullable=False),
    sa.Column('phone', sa.String(length=40), nullable=False),
    sa.Column('special_circumstances', sa.Text(), nullable=False),
    sa.Column('special_note', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=True),
    sa.Column('household_size', sa.Integer(), nullable=False),
    sa.Column('received_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('received_by_id', sa.Integer(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('calendar_fallback', sa.Boolean(), nullable=False),
    sa.Column('closed_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['applicant_id'], ['persons.id'], name=op.f('fk_applications_applicant_id_persons')),
    sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_applications_hall_id_halls')),
    sa.ForeignKeyConstraint(['household_id'], ['households.id'], name=op.f('fk_applications_household_id_households')),
    sa.ForeignKeyConstraint(['received_by_id'], ['users.id'], name=op.f('fk_applications_received_by_id_users')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_applications_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_applications')),
    sa.UniqueConstraint('number', name=op.f('uq_applications_number'))
    )
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_applications_applicant_id'), ['applicant_id'], unique=False)
        batch_op.create_index('ix_applications_applicant_initials', ['applicant_initials'], unique=False)
        batch_op.create_index('ix_applications_applicant_name', ['applicant_name'], unique=False)
        batch_op.create_index('ix_applications_hall_id_received_at', ['hall_id', 'received_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_applications_status'), ['status'], unique=False)

    op.create_table('application_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('resident_id', sa.String(length=18), nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('relation', sa.String(length=32), nullable=False),
    sa.Column('hukou_type', sa.String(length=32), nullable=False),
    sa.Column('health', sa.String(length=32), nullable=False),
    sa.Column('disability', sa.String(length=32), nullable=False),
    sa.Column('disability_grade', sa.Integer(), nullable=True),
    sa.Column('labour_capacity', sa.String(length=32), nullable=False),
    sa.Column('employment', sa.String(length=32), nullable=False),
    sa.Column('schooling', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_members_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_application_members_person_id_persons')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_members'))
    )
    with op.batch_alter_table('application_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_members_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_application_members_person_id'), ['person_id'], unique=False)

    op.create_table('assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('per_capita_income_fen', sa.BigInteger(), nullable=False),
    sa.Column('counted_income_fen', sa.BigInteger(), nullable=False),
    sa.Column('estimated_benefit_fen', sa.BigInteger(), nullable=True),
    sa.Column('temporary_min_fen', sa.BigInteger(), nullable=True),
    sa.Column('temporary_max_fen', sa.BigInteger(), nullable=True),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('policy_locality', sa.String(length=80), nullable=False),
    sa.Column('policy_version', sa.String(length=64), nullable=False),
    sa.Column('policy_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_assessments_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_assessments_created_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessments'))
    )
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessments_application_id'), ['application_id'], unique=False)

    op.create_table('declarations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('template_version', sa.String(length=64), nullable=False),
    sa.Column('template_hash', sa.String(length=64), nullable=False),
    sa.Column('signer_name', sa.String(length=60), nullable=False),
    sa.Column('method', sa.String(length=32), nullable=False),
    sa.Column('consent_verification', sa.Boolean(), nullable=False),
    sa.Column('consent_report_changes', sa.Boolean(), nullable=False),
    sa.Column('consent_consequences', sa.Boolean(), nullable=False),
    sa.Column('double_commitment', sa.Boolean(), nullable=False),
    sa.Column('signed_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('witness_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_declarations_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['witness_id'], ['users.id'], name=op.f('fk_declarations_witness_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_declarations')),
    sa.UniqueConstraint('application_id', name=op.f('uq_declarations_application_id'))
    )
    op.create_table('materials',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('assistance_type', sa.String(length=32), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('received', sa.Boolean(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_materials_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_materials'))
    )
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_materials_application_id'), ['application_id'], unique=False)

    op.create_table('post_checks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('done_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('done_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_post_checks_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['done_by_id'], ['users.id'], name=op.f('fk_post_checks_done_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_post_checks'))
    )
    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_post_checks_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_post_checks_due_date'), ['due_date'], unique=False)

    op.create_table('printed_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_number', sa.String(length=64), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('copy_no', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('output', sa.String(length=32), nullable=False),
    sa.Column('printed_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('printed_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_printed_documents_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_printed_documents_department_id_departments')),
    sa.ForeignKeyConstraint(['printed_by_id'], ['users.id'], name=op.f('fk_printed_documents_printed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_printed_documents')),
    sa.UniqueConstraint('document_number', 'copy_no', name=op.f('uq_printed_documents_document_number_copy_no'))
    )
    with op.batch_alter_table('printed_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_printed_documents_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_printed_documents_document_number'), ['document_number'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=48), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('hall_id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=32), nullable=False),
    sa.Column('rule', sa.String(length=64), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('member_names', sa.String(length=400), nullable=False),
    sa.Column('applicant_name', sa.String(length=60), nullable=False),
    sa.Column('applicant_initials', sa.String(length=60), nullable=False),
    sa.Column('consent_given', sa.Boolean(), nullable=False),
    sa.Column('consent_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('assigned_to_id', sa.Integer(), nullable=True),
    sa.Column('created_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('updated_at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_referrals_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['assigned_to_id'], ['users.id'], name=op.f('fk_referrals_assigned_to_id_users')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_referrals_created_by_id_users')),
    sa.ForeignKeyConstraint(['department_id'], ['departments.id'], name=op.f('fk_referrals_department_id_departments')),
    sa.ForeignKeyConstraint(['hall_id'], ['halls.id'], name=op.f('fk_referrals_hall_id_halls')),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_referrals_updated_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals')),
    sa.UniqueConstraint('number', name=op.f('uq_referrals_number'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index('ix_referrals_applicant_initials', ['applicant_initials'], unique=False)
        batch_op.create_index('ix_referrals_applicant_name', ['applicant_name'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_application_id'), ['application_id'], unique=False)
        batch_op.create_index('ix_referrals_assigned_to_id', ['assigned_to_id'], unique=False)
        batch_op.create_index('ix_referrals_created_at', ['created_at'], unique=False)
        batch_op.create_index('ix_referrals_created_by_id', ['created_by_id'], unique=False)
        batch_op.create_index('ix_referrals_department_id_status_due_date', ['department_id', 'status', 'due_date'], unique=False)
        batch_op.create_index('ix_referrals_due_date', ['due_date'], unique=False)
        batch_op.create_index('ix_referrals_hall_id_status_due_date', ['hall_id', 'status', 'due_date'], unique=False)
        batch_op.create_index('ix_referrals_status_due_date', ['status', 'due_date'], unique=False)

    op.create_table('requested_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('assistance_type', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_requested_items_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_requested_items')),
    sa.UniqueConstraint('application_id', 'assistance_type', name=op.f('uq_requested_items_application_id_assistance_type'))
    )
    with op.batch_alter_table('requested_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requested_items_application_id'), ['application_id'], unique=False)

    op.create_table('application_assets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('value_fen', sa.BigInteger(), nullable=False),
    sa.Column('quantity', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_assets_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['application_members.id'], name=op.f('fk_application_assets_member_id_application_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_assets'))
    )
    with op.batch_alter_table('application_assets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_assets_application_id'), ['application_id'], unique=False)

    op.create_table('application_expenses',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_expenses_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['application_members.id'], name=op.f('fk_application_expenses_member_id_application_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_expenses'))
    )
    with op.batch_alter_table('application_expenses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_expenses_application_id'), ['application_id'], unique=False)

    op.create_table('application_incomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('amount_fen', sa.BigInteger(), nullable=False),
    sa.Column('months', sa.Integer(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_application_incomes_application_id_applications'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['application_members.id'], name=op.f('fk_application_incomes_member_id_application_members'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_application_incomes'))
    )
    with op.batch_alter_table('application_incomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_application_incomes_application_id'), ['application_id'], unique=False)

    op.create_table('referral_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('referral_id', sa.Integer(), nullable=False),
    sa.Column('at', intake_desk.store.models.UtcDateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_name', sa.String(length=80), nullable=False),
    sa.Column('from_status', sa.String(length=32), nullable=True),
    sa.Column('to_status', sa.String(length=32), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_referral_events_actor_id_users')),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.id'], name=op.f('fk_referral_events_referral_id_referrals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referral_events'))
    )
    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_events_referral_id'), ['referral_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('referral_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_events_referral_id'))

    op.drop_table('referral_events')
    with op.batch_alter_table('application_incomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_incomes_application_id'))

    op.drop_table('application_incomes')
    with op.batch_alter_table('application_expenses', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_expenses_application_id'))

    op.drop_table('application_expenses')
    with op.batch_alter_table('application_assets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_assets_application_id'))

    op.drop_table('application_assets')
    with op.batch_alter_table('requested_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requested_items_application_id'))

    op.drop_table('requested_items')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index('ix_referrals_status_due_date')
        batch_op.drop_index('ix_referrals_hall_id_status_due_date')
        batch_op.drop_index('ix_referrals_due_date')
        batch_op.drop_index('ix_referrals_department_id_status_due_date')
        batch_op.drop_index('ix_referrals_created_by_id')
        batch_op.drop_index('ix_referrals_created_at')
        batch_op.drop_index('ix_referrals_assigned_to_id')
        batch_op.drop_index(batch_op.f('ix_referrals_application_id'))
        batch_op.drop_index('ix_referrals_applicant_name')
        batch_op.drop_index('ix_referrals_applicant_initials')

    op.drop_table('referrals')
    with op.batch_alter_table('printed_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_printed_documents_document_number'))
        batch_op.drop_index(batch_op.f('ix_printed_documents_application_id'))

    op.drop_table('printed_documents')
    with op.batch_alter_table('post_checks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_post_checks_due_date'))
        batch_op.drop_index(batch_op.f('ix_post_checks_application_id'))

    op.drop_table('post_checks')
    with op.batch_alter_table('materials', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_materials_application_id'))

    op.drop_table('materials')
    op.drop_table('declarations')
    with op.batch_alter_table('assessments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessments_application_id'))

    op.drop_table('assessments')
    with op.batch_alter_table('application_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_application_members_person_id'))
        batch_op.drop_index(batch_op.f('ix_application_members_application_id'))

    op.drop_table('application_members')
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_applications_status'))
        batch_op.drop_index(batch_op.f('ix_applications_household_id'))
        batch_op.drop_index('ix_applications_hall_id_received_at')
        batch_op.drop_index('ix_applications_applicant_name')
        batch_op.drop_index('ix_applications_applicant_initials')
        batch_op.drop_index(batch_op.f('ix_applications_applicant_id'))

    op.drop_table('applications')
    with op.batch_alter_table('persons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_persons_name_initials'))
        batch_op.drop_index(batch_op.f('ix_persons_name'))
        batch_op.drop_index(batch_op.f('ix_persons_household_id'))

    op.drop_table('persons')
    op.drop_table('drafts')
    op.drop_table('calendar_overrides')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_events_entity_entity_id')
        batch_op.drop_index(batch_op.f('ix_audit_events_action'))

    op.drop_table('audit_events')
    op.drop_table('users')
    with op.batch_alter_table('households', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_households_hall_id'))

    op.drop_table('households')
    op.drop_table('policy_versions')
    op.drop_table('halls')
    op.drop_table('departments')
    op.drop_table('counters')
    op.drop_table('audit_head')
    op.drop_table('app_settings')

