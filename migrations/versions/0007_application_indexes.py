"""application indexes: hall by status, name and initials within a hall

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-22 16:10:26.932266
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.create_index('ix_applications_hall_id_applicant_initials', ['hall_id', 'applicant_initials'], unique=False)
        batch_op.create_index('ix_applications_hall_id_applicant_name', ['hall_id', 'applicant_name'], unique=False)
        batch_op.create_index('ix_applications_hall_id_status_received_at', ['hall_id', 'status', 'received_at'], unique=False)

    # A database analysed before (the bulk seed does) would otherwise rate the new indexes blindly and
    # walk a hall's applications through them; fresh statistics keep each query on its best index. An empty
    # table on PostgreSQL is left unanalysed: analysed, it is known to the planner as empty, and every
    # connection's prepared statements and foreign-key checks on it stay whole-table scans while it grows
    # (see store/migrate.py, _refresh_statistics).
    bind = op.get_bind()
    if bind.dialect.name != "postgresql" or bind.exec_driver_sql("SELECT EXISTS (SELECT FROM applications)").scalar():
        op.execute("ANALYZE applications")



def downgrade() -> None:
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_index('ix_applications_hall_id_status_received_at')
        batch_op.drop_index('ix_applications_hall_id_applicant_name')
        batch_op.drop_index('ix_applications_hall_id_applicant_initials')

