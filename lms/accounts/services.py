"""Writes to accounts: profiles, consent and role assignments. Each runs in one transaction
and leaves an audit entry."""

from __future__ import annotations

import datetime

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.core.audit import audit, audit_many
from lms.core.site_name import site_name
from lms.core.site_url import absolute_url
from lms.geography.models import District, State

from .models import (
    DISTRICT_SCOPED_ROLES,
    STATE_SCOPED_ROLES,
    Cadre,
    Consent,
    Role,
    RoleAssignment,
    User,
)
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
    organisation: str = "",
    notices_by_sms: bool | None = None,
    cadre_since: datetime.date | None = None,
    notice_accepted: bool,
) -> User:
    """Save the learner's profile and their acceptance of the current data-use notice.

    ``cadre_since`` is when they took up their post (required training is due from then):
    without one, a new cadre starts today (in India) and an unchanged cadre keeps its date."""
    if not notice_accepted:
        raise ValidationError(
            {"accept_notice": _("Please read and accept the data-use notice to continue.")}
        )
    validate_person_name(full_name)
    district_check(state=state, district=district)
    today = timezone.localdate()  # in India: the site's time zone
    if cadre_since is not None and cadre_since > today:
        raise ValidationError({"cadre_since": _("The date cannot be in the future.")})
    if cadre_since is None:
        cadre_since = user.cadre_since if cadre.pk == user.cadre_id else today
    user.full_name = " ".join(full_name.split())
    user.cadre = cadre
    user.cadre_since = cadre_since
    user.designation = designation.strip()
    user.state = state
    user.district = district
    user.preferred_language = preferred_language
    if notices_by_sms is not None:
        user.notices_by_sms = notices_by_sms
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
            "cadre_since",
            "designation",
            "state",
            "district",
            "preferred_language",
            "notices_by_sms",
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


def _assignment_place(role: str, state: State | None, district: District | None) -> dict:
    """The fields that say where ``role`` applies, checked: a state role names a state, a
    district role a district (and through it the state)."""
    if role in DISTRICT_SCOPED_ROLES:
        if district is None:
            raise ValueError(f"{role!r} needs a district")
        if state is not None and district.state_id != state.pk:
            raise ValueError("the district is not in the state")
        return {"state": district.state, "district": district}
    if role not in STATE_SCOPED_ROLES:
        raise ValueError(f"{role!r} is not limited to states or districts")
    if state is None or district is not None:
        raise ValueError(f"{role!r} needs a state and no district")
    return {"state": state, "district": None}


def _place_data(role: str, place: dict) -> dict:
    data = {"role": role, "state": place["state"].code}
    if place["district"] is not None:
        data["district"] = place["district"].name
    return data


@transaction.atomic
def role_assign(
    *,
    user: User,
    role: str,
    state: State | None = None,
    district: District | None = None,
    by: User | None = None,
) -> RoleAssignment:
    """Make ``user`` a trainer or coordinator in ``state``, or a district officer in
    ``district``; idempotent. Joining a trainer group calls this, so the trainer's reach
    follows the group."""
    place = _assignment_place(role, state, district)
    try:
        with transaction.atomic():
            assignment, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, **place
            )
    except IntegrityError:  # a concurrent call made it first
        assignment, created = RoleAssignment.objects.get(user=user, role=role, **place), False
    user.groups.add(Group.objects.get(name=role))
    if created:
        audit(
            instance=user,
            action="accounts.role.assigned",
            user=by,
            data=_place_data(role, place),
        )
    return assignment


@transaction.atomic
def role_unassign(
    *,
    user: User,
    role: str,
    state: State | None = None,
    district: District | None = None,
    by: User | None = None,
) -> None:
    """Withdraw a scoped role in one state or district; the group goes with the last one."""
    place = _assignment_place(role, state, district)
    deleted, _rows = RoleAssignment.objects.filter(user=user, role=role, **place).delete()
    if not RoleAssignment.objects.filter(user=user, role=role).exists():
        user.groups.remove(*Group.objects.filter(name=role))
    if deleted:
        audit(
            instance=user,
            action="accounts.role.unassigned",
            user=by,
            data=_place_data(role, place),
        )


# --- Invitations ----------------------------------------------------------------------------


def invitation_link(user: User) -> str:
    """An allauth "set your password" link for an invited account."""

    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return absolute_url(path)


def invitation_send(*, user: User, invited_by: User | None) -> None:
    """Mail an invited learner the link to set their password (in their language)."""
    _invitation_message(user, invited_by, connection=None).send()


def user_invite(
    *,
    email: str,
    full_name: str,
    state: State,
    district: District | None = None,
    cadre: Cadre | None = None,
    designation: str = "",
    phone: str = "",
    by: User | None,
    send: bool = True,
) -> tuple[User, bool]:
    """Create a learner account for someone a trainer adds (or return the existing account
    with that email) and, for a new account, mail a link to set a password on commit. The
    address counts as verified: the person can only sign in through the link sent to it."""

    email = email.strip()
    validate_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        return existing, False
    validate_person_name(full_name)
    district_check(state=state, district=district)
    with transaction.atomic():
        user = User(
            email=email.lower(),
            full_name=" ".join(full_name.split()),
            state=state,
            district=district,
            cadre=cadre,
            designation=designation.strip(),
            phone=normalise_indian_mobile(phone) if phone else None,
        )
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        user.groups.add(Group.objects.get(name=Role.LEARNER))
        audit(instance=user, action="accounts.user.invited", user=by)
        if send:
            transaction.on_commit(lambda: invitation_send(user=user, invited_by=by))
    return user, True


# --- Bulk invitations (spreadsheet imports) -------------------------------------------------

from dataclasses import dataclass  # noqa: E402  (kept with the code that uses it)

from django.db.models.functions import Lower  # noqa: E402


def _invitation_message(user: User, invited_by: User | None, connection):
    """The invitation mail of ``user`` (as ``invitation_send`` writes it), not yet sent."""

    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "link": invitation_link(user),
            "invited_by": invited_by.full_name if invited_by else "",
            "site_name": site_name(),
        }
        subject = _("You are invited to %(site)s") % {"site": site_name()}
        body = render_to_string("account/email/invitation.txt", context)
    return EmailMessage(subject, body, None, [user.email], connection=connection)


def invitations_send_many(*, user_ids, invited_by: User | None, chunk_size: int = 500) -> int:
    """Mail many invited learners their set-password links through one SMTP connection
    (opening a connection per message is what makes thousands of mails slow, and what mail
    providers throttle). Returns how many were sent."""

    user_ids = list(user_ids)
    sent = 0
    with get_connection() as connection:
        for start in range(0, len(user_ids), chunk_size):
            users = User.objects.filter(pk__in=user_ids[start : start + chunk_size]).order_by("pk")
            messages = [_invitation_message(user, invited_by, connection) for user in users]
            sent += connection.send_messages(messages) or 0
    return sent


@dataclass(frozen=True)
class Invitee:
    """One person to invite in bulk; ``district_id`` and ``cadre_id`` already looked up."""

    email: str
    full_name: str
    district_id: int | None = None
    cadre_id: int | None = None
    designation: str = ""
    phone: str = ""


def users_invite_many(
    *,
    people,
    state: State,
    by: User | None,
    send: bool = True,
    batch_size: int = 1000,
) -> list[User]:
    """Create learner accounts for many people at once — ``user_invite`` for each, in bulk
    statements: users with unusable passwords, verified primary addresses, the Learner group,
    one audit entry per account; on commit, the invitations go out through one mail
    connection. Every address must be new: the caller matched existing accounts first, and an
    address taken meanwhile raises ``ValidationError`` (the unique index on the lower-case
    address backs this up against a concurrent sign-up). Returns the users in input order."""

    people = list(people)
    if not people:
        return []
    emails = [person.email.strip().lower() for person in people]
    if len(set(emails)) != len(emails):
        raise ValidationError(_("The same email address is given twice."), code="duplicate")
    district_ids = {person.district_id for person in people if person.district_id is not None}
    known = set(
        District.objects.filter(pk__in=district_ids, state=state).values_list("pk", flat=True)
    )
    if known != district_ids:
        raise ValidationError(
            {"district": _("Choose a district of the selected state.")}, code="wrong_state"
        )
    users = []
    for person, email in zip(people, emails, strict=True):
        validate_email(email)
        validate_person_name(person.full_name)
        users.append(
            User(
                email=email,
                full_name=" ".join(person.full_name.split()),
                state=state,
                district_id=person.district_id,
                cadre_id=person.cadre_id,
                designation=person.designation.strip(),
                phone=normalise_indian_mobile(person.phone) if person.phone else None,
                # Like set_unusable_password(): no hashing, so this costs nothing per user.
                password=make_password(None),
            )
        )
    learners = Group.objects.get(name=Role.LEARNER)
    with transaction.atomic():
        for start in range(0, len(emails), 1000):
            taken = User.objects.annotate(address=Lower("email")).filter(
                address__in=emails[start : start + 1000]
            )
            if taken.exists():
                raise ValidationError(
                    _("An account with this email address already exists: %(email)s")
                    % {"email": taken.values_list("email", flat=True).first()},
                    code="exists",
                )
        User.objects.bulk_create(users, batch_size=batch_size)
        if any(user.pk is None for user in users):  # a backend without INSERT … RETURNING
            ids = dict(User.objects.filter(email__in=emails).values_list("email", "pk"))
            for user in users:
                user.pk = ids[user.email]
        EmailAddress.objects.bulk_create(
            [EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in users],
            batch_size=batch_size,
        )
        # The m2m_changed receiver (roles_version) is skipped on purpose: new accounts have
        # no session whose cached roles could be stale.
        membership = User.groups.through
        membership.objects.bulk_create(
            [membership(user_id=user.pk, group_id=learners.pk) for user in users],
            batch_size=batch_size,
        )
        audit_many(instances=users, action="accounts.user.invited", user=by)
        if send:
            user_ids = [user.pk for user in users]
            transaction.on_commit(
                lambda: invitations_send_many(user_ids=user_ids, invited_by=by), robust=True
            )
    return users
