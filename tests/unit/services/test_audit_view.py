"""The trail of one application, for supervisors: the application, its referrals and post-checks."""

from __future__ import annotations

import pytest

from intake_desk.domain.enums import ApplicationStatus
from intake_desk.services.actor import Actor
from intake_desk.services.context import Services
from intake_desk.services.errors import NotFound, PermissionDenied
from intake_desk.services.intake import referral_choice
from tests.intake_data import single_form, zhuzhou_form


def _submit(services: Services, clerk: Actor, form=None) -> str:  # type: ignore[no-untyped-def]
    form = form or zhuzhou_form()
    preview = services.intake.preview(clerk, form)
    from dataclasses import replace

    form = replace(form, referrals=tuple(referral_choice(p, consent_given=True) for p in preview.referrals))
    return services.intake.submit(clerk, form).number


def test_application_trail_gathers_everything_of_one_application(services: Services, clerk: Actor,
                                                                  supervisor: Actor) -> None:
    number = _submit(services, clerk)
    other = _submit(services, clerk, single_form(5))
    detail = services.applications.get(clerk, number)
    assert detail.referrals, "the example household is referred somewhere"
    first = detail.referrals[0]
    services.referrals.send(clerk, first.id)
    services.applications.get(supervisor, number, reveal=True)
    services.applications.update_status(supervisor, number, ApplicationStatus.UNDER_REVIEW,
                                        expected_version=detail.version)
    trail = services.audit.application_trail(supervisor, number)
    actions = [(e.action, e.entity) for e in trail]
    assert actions[0] == ("application.submit", "application")
    assert ("referral.create", "referral") in actions and ("referral.send", "referral") in actions
    assert ("application.reveal_id", "application") in actions
    assert actions[-1] == (f"application.{ApplicationStatus.UNDER_REVIEW.value}", "application")
    assert all(e.entity_id == number or e.entity_id.startswith(number + "-") or e.entity == "post_check"
               for e in trail)
    assert [e.id for e in trail] == sorted(e.id for e in trail)
    assert all(e.entity_id != other for e in trail)
    assert {e.actor_name for e in trail} == {"王丽", "李强"}


def test_only_supervisors_and_admins_read_the_trail(services: Services, clerk: Actor, supervisor: Actor,
                                                    admin: Actor) -> None:
    number = _submit(services, clerk)
    with pytest.raises(PermissionDenied):
        services.audit.application_trail(clerk, number)
    assert services.audit.application_trail(admin, number)
    with pytest.raises(NotFound):
        services.audit.application_trail(supervisor, "HT01-20990101-0001")
    assert services.audit.verify(supervisor).ok
    assert [e.action for e in services.audit.trail(admin, "user", "clerk1")][:2] == ["user.create", "login"]


def test_like_wildcards_in_a_number_match_nothing_else(services: Services, clerk: Actor, supervisor: Actor) -> None:
    number = _submit(services, clerk)
    with pytest.raises(NotFound):
        services.audit.application_trail(supervisor, number[:-4] + "%")
