"""Writes to accounts: profiles, consent and role assignments. Each runs in one transaction
and leaves an audit entry."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.core.audit import audit
from lms.geography.models import District, State

from .models import STATE_SCOPED_ROLES, Cadre, Consent, Role, RoleAssignment, User
from .validators import normalise_indian_mobile, validate_person_name


def district_check(*, state: State | None, district: District | None) -> None:
    """A district must belong to the chosen state."""
    if district is not None and (state is None or district.state_id != state.pk):
        raise ValidationError(
            {"district": _("Choose a district of the selected state.")}, code="wrong_state"
        )


@transaction.atomic
def profile_complete(
    *,
    user: User,
    full_name: str,
    cadre: Cadre,
    designation: str,
    state: State,
    district: District,
    preferred_language: str,
    phone: str = "",
    organisation: str = "",
    notice_accepted: bool,
) -> User:
    """Save the learner's profile and their acceptance of the current data-use notice."""
    if not notice_accepted:
        raise ValidationError(
            {"accept_notice": _("Please read and accept the data-use notice to continue.")}
        )
    validate_person_name(full_name)
    district_check(state=state, district=district)
    user.full_name = " ".join(full_name.split())
    user.cadre = cadre
    user.designation = designation.strip()
    user.state = state
    user.district = district
    user.preferred_language = preferred_language
    user.phone = normalise_indian_mobile(phone) if phone else ""
    user.organisation = organisation.strip()
    now = timezone.now()
    if user.profile_completed_at is None:
        user.profile_completed_at = now
    version = settings.LMS_DATA_USE_NOTICE_VERSION
    user.consent_version = version
    user.full_clean(exclude=["password"])
    user.save(
        update_fields=[
            "full_name",
            "cadre",
            "designation",
            "state",
            "district",
            "preferred_language",
            "phone",
            "organisation",
            "profile_completed_at",
            "consent_version",
        ]
    )
    consent, created = Consent.objects.get_or_create(
        user=user, notice_version=version, defaults={"accepted_at": now}
    )
    audit(instance=user, action="accounts.profile.completed", user=user)
    if created:
        audit(
            instance=user,
            action="accounts.consent.accepted",
            user=user,
            data={"notice_version": version, "accepted_at": consent.accepted_at.isoformat()},
        )
    return user


@transaction.atomic
def user_name_set(*, user: User, full_name: str, by: User | None = None) -> User:
    """Correct a person's name as it is printed (on certificates, in cohort lists)."""
    full_name = " ".join(full_name.split())
    validate_person_name(full_name)
    if full_name != user.full_name:
        old = user.full_name
        user.full_name = full_name
        user.save(update_fields=["full_name"])
        audit(
            instance=user,
            action="accounts.user.renamed",
            user=by or user,
            data={"from": old, "to": full_name},
        )
    return user


@transaction.atomic
def user_language_set(*, user: User, language: str) -> None:
    """Remember the interface and content language a signed-in user picked."""
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


@transaction.atomic
def role_grant(*, user: User, role: str, by: User | None = None) -> None:
    """Put ``user`` in the group of a role that has no state limit (author, reviewer, …)."""
    group = Group.objects.get(name=role)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        audit(instance=user, action="accounts.role.granted", user=by, data={"role": role})


@transaction.atomic
def role_assign(*, user: User, role: str, state: State, by: User | None = None) -> RoleAssignment:
    """Make ``user`` a trainer or coordinator in ``state``; idempotent. Joining a trainer
    group calls this, so the trainer's reach follows the group."""
    if role not in STATE_SCOPED_ROLES:
        raise ValueError(f"{role!r} is not limited to states")
    try:
        with transaction.atomic():
            assignment, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, state=state
            )
    except IntegrityError:  # a concurrent call made it first
        assignment, created = RoleAssignment.objects.get(user=user, role=role, state=state), False
    user.groups.add(Group.objects.get(name=role))
    if created:
        audit(
            instance=user,
            action="accounts.role.assigned",
            user=by,
            data={"role": role, "state": state.code},
        )
    return assignment


@transaction.atomic
def role_unassign(*, user: User, role: str, state: State, by: User | None = None) -> None:
    """Withdraw a state-scoped role in one state; the group goes with the last state."""
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role, state=state).delete()
    if not RoleAssignment.objects.filter(user=user, role=role).exists():
        user.groups.remove(*Group.objects.filter(name=role))
    if deleted:
        audit(
            instance=user,
            action="accounts.role.unassigned",
            user=by,
            data={"role": role, "state": state.code},
        )


__all__ = [
    "Role",
    "district_check",
    "profile_complete",
    "role_assign",
    "role_grant",
    "role_unassign",
    "user_language_set",
]
