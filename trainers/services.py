"""Writes of the trainers' workspace: trainer groups, cohorts and their learners. Each runs in
one transaction with an audit entry. Accounts, learning and certification are reached through
their services only."""

from __future__ import annotations

import enum
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.accounts.models import Role, User
from lms.accounts.services import (
    district_check,
    invitee_contact,
    role_assign,
    role_unassign,
    user_invite,
)
from lms.accounts.validators import validate_person_name
from lms.core.audit import audit
from modules.content.models import TrainingModulePage
from modules.learning.models import Enrollment
from modules.learning.services import LearningError, enrollment_create

from . import access, accreditation
from .models import Cohort, CohortMember, CohortModule, TrainerGroup, TrainerMembership

# --- Trainer groups -------------------------------------------------------------------------


def group_create(*, state, name: str, description: str = "", by) -> TrainerGroup:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    if TrainerGroup.objects.filter(state=state, name__iexact=name).exists():
        raise ValidationError({"name": _("This state already has a group of that name.")})
    with transaction.atomic():
        group = TrainerGroup.objects.create(state=state, name=name, description=description)
        audit(instance=group, action="trainers.group.created", user=by, data={"name": name})
    return group


def group_member_add(
    *, group: TrainerGroup, user: User, role: str = TrainerMembership.Role.MEMBER, by
) -> TrainerMembership:
    """Add a trainer to a group; they become a Trainer in the group's state (accounts)."""
    with transaction.atomic():
        membership, created = TrainerMembership.objects.get_or_create(
            group=group, user=user, defaults={"role": role}
        )
        changed = created or membership.role != role
        if not created and changed:
            membership.role = role
            membership.save(update_fields=["role"])
        role_assign(user=user, role=Role.TRAINER, state=group.state, by=by)
        if changed:
            audit(
                instance=group,
                action="trainers.group.member_added",
                user=by,
                data={"user": user.pk, "role": role},
            )
    return membership


def group_member_add_by_email(
    *, group: TrainerGroup, email: str, role: str = TrainerMembership.Role.MEMBER, by
) -> TrainerMembership:
    """A coordinator adds a trainer to ``group`` by email address. Only an account ``by`` may
    add (``access.addable_accounts``: active, registered in the group's state); any other
    address — unknown, closed, of another state, of no state yet — gets the same error, so
    the answer never tells whether someone has an account elsewhere."""
    if role not in TrainerMembership.Role.values:
        raise ValidationError(_("Choose lead trainer or trainer."), code="role")
    user = access.addable_account(by=by, target=group, email=email)
    if user is None:
        raise ValidationError(
            _(
                "No account of %(state)s uses this address. Ask the trainer to sign up and "
                "choose %(state)s in their profile, then add them."
            )
            % {"state": group.state.name},
            code="no_account",
        )
    return group_member_add(group=group, user=user, role=role, by=by)


def group_member_remove(*, group: TrainerGroup, user: User, by) -> None:
    """Take a trainer out of a group; their Trainer role in the state goes with their last
    group there."""
    with transaction.atomic():
        deleted, _rows = TrainerMembership.objects.filter(group=group, user=user).delete()
        if not deleted:
            return
        elsewhere = TrainerMembership.objects.filter(user=user, group__state=group.state)
        if not elsewhere.exists():
            role_unassign(user=user, role=Role.TRAINER, state=group.state, by=by)
        audit(
            instance=group, action="trainers.group.member_removed", user=by, data={"user": user.pk}
        )


# --- Cohorts --------------------------------------------------------------------------------


def _check_cohort(
    *, state, district, trainer_group: TrainerGroup, trainers, modules, starts_on, ends_on
) -> None:
    errors: dict[str, str] = {}
    if district is not None and district.state_id != state.pk:
        errors["district"] = _("Choose a district of the cohort's state.")
    if trainer_group.state_id != state.pk:
        errors["trainer_group"] = _("Choose a trainer group of the cohort's state.")
    member_ids = set(
        TrainerMembership.objects.filter(group=trainer_group).values_list("user_id", flat=True)
    )
    if any(trainer.pk not in member_ids for trainer in trainers):
        errors["trainers"] = _("Trainers must be members of the cohort's trainer group.")
    if not modules:
        errors["modules"] = _("Choose at least one module.")
    elif any(not module.live or module.locale.language_code != "en" for module in modules):
        errors["modules"] = _("Choose published modules.")
    if ends_on is not None and starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end date must be on or after the start date.")
    if errors:
        raise ValidationError(errors)


def _check_purpose(*, purpose: str, accreditation_standard, trainer_level: str) -> None:
    """A training-of-trainers cohort names its standard and its members' level; a cohort of
    learners neither."""
    errors: dict[str, str] = {}
    if purpose != Cohort.Purpose.TRAINERS:
        if accreditation_standard is not None:
            errors["accreditation_standard"] = _(
                "Only a training-of-trainers cohort has an accreditation standard."
            )
        if trainer_level:
            errors["trainer_level"] = _("Only a training-of-trainers cohort has this choice.")
    elif accreditation_standard is None:
        errors["accreditation_standard"] = _(
            "Choose the standard a training-of-trainers cohort accredits against."
        )
    if purpose == Cohort.Purpose.TRAINERS and trainer_level not in Cohort.TrainerLevel.values:
        errors["trainer_level"] = _("Choose whether its members become state or district trainers.")
    if errors:
        raise ValidationError(errors)


def _set_modules(cohort: Cohort, modules: list[TrainingModulePage]) -> None:
    wanted = [module.pk for module in modules]
    CohortModule.objects.filter(cohort=cohort).exclude(module_id__in=wanted).delete()
    existing = {row.module_id: row for row in CohortModule.objects.filter(cohort=cohort)}
    for order, module_id in enumerate(wanted):
        row = existing.get(module_id)
        if row is None:
            CohortModule.objects.create(cohort=cohort, module_id=module_id, sort_order=order)
        elif row.sort_order != order:
            row.sort_order = order
            row.save(update_fields=["sort_order"])


def cohort_save(
    *,
    cohort: Cohort | None = None,
    by,
    name: str,
    trainer_group: TrainerGroup,
    modules: list[TrainingModulePage],
    starts_on,
    state=None,
    district=None,
    trainers: Iterable[User] = (),
    ends_on=None,
    mode: str = Cohort.Mode.BLENDED,
    status: str = Cohort.Status.PLANNED,
    purpose: str = Cohort.Purpose.LEARNERS,
    accreditation_standard=None,
    trainer_level: str = "",
    unaccredited_reason: str = "",
) -> Cohort:
    """Create a cohort of ``state`` (``cohort`` None) or edit ``cohort``, whose state never
    changes (``state`` is then not read). The members of an edited cohort are enrolled in the
    modules it gains. A training-of-trainers cohort (``purpose``) names its accreditation
    standard and the level its members train at. Trainers not accredited for its modules
    need ``unaccredited_reason`` (``accreditation.unaccredited_to_record``), recorded."""
    trainers = list(trainers)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the cohort a name.")})
    _check_cohort(
        state=state if cohort is None else cohort.state,
        district=district,
        trainer_group=trainer_group,
        trainers=trainers,
        modules=modules,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    _check_purpose(
        purpose=purpose, accreditation_standard=accreditation_standard, trainer_level=trainer_level
    )
    unaccredited = accreditation.unaccredited_to_record(
        cohort=cohort,
        trainers=trainers,
        module_ids=[module.pk for module in modules],
        reason=unaccredited_reason,
    )
    fields = {
        "name": name,
        "district": district,
        "trainer_group": trainer_group,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "mode": mode,
        "status": status,
        "purpose": purpose,
        "accreditation_standard": accreditation_standard,
        "trainer_level": trainer_level,
    }
    with transaction.atomic():
        if cohort is None:
            cohort = Cohort.objects.create(state=state, created_by=by, **fields)
            before = None
        else:
            before = set(cohort.cohort_modules.values_list("module_id", flat=True))
            for field, value in fields.items():
                setattr(cohort, field, value)
            cohort.save(update_fields=list(fields))
        cohort.trainers.set(trainers)
        _set_modules(cohort, modules)
        accreditation.unaccredited_assignments_record(
            cohort=cohort, trainers=unaccredited, reason=unaccredited_reason, by=by
        )
        if before is None:
            audit(instance=cohort, action="trainers.cohort.created", user=by, data={"name": name})
            return cohort
        added = [module for module in modules if module.pk not in before]
        if added:
            users = User.objects.filter(
                cohort_memberships__cohort=cohort, cohort_memberships__removed_at__isnull=True
            )
            for user in users:
                _enrol(user, added, by=by, source=Enrollment.Source.TRAINER)
        audit(instance=cohort, action="trainers.cohort.updated", user=by)
    return cohort


def cohort_create(*, state, **fields) -> Cohort:
    """A new cohort of ``state``: ``cohort_save`` without a cohort, as the seeders call it."""
    return cohort_save(state=state, **fields)


def cohort_archive(*, cohort: Cohort, by) -> None:
    with transaction.atomic():
        Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.ARCHIVED)
        cohort.status = Cohort.Status.ARCHIVED
        audit(instance=cohort, action="trainers.cohort.archived", user=by)


def cohort_modules(cohort: Cohort) -> list[TrainingModulePage]:
    return [
        row.module
        for row in CohortModule.objects.filter(cohort=cohort)
        .select_related("module")
        .order_by("sort_order", "pk")
    ]


# --- Members --------------------------------------------------------------------------------


def _enrol(user: User, modules: list[TrainingModulePage], *, by, source: str) -> None:
    for module in modules:
        try:
            enrollment_create(user=user, module=module, source=source, by=by)
        except LearningError as error:  # an unpublished module: say which
            raise ValidationError(error.message) from None


def cohort_members_add(
    *, cohort: Cohort, users: Iterable[User], by, source: str = Enrollment.Source.TRAINER
) -> int:
    """Add learners (the caller checked they are in scope) and enrol them in the cohort's
    modules; a learner removed earlier comes back. Returns how many joined."""
    users = list(users)
    wrong_state = [u for u in users if u.state_id != cohort.state_id]
    if wrong_state:
        raise ValidationError(
            _("%(name)s is not in the cohort's state.")
            % {"name": wrong_state[0].full_name or wrong_state[0].contact}
        )
    modules = cohort_modules(cohort)
    joined = 0
    with transaction.atomic():
        for user in users:
            member, created = CohortMember.objects.get_or_create(
                cohort=cohort, user=user, defaults={"added_by": by}
            )
            if not created and member.removed_at is not None:
                member.removed_at = None
                member.save(update_fields=["removed_at"])
                created = True
            if created:
                joined += 1
            _enrol(user, modules, by=by, source=source)
        if joined:
            audit(
                instance=cohort,
                action="trainers.cohort.members_added",
                user=by,
                data={"users": [u.pk for u in users], "source": source},
            )
    return joined


class Invitation(enum.Enum):
    """What ``cohort_member_invite`` did."""

    #: A new account was made, added to the cohort and invited (a mail with a set-password
    #: link to an address, a text message with a sign-in link to a number alone).
    INVITED = "invited"
    #: The address (or number) is an account ``by`` may add: it joined the cohort.
    ADDED = "added"
    #: The address or number is an account out of ``by``'s reach (another state, closed, no
    #: state yet): nothing was written and nobody was told. Answer it exactly like ``INVITED``.
    WITHHELD = "withheld"


def cohort_member_invite(
    *, cohort: Cohort, email: str = "", phone: str = "", full_name: str, district, by
) -> Invitation:
    """Invite one person to ``cohort`` by email address, mobile number or both: an account
    ``by`` may add joins — the one with the address, else the one with the number; an address
    of one such account and a number of another is refused. Someone unknown gets a learner
    account of the cohort's state, joins, and is invited on commit (by email, or by SMS
    without an address); an address or number of an account out of reach changes nothing
    (``WITHHELD``). Everything typed is checked first, whatever the address or number, so an
    error never tells the cases apart."""
    email, phone = invitee_contact(email, phone)
    validate_person_name(full_name)
    district_check(state=cohort.state, district=district)
    with transaction.atomic():
        addable = access.addable_accounts(by=by, target=cohort)
        by_email = addable.filter(email__iexact=email).first() if email else None
        by_phone = addable.filter(phone=phone).first() if phone else None
        if by_email is not None and by_phone is not None and by_email.pk != by_phone.pk:
            raise ValidationError(
                {
                    "phone": _(
                        "This mobile number belongs to another account than the email "
                        "address: correct one of them, or leave the number out."
                    )
                },
                code="two_accounts",
            )
        user = by_email or by_phone
        outcome = Invitation.ADDED
        if user is None:
            user, created = user_invite(
                email=email,
                phone=phone,
                full_name=full_name,
                state=cohort.state,
                district=district,
                by=by,
            )
            if not created:  # someone else's account, out of reach: leave it alone
                return Invitation.WITHHELD
            outcome = Invitation.INVITED
        cohort_members_add(cohort=cohort, users=[user], by=by, source=Enrollment.Source.TRAINER)
    return outcome


def cohort_member_remove(*, member: CohortMember, by) -> None:
    """Take a learner out of the cohort; their enrollments and progress stay."""
    with transaction.atomic():
        updated = CohortMember.objects.filter(pk=member.pk, removed_at__isnull=True).update(
            removed_at=timezone.now()
        )
        if updated:
            audit(
                instance=member.cohort,
                action="trainers.cohort.member_removed",
                user=by,
                data={"user": member.user_id},
            )
