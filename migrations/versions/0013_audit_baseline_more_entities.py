"""the audit trail attests callbacks, follow-ups, procedures, leads and monitored households: one
baseline event per existing row, with the digest of its state, authored by the system as this upgrade

Before this revision these rows had no digest in the trail; after it, ``audit verify`` names each of
them changed, added or removed outside the program like an application. The states are read with the
program's own readers (``services/entity_states.py``) on the schema of this revision; a later
revision that changes these tables records its own baseline.

Revision ID: 0013_audit_more
Revises: 0012_trust
Create Date: 2026-11-30 06:00:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op
from sqlalchemy.orm import Session

revision: str = '0013_audit_more'
down_revision: str | None = '0012_trust'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = ("callback", "follow_up", "procedure", "lead", "monitored_household")
BATCH = 1000


def upgrade() -> None:
    from intake_desk.domain.enums import Role
    from intake_desk.services import audit
    from intake_desk.services.actor import Actor

    actor = Actor(user_id=0, username="system", display_name=f"系统（数据库升级 {revision}）", role=Role.ADMIN)
    now = datetime.now(UTC)
    session = Session(bind=op.get_bind())
    try:
        for entity in KINDS:
            kind = audit.registered()[entity]
            digests = {(entity, entity_id): audit.digest_of(state) for entity_id, _key, state in kind.read(session, None)}
            keys = list(digests)
            for start in range(0, len(keys), BATCH):
                chunk = keys[start:start + BATCH]
                audit.record_many(session, actor, [("audit.baseline", entity, entity_id, {"migration": revision})
                                                   for _entity, entity_id in chunk],
                                  at=now, digests={key: digests[key] for key in chunk})
        session.commit()  # chains the events (the migration's own transaction commits them)
    finally:
        session.close()


def downgrade() -> None:
    # The baseline events stay: the trail is append-only, and they remain true statements of the
    # states at the upgrade.
    pass
