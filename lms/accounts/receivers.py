"""Keep ``User.roles_version`` in step with group membership and group permissions."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.db.models import F
from django.db.models.signals import m2m_changed
from django.dispatch import receiver

from .models import User

_CHANGES = {"post_add", "post_remove", "post_clear"}


@receiver(m2m_changed, sender=User.groups.through)
def user_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in _CHANGES:
        return
    if not reverse:  # user.groups.add(...)
        users = User.objects.filter(pk=instance.pk)
    elif pk_set is not None:  # group.user_set.add(...)
        users = User.objects.filter(pk__in=pk_set)
    else:  # group.user_set.clear(): pre-clear members are gone already; bump everyone cheap
        users = User.objects.all()
    users.update(roles_version=F("roles_version") + 1)
    if not reverse:
        instance.__dict__.pop("roles_version", None)


@receiver(m2m_changed, sender=Group.permissions.through)
def group_permissions_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in _CHANGES:
        return
    groups = [instance.pk] if not reverse else list(pk_set or [])
    User.objects.filter(groups__in=groups).update(roles_version=F("roles_version") + 1)
