"""辖区 – the one scope rule for halls and departments, applied by every read and every write.

* An account with a hall sees and changes only that hall's records (applications, their referrals,
  post-checks, printed documents, persons whose household belongs to the hall, the hall's accounts).
* An account without a hall – a county supervisor, administrator or department officer – sees the
  county.
* A department officer sees only referrals to their own department (within their hall, if they have
  one).

A record outside the actor's scope is answered as if it did not exist (:func:`not_found`), so a number
typed or guessed from another hall reveals nothing. Services use :func:`hall_condition` in queries and
:func:`require_hall` / :func:`require_referral` on a record they loaded; nothing else decides scope.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, false, select, true
from sqlalchemy.orm import Session

from intake_desk.domain.enums import Role
from intake_desk.services.actor import Actor
from intake_desk.services.errors import NotFound
from intake_desk.store.models import Household, Person

__all__ = [
    "hall_condition", "in_county", "may_see_hall", "may_see_referral", "not_found", "person_condition",
    "person_in_scope", "referral_condition", "require_hall", "require_referral",
]


def in_county(actor: Actor) -> bool:
    """True for an account without a hall: it sees every hall."""
    return actor.hall_id is None


def may_see_hall(actor: Actor, hall_id: int | None) -> bool:
    return actor.hall_id is None or hall_id == actor.hall_id


def hall_condition(actor: Actor, column: Any) -> ColumnElement[bool]:
    """``column`` (a hall id) within the actor's scope: ``true()`` for the county."""
    if actor.hall_id is None:
        return true()
    return column == actor.hall_id  # type: ignore[no-any-return]


def referral_condition(actor: Actor, hall_column: Any, department_column: Any) -> ColumnElement[bool]:
    """A referral's hall (and, for a department officer, its department) within the actor's scope."""
    condition = hall_condition(actor, hall_column)
    if actor.role is Role.DEPARTMENT:
        department = department_column == actor.department_id if actor.department_id is not None else false()
        condition = and_(condition, department)
    return condition


def may_see_referral(actor: Actor, hall_id: int, department_id: int) -> bool:
    if not may_see_hall(actor, hall_id):
        return False
    return actor.role is not Role.DEPARTMENT or department_id == actor.department_id


def person_condition(actor: Actor) -> ColumnElement[bool]:
    """Persons within the actor's scope: those whose household belongs to the actor's hall.

    A person with no household yet (only registered, never on an application) is in no hall's scope
    but the county's."""
    if actor.hall_id is None:
        return true()
    return Person.household_id.in_(select(Household.id).where(Household.hall_id == actor.hall_id))


def person_in_scope(session: Session, actor: Actor, person: Person) -> bool:
    if actor.hall_id is None:
        return True
    if person.household_id is None:
        return False
    return session.scalar(select(Household.hall_id).where(Household.id == person.household_id)) == actor.hall_id


def not_found(what_zh: str, what_en: str, key: object) -> NotFound:
    """The refusal for a record outside scope: the same sentence as for one that does not exist."""
    return NotFound(f"没有{what_zh} {key} / No {what_en} {key}")


def require_hall(actor: Actor, hall_id: int | None, what_zh: str, what_en: str, key: object) -> None:
    if not may_see_hall(actor, hall_id):
        raise not_found(what_zh, what_en, key)


def require_referral(actor: Actor, hall_id: int, department_id: int, key: object) -> None:
    if not may_see_referral(actor, hall_id, department_id):
        raise not_found("编号为", "referral with the id", key)
