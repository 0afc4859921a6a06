"""Sessions of a cohort and their attendance: scheduling, marking and correcting, and the
attendance share each member has earned for a module, which learning's completion rule reads.

What counts towards a member's share for a module, in one cohort:

* every session of that module scheduled for the cohort counts — held or still to come. Not
  only those whose attendance was taken: with that rule, a learner present at the first of
  five sessions would have 100 % and, lessons done, complete a blended module and get the
  certificate after one day. The share is of the module's sessions, as learning's rule reads;
* sessions where the member is **excused** are left out for them;
* on every other session the member is **present** or not: an absent mark, no mark yet and a
  session still to come are the same (the grid lists every member, and "mark all present"
  fills the gaps, so an unmarked learner was not recorded as being there);
* share = present / counted * 100, rounded half up to a whole per cent; a member excused from
  every session has attended nothing: 0 (excuses never earn attendance).

A **cancelled** session keeps its marks (they are history) but counts for no one: it was not
held, so it neither earns nor costs attendance, and it takes no more marks.

Shares change when attendance changes and when a session is scheduled, cancelled, deleted or
moved to another module; each time, every current member's share for the module is
recomputed (one aggregate query) and reported to learning (``enrollments_record_attendance``)
where it changed — learning never reads these tables. A share of 0 is not reported to an
enrollment that has none yet: for the completion rule "nothing reported" and 0 are the same,
and a new session would otherwise write an entry for every learner of the cohort. A late
joiner is held to the sessions held before they joined: the trainer marks them excused for
those.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import User
from lms.core.audit import audit
from modules.content.models import TrainingModulePage
from modules.learning.selectors import progress_rows
from modules.learning.services import enrollments_record_attendance

# tasks imports the imports package, whose service imports tasks: reached at call time.
from . import accreditation, tasks
from .models import (
    Attendance,
    Cohort,
    CohortMember,
    CohortModule,
    TrainerMembership,
    TrainingSession,
)
from .selectors import member_user_ids
from .services import cohort_modules

#: Audit actions of this module, registered in ``wagtail_hooks.register_log_actions``.
SESSION_LOG_ACTIONS = [
    ("trainers.session.created", gettext_lazy("Session scheduled")),
    ("trainers.session.updated", gettext_lazy("Session changed")),
    ("trainers.session.deleted", gettext_lazy("Session deleted")),
    ("trainers.session.cancelled", gettext_lazy("Session cancelled")),
    ("trainers.session.reminded", gettext_lazy("Session reminder sent to its learners")),
    ("trainers.attendance.marked", gettext_lazy("Attendance marked")),
    ("trainers.attendance.corrected", gettext_lazy("Attendance corrected")),
    ("trainers.export.attendance", gettext_lazy("Attendance exported")),
]


class NotInCohort(LookupError):
    """Attendance for someone who is not a current member of the session's cohort. Views
    check with ``access.members_of`` first and answer 404; this guards the service itself."""


class SessionCancelled(ValidationError):
    """Attendance for a cancelled session, which takes none (its earlier marks stay)."""


#: What makes a change a move, which learners are told of and calendars must take: the time
#: and the place (a venue, or the link of an online session).
MOVE_FIELDS = ("starts_at", "ends_at", "venue", "online_link")
#: The longest reason for cancelling a session (the column's length).
CANCEL_REASON_MAX_LENGTH = 500


def _announce(session: TrainingSession, kind: str, **details) -> None:
    """Tell the cohort's learners about ``session`` once the transaction commits, through the
    task queue (a message per learner, by email or SMS: ``notices``). Only a session still to
    end is announced: recording one already held, or correcting its time, tells no one."""
    if session.has_ended():
        return
    session_id = session.pk
    transaction.on_commit(
        lambda: tasks.send_session_notice.enqueue(session_id=session_id, kind=kind, **details)
    )


# --- Sessions -------------------------------------------------------------------------------


def _check_session(*, cohort: Cohort, values: dict, trainers: list[User]) -> None:
    errors: dict[str, str] = {}
    module, starts_at, ends_at = values["module"], values["starts_at"], values["ends_at"]
    if not values["title"]:
        errors["title"] = _("Give the session a title.")
    if not CohortModule.objects.filter(cohort=cohort, module_id=module.pk).exists():
        errors["module"] = _("Choose one of the cohort's modules.")
    if starts_at is None or timezone.is_naive(starts_at):
        errors["starts_at"] = _("Give the start date and time.")
    if ends_at is None or timezone.is_naive(ends_at):
        errors["ends_at"] = _("Give the end date and time.")
    elif starts_at is not None and ends_at <= starts_at:
        errors["ends_at"] = _("The session must end after it starts.")
    if not values["venue"] and not values["online_link"]:
        errors["venue"] = _("Give a venue, an online link, or both.")
    if values["online_link"]:
        try:
            # Only web links: the link is shown to trainers as a clickable address.
            URLValidator(schemes=["http", "https"])(values["online_link"])
        except ValidationError:
            errors["online_link"] = _("Give a web address starting with https://.")
    if trainers:
        group_members = set(
            TrainerMembership.objects.filter(group_id=cohort.trainer_group_id).values_list(
                "user_id", flat=True
            )
        )
        if cohort.trains_trainers:
            # Trainees deliver sessions of their training-of-trainers cohort to be observed.
            group_members |= set(
                CohortMember.objects.filter(cohort=cohort, removed_at__isnull=True).values_list(
                    "user_id", flat=True
                )
            )
        if any(trainer.pk not in group_members for trainer in trainers):
            errors["trainers"] = _("Trainers must be members of the cohort's trainer group.")
    if errors:
        raise ValidationError(errors)


def session_save(
    *,
    session: TrainingSession | None = None,
    cohort: Cohort | None = None,
    module: TrainingModulePage,
    title: str,
    starts_at,
    ends_at,
    venue: str = "",
    online_link: str = "",
    trainers: Iterable[User] = (),
    by,
    announce: bool = True,
    unaccredited_reason: str = "",
) -> TrainingSession:
    """Schedule a session of ``cohort`` for one of its modules (``session`` None), or change
    ``session``. Its learners are told of a new session, or of a moved one, unless
    ``announce`` is false (the demo's seeding: its sessions were always there). Times are
    aware datetimes (the form reads them in the site's time zone, Asia/Kolkata). A new
    session lowers everyone's share of its module; moving a session with attendance to
    another module moves its attendance too: both modules' shares are recomputed and
    reported. Trainers not accredited for the module need ``unaccredited_reason``
    (``accreditation.unaccredited_to_record``), recorded on the cohort."""
    trainers = list(trainers)
    cohort = cohort if session is None else session.cohort
    if session is not None and session.is_cancelled:
        raise ValidationError(
            _("This session was cancelled and cannot be changed. Schedule a new one instead.")
        )
    values = {
        "module": module,
        "title": " ".join(title.split()),
        "starts_at": starts_at,
        "ends_at": ends_at,
        "venue": venue.strip(),
        "online_link": online_link.strip(),
    }
    _check_session(cohort=cohort, values=values, trainers=trainers)
    unaccredited = accreditation.unaccredited_to_record(
        cohort=cohort, trainers=trainers, module_ids=[module.pk], reason=unaccredited_reason
    )
    if session is None:
        with transaction.atomic():
            session = TrainingSession.objects.create(cohort=cohort, created_by=by, **values)
            session.trainers.set(trainers)
            accreditation.unaccredited_assignments_record(
                cohort=cohort, trainers=unaccredited, reason=unaccredited_reason, by=by
            )
            _lock_cohort(cohort)
            # One more session of the module: everyone's share of it drops.
            _report_shares(cohort=cohort, module=module, by=by)
            audit(
                instance=session,
                action="trainers.session.created",
                user=by,
                data={
                    "cohort": cohort.pk,
                    "module": module.code,
                    "title": values["title"],
                    "starts_at": starts_at.isoformat(),
                },
            )
            if announce:
                _announce(session, "scheduled")
        return session
    old_module = session.module
    changed = [name for name, value in values.items() if getattr(session, name) != value]
    moved = any(name in MOVE_FIELDS for name in changed)
    previous_start = session.starts_at
    with transaction.atomic():
        # The row held: a cancellation or another move at the same moment comes before or
        # after this one, never in between (each move raises the sequence by one).
        sequence, cancelled_at = (
            TrainingSession.objects.select_for_update()
            .values_list("sequence", "cancelled_at")
            .get(pk=session.pk)
        )
        if cancelled_at is not None:
            raise ValidationError(
                _("This session was cancelled and cannot be changed. Schedule a new one instead.")
            )
        for name, value in values.items():
            setattr(session, name, value)
        fields = list(values)
        if moved:
            # Calendars keep the file with the highest sequence: the move replaces the event.
            session.sequence = sequence + 1
            fields.append("sequence")
            if timezone.localdate(previous_start) != timezone.localdate(starts_at):
                # A new day: its own reminder the day before.
                session.reminded_at = None
                fields.append("reminded_at")
        session.save(update_fields=fields)
        session.trainers.set(trainers)
        accreditation.unaccredited_assignments_record(
            cohort=cohort, trainers=unaccredited, reason=unaccredited_reason, by=by
        )
        audit(
            instance=session,
            action="trainers.session.updated",
            user=by,
            data={"changed": changed},
        )
        if moved:
            # "It was on …" only when the time moved (not for a new venue alone).
            details = {}
            if previous_start != session.starts_at:
                details["previous_starts_at"] = previous_start.isoformat()
            if announce:
                _announce(session, "moved", **details)
        if old_module.pk != module.pk:
            # The session (and its marks) now counts for the other module.
            _lock_cohort(cohort)
            _report_shares(cohort=cohort, module=old_module, by=by)
            _report_shares(cohort=cohort, module=module, by=by)
    return session


def session_create(*, cohort: Cohort, **fields) -> TrainingSession:
    """A new session of ``cohort``: ``session_save`` without a session, as the seeders call
    it."""
    return session_save(cohort=cohort, **fields)


def session_cancel(*, session: TrainingSession, by, reason: str = "") -> TrainingSession:
    """Cancel ``session``: it stays listed (as cancelled) with whatever attendance was taken,
    counts towards no one's share (those of its module are recomputed and reported) and
    takes no more attendance; calendars get it as cancelled. Its learners are told, in their
    language, when it had not ended. ``reason`` is optional and shown to them. A session
    already cancelled, or a reason too long, is refused (``ValidationError``), nothing
    written."""
    reason = " ".join((reason or "").split())
    if len(reason) > CANCEL_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": _("Keep the reason under %(limit)d characters.")
                % {"limit": CANCEL_REASON_MAX_LENGTH}
            }
        )
    cohort = session.cohort
    with transaction.atomic():
        _lock_cohort(cohort)
        locked = TrainingSession.objects.select_for_update().get(pk=session.pk)
        if locked.is_cancelled:
            raise ValidationError(_("This session is already cancelled."))
        locked.cancelled_at = timezone.now()
        locked.cancelled_by = by
        locked.cancellation_reason = reason
        locked.sequence += 1
        locked.save(
            update_fields=["cancelled_at", "cancelled_by", "cancellation_reason", "sequence"]
        )
        audit(
            instance=locked,
            action="trainers.session.cancelled",
            user=by,
            data={
                "cohort": cohort.pk,
                "title": locked.title,
                "starts_at": locked.starts_at.isoformat(),
                "reason": reason,
                "attendance": has_attendance(locked),
            },
        )
        # The session no longer counts: shares of its module are recomputed without it.
        _report_shares(cohort=cohort, module=locked.module, by=by)
        _announce(locked, "cancelled")
    locked.cohort = cohort
    return locked


def session_delete(*, session: TrainingSession, by) -> None:
    """Delete a session that has no attendance (attendance is evidence: correct it instead)."""
    cohort, module = session.cohort, session.module
    with transaction.atomic():
        _lock_cohort(cohort)
        if has_attendance(session):
            raise ValidationError(
                _("Attendance has been taken for this session, so it cannot be deleted.")
            )
        # Logged on the cohort: the session's own entry would point at nothing.
        audit(
            instance=session.cohort,
            action="trainers.session.deleted",
            user=by,
            data={
                "session": session.pk,
                "title": session.title,
                "module": session.module_id,
                "starts_at": session.starts_at.isoformat(),
            },
        )
        session.delete()
        # One session fewer: shares of the module rise.
        _report_shares(cohort=cohort, module=module, by=by)


# --- Attendance -----------------------------------------------------------------------------


@dataclass
class MarkResult:
    """What ``attendance_mark`` changed."""

    created: int = 0
    corrected: int = 0
    unchanged: int = 0
    #: Members whose share for the module changed and was reported to learning.
    reported: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def changed(self) -> int:
        return self.created + self.corrected


def _lock_cohort(cohort: Cohort) -> None:
    # Shares are computed from all of the cohort's marks for a module: two saves at once
    # (two trainers on two sessions) would each report a share missing the other's marks.
    # Holding the cohort's row for the transaction puts them one after the other.
    list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk"))


def attendance_mark(*, session: TrainingSession, marks: Mapping[int, str], by) -> MarkResult:
    """Record attendance at ``session``: ``marks`` maps user ids to a status (present,
    absent, excused). An upsert, all or nothing: every user must be a current member of the
    session's cohort (else ``NotInCohort``, nothing written) and every status known (else
    ``ValidationError``). Each change of an existing mark is logged with the old and new
    status; the marking itself once. Shares that changed are reported to learning, so a
    blended module completes once the learner has attended enough."""
    try:
        marks = {int(user_id): status for user_id, status in marks.items()}
    except (TypeError, ValueError):
        raise NotInCohort from None
    if any(status not in Attendance.Status.values for status in marks.values()):
        raise ValidationError(_("Choose present, absent or excused."))
    refused = _("This session was cancelled: it takes no attendance.")
    if session.is_cancelled:
        raise SessionCancelled(refused)
    result = MarkResult(counts=dict.fromkeys(Attendance.Status.values, 0))
    if not marks:
        return result
    cohort = session.cohort
    with transaction.atomic():
        _lock_cohort(cohort)
        # Cancelling holds the cohort too: asked under the lock, a cancellation that came
        # first is seen, however old the caller's copy of the session.
        if TrainingSession.objects.filter(pk=session.pk, cancelled_at__isnull=False).exists():
            raise SessionCancelled(refused)
        members = set(
            CohortMember.objects.filter(
                cohort=cohort, user_id__in=marks, removed_at__isnull=True
            ).values_list("user_id", flat=True)
        )
        if len(members) != len(marks):
            raise NotInCohort
        before = dict(
            Attendance.objects.filter(session=session, user_id__in=marks).values_list(
                "user_id", "status"
            )
        )
        now = timezone.now()
        changed = {uid: status for uid, status in marks.items() if before.get(uid) != status}
        for status in marks.values():
            result.counts[status] += 1
        result.unchanged = len(marks) - len(changed)
        if not changed:
            return result
        # One statement whatever the number of rows; ON CONFLICT makes a mark saved at the
        # same moment by someone else an update rather than an integrity error.
        Attendance.objects.bulk_create(
            [
                Attendance(session=session, user_id=uid, status=status, marked_by=by, marked_at=now)
                for uid, status in changed.items()
            ],
            update_conflicts=True,
            unique_fields=["session", "user"],
            update_fields=["status", "marked_by", "marked_at"],
        )
        for uid, status in sorted(changed.items()):
            if uid in before:
                result.corrected += 1
                audit(
                    instance=session,
                    action="trainers.attendance.corrected",
                    user=by,
                    data={"user": uid, "from": before[uid], "to": status},
                )
        result.created = len(changed) - result.corrected
        audit(
            instance=session,
            action="trainers.attendance.marked",
            user=by,
            data={
                "marked": len(changed),
                "created": result.created,
                "corrected": result.corrected,
                "counts": result.counts,
            },
        )
        result.reported = _report_shares(cohort=cohort, module=session.module, by=by)
    return result


def _share(*, present: int, counted: int) -> int:
    """Whole per cent, half up (integer arithmetic: no float or banker's rounding)."""
    if counted <= 0:
        return 0
    return (200 * present + counted) // (2 * counted)


def attendance_shares(
    *, cohort: Cohort, user_ids: Iterable[int], module_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], int]:
    """Each given member's attendance share for each module (all of the cohort's when
    ``module_ids`` is None) that has a session in the cohort, keyed ``(user_id, module_id)``;
    modules without one (cancelled ones left out) are absent from the result. Two queries,
    whatever the number of members: the sessions per module, and one aggregate of the
    members' marks."""
    user_ids = list(user_ids)
    sessions = TrainingSession.objects.filter(cohort=cohort, cancelled_at__isnull=True)
    if module_ids is not None:
        sessions = sessions.filter(module_id__in=list(module_ids))
    scheduled = dict(
        sessions.order_by()
        .values("module_id")
        .annotate(n=Count("pk"))
        .values_list("module_id", "n")
    )
    if not scheduled or not user_ids:
        return {}
    marks = (
        Attendance.objects.filter(
            session__cohort=cohort,
            session__module_id__in=list(scheduled),
            session__cancelled_at__isnull=True,
            user_id__in=user_ids,
        )
        .order_by()
        .values("user_id", "session__module_id")
        .annotate(
            present=Count("pk", filter=Q(status=Attendance.Status.PRESENT)),
            excused=Count("pk", filter=Q(status=Attendance.Status.EXCUSED)),
        )
        .values_list("user_id", "session__module_id", "present", "excused")
    )
    counts = {(uid, mid): (present, excused) for uid, mid, present, excused in marks}
    shares = {}
    for uid in user_ids:
        for module_id, total in scheduled.items():
            present, excused = counts.get((uid, module_id), (0, 0))
            shares[(uid, module_id)] = _share(present=present, counted=total - excused)
    return shares


def _report_shares(*, cohort: Cohort, module: TrainingModulePage, by) -> int:
    """Recompute the module's share of every current member (a new or deleted session
    changes everyone's) and report those that changed to learning. Returns how many were
    reported."""
    user_ids = list(member_user_ids(cohort).values_list("user_id", flat=True))
    if not user_ids:
        return 0
    shares = attendance_shares(cohort=cohort, user_ids=user_ids, module_ids=[module.pk])
    changed = {}
    for (_uid, _mid), enrollment in progress_rows(
        user_ids=user_ids, module_ids=[module.pk]
    ).items():
        # No session of the module left here (the last one deleted or moved away): what
        # was reported before no longer stands.
        share = shares.get((enrollment.user_id, module.pk), 0)
        if share != (enrollment.attendance_share or 0):
            changed[enrollment.user_id] = share
    if not changed:
        return 0
    # One call for all of them: a fixed number of statements whatever the cohort's size.
    return enrollments_record_attendance(module=module, shares=changed, by=by)


# --- Reads: sessions, the grid, the attendance sheet and its export -------------------------


def has_attendance(session: TrainingSession) -> bool:
    """Whether attendance was taken at ``session`` (which then cannot be deleted)."""
    return Attendance.objects.filter(session=session).exists()


def cohort_sessions(cohort: Cohort) -> tuple[list[TrainingSession], list[TrainingSession]]:
    """The cohort's sessions still to end (soonest first) and those that ended (latest
    first), each with ``marked`` and ``present`` counts — one query."""
    rows = list(
        TrainingSession.objects.filter(cohort=cohort)
        .select_related("module")
        .annotate(
            marked=Count("attendance"),
            present=Count("attendance", filter=Q(attendance__status=Attendance.Status.PRESENT)),
        )
        .order_by("starts_at", "pk")
    )
    now = timezone.now()
    return [s for s in rows if s.ends_at >= now], [s for s in rows if s.ends_at < now][::-1]


@dataclass
class Grid:
    """The attendance grid of a session: each current member with their mark (or None)."""

    rows: list[tuple[CohortMember, str | None]]
    counts: dict[str, int]

    @property
    def unmarked(self) -> int:
        return sum(1 for _member, status in self.rows if not status)


def attendance_grid(*, session: TrainingSession, members: Iterable[CohortMember]) -> Grid:
    """``members`` with their marks at ``session`` and the count of each status — one query
    besides the members'."""
    marks = dict(Attendance.objects.filter(session=session).values_list("user_id", "status"))
    rows = [(member, marks.get(member.user_id)) for member in members]
    counts = dict.fromkeys(Attendance.Status.values, 0)
    for _member, status in rows:
        if status:
            counts[status] += 1
    return Grid(rows=rows, counts=counts)


@dataclass
class SheetRow:
    member: CohortMember
    #: One status (or None: not marked) per session, in the sheet's session order.
    statuses: list[str | None]
    #: One share (or None: no session of the module) per module, in the sheet's module order.
    shares: list[int | None]


@dataclass
class Sheet:
    sessions: list[TrainingSession]
    modules: list[TrainingModulePage]
    rows: list[SheetRow]


def attendance_sheet(*, cohort: Cohort, members: Iterable[CohortMember]) -> Sheet:
    """Learners by sessions with statuses, and each learner's share per module, for the given
    members (a page of the sheet, or all for an export) — four queries whatever their number."""
    members = list(members)
    sessions = list(
        TrainingSession.objects.filter(cohort=cohort)
        .select_related("module")
        .order_by("starts_at", "pk")
    )
    modules = cohort_modules(cohort)
    user_ids = [member.user_id for member in members]
    marks = {}
    if sessions and user_ids:
        marks = {
            (uid, sid): status
            for uid, sid, status in Attendance.objects.filter(
                session__cohort=cohort, user_id__in=user_ids
            ).values_list("user_id", "session_id", "status")
        }
    shares = attendance_shares(cohort=cohort, user_ids=user_ids) if sessions else {}
    rows = [
        SheetRow(
            member=member,
            statuses=[marks.get((member.user_id, session.pk)) for session in sessions],
            shares=[shares.get((member.user_id, module.pk)) for module in modules],
        )
        for member in members
    ]
    return Sheet(sessions=sessions, modules=modules, rows=rows)


def attendance_export_log(*, cohort: Cohort, fmt: str, rows: int, by) -> None:
    """Record who exported the cohort's attendance, in which format, and how many rows."""
    with transaction.atomic():
        audit(
            instance=cohort,
            action="trainers.export.attendance",
            user=by,
            data={"format": fmt, "rows": rows},
        )
