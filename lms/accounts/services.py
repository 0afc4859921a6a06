"""Writes to accounts: profiles, consent and role assignments. Each runs in one transaction
and leaves an audit entry."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

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
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.core.audit import audit, audit_many
from lms.core.site_name import site_name
from lms.core.site_url import absolute_url
from lms.geography.models import District, State
from lms.sms.models import SmsMessage

from .contact import EMAIL, SMS, first_name, notice_channels, send_notice_sms
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
#
# A person is invited by an email address, a mobile number or both. The invitation goes by the
# channels a notice to them would take (``contact.notice_channels``): a mail with the link to
# set a password to an address; a text message with the link to sign in by a code sent to the
# number when there is no address (and as well, for those who asked for notices by SMS). An
# invited address counts as verified (only its owner receives the link); an invited number is
# verified when its owner signs in with a code sent to it.


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


def invitation_sms_text(user: User) -> str:
    """The invitation by text message, in the active language: the person's first name, the
    site's name and the link to sign in with a code sent to their number — nothing else
    (``lms.sms.models``: no full name, no address, no place)."""
    values = {
        "name": first_name(user),
        "site": site_name(),
        "link": absolute_url(reverse("account_request_login_code")),
    }
    if values["name"]:
        return (
            _(
                "%(name)s, you are invited to %(site)s. Sign in with a code sent to this "
                "number: %(link)s"
            )
            % values
        )
    return _("You are invited to %(site)s. Sign in with a code sent to this number: %(link)s") % (
        values
    )


def _invitation_sms(user: User):
    """Text ``user`` their invitation in their language (recorded now, delivered once the
    caller's transaction commits): the ``SmsMessage``, or None when SMS is not their channel."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        text = invitation_sms_text(user)
    return send_notice_sms(user, kind=SmsMessage.Kind.INVITATION, text=text)


def invitation_send(*, user: User, invited_by: User | None) -> None:
    """Invite ``user`` by their channels, in their language: the mail with the link to set
    their password to their address, the text message with the link to sign in by code to
    their number (``contact.notice_channels``)."""
    channels = notice_channels(user)
    if EMAIL in channels:
        _invitation_message(user, invited_by, connection=None).send()
    if SMS in channels:
        _invitation_sms(user)


#: A concurrent sign-up or invitation took an address or number between the check and the
#: write: the unique indexes refuse the second account.
_TAKEN_MEANWHILE = gettext_lazy(
    "An account with this email address or mobile number was registered meanwhile. Try again."
)


def invitee_contact(email: str, phone: str) -> tuple[str, str]:
    """The address (lower case) and the number (E.164) someone invited is known by, "" for
    none, as ``user_invite`` stores them (callers that look accounts up first read them
    here). ``ValidationError`` by field for a malformed address, a number that is not an
    Indian mobile, or neither given."""
    email = (email or "").strip().lower()
    phone = str(phone or "").strip()
    errors: dict[str, list[str]] = {}
    if email:
        try:
            validate_email(email)
        except ValidationError as error:
            errors["email"] = error.messages
    if phone:
        try:
            phone = normalise_indian_mobile(phone)
        except ValidationError as error:
            errors["phone"] = error.messages
    if not email and not phone and not errors:
        errors["email"] = [_("Give an email address or a mobile number.")]
    if errors:
        raise ValidationError(errors)
    return email, phone


def user_invite(
    *,
    email: str = "",
    full_name: str,
    state: State,
    district: District | None = None,
    cadre: Cadre | None = None,
    designation: str = "",
    phone: str = "",
    by: User | None,
    send: bool = True,
) -> tuple[User, bool]:
    """Create a learner account for someone a trainer adds, known by an email address, a
    mobile number or both — or return the existing account: the one with that address, else
    the one with that number — and, for a new account, invite them on commit
    (``invitation_send``: a mail to an address, a text message to a number alone).
    ``ValidationError`` (by field) for a malformed address or number, neither, or a bad name;
    nothing is written then."""

    email, phone = invitee_contact(email, phone)
    if email:
        existing = User.objects.filter(email__iexact=email).first()
        if existing is not None:
            return existing, False
    if phone:
        existing = User.objects.filter(phone=phone).first()
        if existing is not None:
            return existing, False
    validate_person_name(full_name)
    district_check(state=state, district=district)
    user = User(
        email=email or None,
        full_name=" ".join(full_name.split()),
        state=state,
        district=district,
        cadre=cadre,
        designation=designation.strip(),
        phone=phone or None,
        phone_verified=False,
    )
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
            if email:
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
            user.groups.add(Group.objects.get(name=Role.LEARNER))
            audit(instance=user, action="accounts.user.invited", user=by)
            if send:
                transaction.on_commit(lambda: invitation_send(user=user, invited_by=by))
    except IntegrityError as error:
        raise ValidationError(_TAKEN_MEANWHILE, code="exists") from error
    return user, True


# --- Bulk invitations (spreadsheet imports) -------------------------------------------------


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
    """``invitation_send`` for many invited learners: the mails through one SMTP connection
    (opening a connection per message is what makes thousands of mails slow, and what mail
    providers throttle; none is opened when nobody gets a mail), the text messages through
    ``lms.sms`` one by one, each recorded and delivered by a task. Returns how many mails were
    sent and text messages queued."""

    user_ids = list(user_ids)
    sent = 0
    connection = get_connection()
    opened = False
    try:
        for start in range(0, len(user_ids), chunk_size):
            users = User.objects.filter(pk__in=user_ids[start : start + chunk_size]).order_by("pk")
            messages = []
            for user in users:
                channels = notice_channels(user)
                if EMAIL in channels:
                    messages.append(_invitation_message(user, invited_by, connection))
                if SMS in channels:
                    texted = _invitation_sms(user)
                    if texted is not None and texted.status == SmsMessage.Status.QUEUED:
                        sent += 1
            if messages:
                if not opened:
                    connection.open()
                    opened = True
                sent += connection.send_messages(messages) or 0
    finally:
        if opened:
            connection.close()
    return sent


@dataclass(frozen=True, kw_only=True)
class Invitee:
    """One person to invite in bulk, by email address, mobile number or both (as typed: they
    are checked and normalised by ``users_invite_many``); ``district_id`` and ``cadre_id``
    already looked up. ``line`` is where the person is in the caller's list (a spreadsheet's
    line), named by errors; without one, their position in ``people`` from 1."""

    full_name: str
    email: str = ""
    phone: str = ""
    district_id: int | None = None
    cadre_id: int | None = None
    designation: str = ""
    line: int | None = None


#: How errors of ``users_invite_many`` name the field.
_FIELD_NAMES = {
    "email": gettext_lazy("email address"),
    "phone": gettext_lazy("mobile number"),
    "full_name": gettext_lazy("name"),
}


#: An address or number given twice (however it is written): what the second line says.
_TWICE = {
    "email": gettext_lazy("the same address is on line %(line)d."),
    "phone": gettext_lazy("the same mobile number is on line %(line)d."),
}


def _line_error(line: int, field: str, value: str, problem, *, code: str) -> ValidationError:
    return ValidationError(
        _("Line %(line)d, %(field)s “%(value)s”: %(problem)s")
        % {"line": line, "field": _FIELD_NAMES[field], "value": value[:100], "problem": problem},
        code=code,
    )


def users_invite_many(
    *,
    people,
    state: State,
    by: User | None,
    send: bool = True,
    batch_size: int = 1000,
) -> list[User]:
    """Create learner accounts for many people at once — ``user_invite`` for each, in bulk
    statements: users with unusable passwords, verified primary addresses for those who have
    one, numbers not yet verified, the Learner group, one audit entry per account; on commit,
    the invitations go out (``invitations_send_many``: mails through one connection, text
    messages to those known by a number alone).

    Every address and number must be new: the caller matched existing accounts first. A
    person with neither, a malformed address, a number that is not an Indian mobile, a name
    refused, the same address or number twice in ``people`` (however it is written), one an
    account already has, a district of another state: ``ValidationError`` naming the line
    and the field, and nothing is written. An account made meanwhile for one of them is
    refused by the unique indexes, with the same outcome (code "exists"). Returns the users in
    input order."""

    people = list(people)
    if not people:
        return []
    users: list[User] = []
    first_line: dict[str, dict[str, int]] = {"email": {}, "phone": {}}
    for number, person in enumerate(people, start=1):
        line = person.line if person.line is not None else number
        try:
            email, phone = invitee_contact(person.email, person.phone)
        except ValidationError as error:
            field, problems = next(iter(error.message_dict.items()))
            raise _line_error(
                line, field, str(getattr(person, field) or ""), problems[0], code="invalid"
            ) from None
        for field, value in (("email", email), ("phone", phone)):
            earlier = first_line[field].setdefault(value, line) if value else line
            if earlier != line:
                raise _line_error(
                    line,
                    field,
                    str(getattr(person, field)),
                    _TWICE[field] % {"line": earlier},
                    code="duplicate",
                )
        try:
            validate_person_name(person.full_name)
        except ValidationError as error:
            raise _line_error(
                line, "full_name", person.full_name, error.messages[0], code="invalid"
            ) from None
        users.append(
            User(
                email=email or None,
                full_name=" ".join(person.full_name.split()),
                state=state,
                district_id=person.district_id,
                cadre_id=person.cadre_id,
                designation=person.designation.strip(),
                phone=phone or None,
                phone_verified=False,
                # Like set_unusable_password(): no hashing, so this costs nothing per user.
                password=make_password(None),
            )
        )
    district_ids = {person.district_id for person in people if person.district_id is not None}
    known = set(
        District.objects.filter(pk__in=district_ids, state=state).values_list("pk", flat=True)
    )
    if known != district_ids:
        raise ValidationError(
            {"district": _("Choose a district of the selected state.")}, code="wrong_state"
        )
    emails, phones = list(first_line["email"]), list(first_line["phone"])
    learners = Group.objects.get(name=Role.LEARNER)
    try:
        with transaction.atomic():
            _refuse_taken(emails, phones, first_line)
            User.objects.bulk_create(users, batch_size=batch_size)
            if any(user.pk is None for user in users):  # a backend without INSERT … RETURNING
                ids = {
                    **dict(User.objects.filter(email__in=emails).values_list("email", "pk")),
                    **dict(User.objects.filter(phone__in=phones).values_list("phone", "pk")),
                }
                for user in users:
                    user.pk = ids[user.email or user.phone]
            EmailAddress.objects.bulk_create(
                [
                    EmailAddress(user=u, email=u.email, verified=True, primary=True)
                    for u in users
                    if u.email
                ],
                batch_size=batch_size,
            )
            # The m2m_changed receiver (roles_version) is skipped on purpose: new accounts
            # have no session whose cached roles could be stale.
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
    except IntegrityError as error:
        raise ValidationError(_TAKEN_MEANWHILE, code="exists") from error
    return users


def _refuse_taken(emails: list[str], phones: list[str], first_line: dict) -> None:
    """``ValidationError`` (code "exists") naming the first of these addresses and numbers
    that an account has, by its line; a few queries per thousand, whatever their number."""
    for start in range(0, len(emails), 1000):
        taken = (
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=emails[start : start + 1000])
            .values_list("address", flat=True)
            .first()
        )
        if taken is not None:
            raise _line_error(
                first_line["email"][taken],
                "email",
                taken,
                _("an account with this address already exists."),
                code="exists",
            )
    for start in range(0, len(phones), 1000):
        taken = User.objects.filter(phone__in=phones[start : start + 1000]).values_list(
            "phone", flat=True
        )
        taken = taken.first()
        if taken is not None:
            raise _line_error(
                first_line["phone"][taken],
                "phone",
                taken,
                _("an account with this mobile number already exists."),
                code="exists",
            )
