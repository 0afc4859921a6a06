"""Writes behind the progress page: reminders (by email or SMS), the bulk certificate issue
for a cohort and the audit entry of each export. Each runs in one transaction with its audit
entries; mail and text messages are sent on commit. Certification is reached through its
service only."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import ModelLogEntry

from certification.models import CertificateBatch
from certification.services import certificate_batch_create
from lms.accounts.contact import EMAIL, SMS, first_name, notice_channels, send_notice_sms
from lms.accounts.models import User
from lms.core.audit import audit
from lms.core.site_url import absolute_url
from lms.sms.models import SmsMessage

from .models import Cohort, CohortMember
from .selectors import qualifying_enrollment_ids

#: The audit actions of this part, registered in ``wagtail_hooks.py``.
PROGRESS_LOG_ACTIONS = [
    ("trainers.reminder.sent", gettext_lazy("Reminder sent to a learner")),
    ("trainers.cohort.certificates_requested", gettext_lazy("Certificates requested for a cohort")),
    ("trainers.export.progress", gettext_lazy("Cohort progress exported")),
    ("trainers.export.certificates", gettext_lazy("Cohort certificates exported")),
]

#: A learner gets at most one reminder in this period, from any trainer or cohort.
REMINDER_INTERVAL = datetime.timedelta(days=1)
#: Reminder requests a trainer may send per hour (each may mail many learners).
REMINDER_REQUESTS_PER_HOUR = 10


@dataclass(frozen=True)
class RemindResult:
    sent: int
    #: Reminded in the last day already (by anyone), so left out this time.
    skipped: int


def _recently_reminded(user_ids: list[int], since) -> set[int]:
    """Learners reminded since ``since``: the audit log is the durable record, shared by
    every app server whatever the cache."""
    content_type = ContentType.objects.get_for_model(User)
    return {
        int(pk)
        for pk in ModelLogEntry.objects.filter(
            content_type=content_type,
            action="trainers.reminder.sent",
            object_id__in=[str(pk) for pk in user_ids],
            timestamp__gte=since,
        ).values_list("object_id", flat=True)
    }


#: The reminder by text message (``lms.sms``): the learner's first name and the link to My
#: learning, nothing else — with a name, and for an account without one.
REMINDER_SMS = (
    gettext_lazy(
        "%(name)s, your trainers remind you to continue your training. Continue here: %(link)s"
    ),
    gettext_lazy("Your trainers remind you to continue your training. Continue here: %(link)s"),
)


def _reminder_message(*, cohort: Cohort, user: User) -> EmailMessage:
    """The reminder mail in the learner's language, with a link to My learning."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "name": user.full_name or user.email,
            "cohort": cohort.name,
            "my_learning_url": absolute_url(reverse("learning:my_learning")),
        }
        subject = _("A reminder from your trainers: %(cohort)s") % {"cohort": cohort.name}
        body = render_to_string("trainers/includes/progress_reminder_email.txt", context)
    return EmailMessage(subject=subject, body=body, to=[user.email])


def _reminder_sms(user: User) -> None:
    """Text the reminder to ``user`` in their language: recorded now, delivered once the
    reminder's transaction commits (``contact.send_notice_sms``)."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        with_name, without_name = REMINDER_SMS
        name = first_name(user)
        text = str(with_name if name else without_name) % {
            "name": name,
            "link": absolute_url(reverse("learning:my_learning")),
        }
        send_notice_sms(user, kind=SmsMessage.Kind.REMINDER, text=text)


def cohort_remind(*, cohort: Cohort, members: list[CohortMember], by) -> RemindResult:
    """Remind each of ``members`` (the caller checked they belong to the cohort) who was not
    reminded in the last day, by their channels (``contact.notice_channels``: email, SMS to
    those with a mobile number alone, both for those who asked), with an audit entry per
    learner reminded. Mail goes out on commit, over one connection; text messages are recorded
    with the reminder and delivered on commit."""
    now = timezone.now()
    users = {member.user_id: member.user for member in members}
    with transaction.atomic():
        skip = _recently_reminded(list(users), now - REMINDER_INTERVAL)
        messages = []
        reminded = 0
        for user_id, user in sorted(users.items()):
            channels = notice_channels(user)
            if user_id in skip or not user.is_active or not channels:
                continue
            # The audit check above is durable; this claim closes the window in which two
            # trainers' requests could both pass it (atomic add in a shared cache).
            claim = f"trainers:reminded:{user_id}"
            if not cache.add(claim, 1, timeout=int(REMINDER_INTERVAL.total_seconds())):
                continue
            audit(
                instance=user,
                action="trainers.reminder.sent",
                user=by,
                data={"cohort": cohort.pk, "cohort_name": cohort.name, "by": sorted(channels)},
            )
            if EMAIL in channels:
                messages.append(_reminder_message(cohort=cohort, user=user))
            if SMS in channels:
                _reminder_sms(user)
            reminded += 1
        if messages:
            transaction.on_commit(lambda: get_connection().send_messages(messages))
    return RemindResult(sent=reminded, skipped=len(users) - reminded)


def cohort_certificates_issue(*, cohort: Cohort, by) -> CertificateBatch:
    """Queue a bulk issue for every current member's completed enrollment in the cohort's
    modules that has no certificate yet. Raises certification's ``CertificationError`` when
    there is no one to issue to."""
    ids = qualifying_enrollment_ids(cohort)
    with transaction.atomic():
        batch = certificate_batch_create(
            enrollment_ids=ids,
            by=by,
            label=_("Cohort %(name)s") % {"name": cohort.name},
            state=cohort.state,
        )
        audit(
            instance=cohort,
            action="trainers.cohort.certificates_requested",
            user=by,
            data={"batch": str(batch.pk), "enrollments": len(ids)},
        )
    return batch


EXPORT_ACTIONS = {
    "progress": "trainers.export.progress",
    "certificates": "trainers.export.certificates",
}


def cohort_export_log(*, cohort: Cohort, by, kind: str, fmt: str, rows: int, filters=None):
    """Record who exported what from a cohort, and when (the entry's timestamp)."""
    audit(
        instance=cohort,
        action=EXPORT_ACTIONS[kind],
        user=by,
        data={"format": fmt, "rows": rows, "filters": filters or {}},
    )
