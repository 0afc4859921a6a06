from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib.auth.models import Group
from django.db import transaction

from lms.core.audit import audit
from lms.core.ratelimit import client_address

from .models import Role


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        # One answer for every rate limit, allauth's and the platform's; allauth's own answers
        # 500 to an X-Forwarded-For shorter than ALLAUTH_TRUSTED_PROXY_COUNT.
        return client_address(request)

    def save_user(self, request, user, form, commit=True):
        user = super().save_user(request, user, form, commit=False)
        user.email = user.email.lower()
        user.full_name = form.cleaned_data.get("full_name", "")
        if commit:
            with transaction.atomic():
                user.save()
                user.groups.add(Group.objects.get(name=Role.LEARNER))
                audit(instance=user, action="accounts.user.signed_up", user=user)
        return user
