from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from lms.accounts.models import Cadre, Consent, Role, User
from lms.accounts.services import role_assign
from lms.geography.models import District, State

PASSWORD = "correct horse battery staple"


def state(code: str) -> State:
    return State.objects.get(code=code)


def district_of(code: str) -> District:
    return District.objects.filter(state__code=code, is_active=True).order_by("name").first()


class UserFactory(factory.django.DjangoModelFactory):
    """A learner with a complete profile and a verified email address."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name", locale="en_IN")
    cadre = factory.LazyFunction(lambda: Cadre.objects.get(slug="social-worker"))
    designation = "Social Worker"
    state = factory.LazyFunction(lambda: state("AS"))
    district = factory.LazyAttribute(lambda o: district_of(o.state.code))
    preferred_language = "en"
    profile_completed_at = factory.LazyFunction(timezone.now)
    consent_version = factory.LazyFunction(lambda: settings.LMS_DATA_USE_NOTICE_VERSION)

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or PASSWORD)
        if create:
            obj.save(update_fields=["password"])
            if obj.email:
                EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
            Consent.objects.create(user=obj, notice_version=obj.consent_version)
            obj.groups.add(Group.objects.get(name=Role.LEARNER))


def make_role(user: User, role: str, *state_codes: str) -> User:
    """Give ``user`` a role; state-scoped roles in the given states."""
    if state_codes:
        for code in state_codes:
            role_assign(user=user, role=role, state=state(code))
    else:
        user.groups.add(Group.objects.get(name=role))
    for attr in (
        "_lms_roles",
        "_lms_states",
        "_perm_cache",
        "_user_perm_cache",
        "_group_perm_cache",
    ):
        user.__dict__.pop(attr, None)
    return user


def make_district_officer(user: User, district: District) -> User:
    """Make ``user`` the district officer of ``district`` (with the district's state)."""
    role_assign(user=user, role=Role.DISTRICT_OFFICER, district=district)
    return make_role(user, Role.DISTRICT_OFFICER)


def add_totp(user: User) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret
