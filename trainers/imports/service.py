"""Importing learners into a cohort from a spreadsheet (CSV or XLSX): storing the check, and
writing a confirmed import.

Two steps. ``import_check`` reads the whole file, checks every row (``rows.py``) and stores
the result in a ``CohortImport`` — rows to create, rows matching existing accounts, errors by
line and column — without writing anything else. ``import_confirm`` then writes an error-free
import all or nothing: accounts (through accounts' bulk service), cohort members, enrollments
in the cohort's modules (through learning's bulk service), invitations on commit (by email,
or by SMS to those known by a mobile number alone). Large files go to a background task whose
progress the page polls.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import User
from lms.accounts.services import Invitee, invitations_send_many, users_invite_many
from lms.core.audit import audit
from modules.learning.models import Enrollment
from modules.learning.services import LearningError, enrollments_create_many

# tasks imports this package: the task is reached as an attribute at call time.
from .. import access, tasks
from ..models import Cohort, CohortImport, CohortMember
from ..services import cohort_modules
from .rows import check_rows, chunks, import_summary
from .sheet import read_learners

logger = logging.getLogger(__name__)

#: Imports of more rows run as a background task with a progress bar.
IMPORT_INLINE_LIMIT = 200
#: Rows written per step of an import (and per progress report).
IMPORT_CHUNK = 500

#: Audit actions of imports, registered by ``trainers/wagtail_hooks.py``.
IMPORT_LOG_ACTIONS = [
    ("trainers.import.checked", gettext_lazy("Spreadsheet of learners checked")),
    ("trainers.import.confirmed", gettext_lazy("Spreadsheet import confirmed")),
    ("trainers.import.done", gettext_lazy("Learners imported from a spreadsheet")),
    ("trainers.import.failed", gettext_lazy("Spreadsheet import failed")),
]


def import_check(*, cohort: Cohort, by, data: bytes, filename: str) -> CohortImport:
    """Read and check a whole spreadsheet of learners for ``cohort``; store the outcome for
    the preview. Raises ``SpreadsheetError`` when the file cannot be used at all. Nothing
    outside the returned ``CohortImport`` (and its audit entry) is written."""
    sheet = read_learners(data=data, filename=filename)
    rows, error_count = check_rows(sheet=sheet, cohort=cohort, by=by)
    with transaction.atomic():
        cohort_import = CohortImport.objects.create(
            cohort=cohort,
            created_by=by,
            filename=filename[:255],
            encoding=sheet.encoding,
            rows=rows,
            total=len(rows),
            status=CohortImport.Status.VALIDATED,
        )
        audit(
            instance=cohort,
            action="trainers.import.checked",
            user=by,
            data={
                "import": str(cohort_import.pk),
                "filename": cohort_import.filename,
                "encoding": sheet.encoding,
                "rows": len(rows),
                "errors": error_count,
                "problem_lines": sum(1 for row in rows if row.get("errors")),
            },
        )
    return cohort_import


# --- Writing --------------------------------------------------------------------------------


def cohort_members_add_many(
    *, cohort: Cohort, user_ids, by, source: str = Enrollment.Source.IMPORT
) -> int:
    """``services.cohort_members_add`` for many learners in a few statements: members are
    bulk-inserted (removed ones come back), then enrolled in the cohort's modules through
    learning's bulk service. The caller checked that they are in scope. Returns how many
    joined."""
    ids = sorted({int(pk) for pk in user_ids})
    if not ids:
        return 0
    with transaction.atomic():
        for chunk in chunks(ids):
            if User.objects.filter(pk__in=chunk).exclude(state_id=cohort.state_id).exists():
                raise ValidationError(_("Some of these people are not in the cohort's state."))
        current: dict[int, object] = {}
        for chunk in chunks(ids):
            current.update(
                CohortMember.objects.filter(cohort=cohort, user_id__in=chunk).values_list(
                    "user_id", "removed_at"
                )
            )
        back = [pk for pk, removed_at in current.items() if removed_at is not None]
        for chunk in chunks(back):
            CohortMember.objects.filter(cohort=cohort, user_id__in=chunk).update(removed_at=None)
        new = [pk for pk in ids if pk not in current]
        CohortMember.objects.bulk_create(
            [CohortMember(cohort=cohort, user_id=pk, added_by=by) for pk in new],
            batch_size=1000,
            # A trainer adding the same person by hand meanwhile is no error.
            ignore_conflicts=True,
        )
        for module in cohort_modules(cohort):
            try:
                enrollments_create_many(user_ids=ids, module=module, source=source, by=by)
            except LearningError as error:  # an unpublished module: say which
                raise ValidationError(f"{module.code}: {error.message}") from None
        joined = len(new) + len(back)
        if joined:
            audit(
                instance=cohort,
                action="trainers.cohort.members_added",
                user=by,
                data={"users": new + back, "source": source},
            )
    return joined


class _Progress:
    """Reports done/total while the import's transaction is still open. On PostgreSQL it
    writes through a connection of its own (autocommit), so the page polling the import sees
    the bar move; the import transaction never touches that row until it ends, so the two
    cannot wait on each other. SQLite allows one writer at a time: there the bar jumps at the
    end."""

    def __init__(self, cohort_import: CohortImport):
        self.pk = cohort_import.pk
        self.side = None
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            self.side = connections.create_connection("default")

    def report(self, done: int) -> None:
        if self.side is None:
            return
        with self.side.cursor() as cursor:
            cursor.execute(
                f"UPDATE {CohortImport._meta.db_table} SET done = %s WHERE id = %s",  # noqa: S608
                [done, self.pk],
            )

    def close(self) -> None:
        if self.side is not None:
            self.side.close()


def import_confirm(*, cohort_import: CohortImport, by) -> CohortImport:
    """Start writing a checked, error-free import. Claimed with a conditional update, so a
    double click or a second tab never imports twice (the second call changes nothing and
    returns the import as it is). Small files are written now; large ones by a task."""
    if import_summary(cohort_import).errors:
        raise ValidationError(_("Correct the errors in the file and upload it again."))
    inline = cohort_import.total <= IMPORT_INLINE_LIMIT
    with transaction.atomic():
        claimed = CohortImport.objects.filter(
            pk=cohort_import.pk, status=CohortImport.Status.VALIDATED
        ).update(status=CohortImport.Status.RUNNING if inline else CohortImport.Status.QUEUED)
        if claimed:
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.confirmed",
                user=by,
                data={"import": str(cohort_import.pk), "rows": cohort_import.total},
            )
            if not inline:
                pk = str(cohort_import.pk)
                transaction.on_commit(lambda: tasks.run_cohort_import.enqueue(import_id=pk))
    if claimed and inline:
        _run(cohort_import, by=by)
    cohort_import.refresh_from_db()
    return cohort_import


def import_run(*, import_id) -> CohortImport | None:
    """Write a queued import (the background task). Claimed from "queued" to "running" with a
    conditional update: a task delivered twice runs once."""
    claimed = CohortImport.objects.filter(pk=import_id, status=CohortImport.Status.QUEUED).update(
        status=CohortImport.Status.RUNNING
    )
    cohort_import = (
        CohortImport.objects.select_related("cohort__state", "created_by")
        .filter(pk=import_id)
        .first()
    )
    if claimed and cohort_import is not None:
        _run(cohort_import, by=cohort_import.created_by)
    return cohort_import


def import_abandoned(*, import_id, requeued: bool) -> int:
    """The worker running import ``import_id`` stopped mid-task (``recover_tasks``). Its write
    was one transaction, so nothing of it was kept: a task queued again finds the import queued
    again; otherwise the import is marked failed, and the trainer confirms it anew. Returns the
    number of imports changed (0 when it had already finished)."""
    with transaction.atomic():
        cohort_import = (
            CohortImport.objects.select_for_update()
            .select_related("cohort")
            .filter(pk=import_id, status=CohortImport.Status.RUNNING)
            .first()
        )
        if cohort_import is None:
            return 0
        if requeued:
            cohort_import.status, cohort_import.done = CohortImport.Status.QUEUED, 0
            cohort_import.save(update_fields=["status", "done"])
            return 1
        message = _("The import was interrupted; nothing was imported. Confirm it again.")
        cohort_import.status, cohort_import.done = CohortImport.Status.FAILED, 0
        cohort_import.error, cohort_import.finished_at = message, timezone.now()
        cohort_import.save(update_fields=["status", "done", "error", "finished_at"])
        audit(
            instance=cohort_import.cohort,
            action="trainers.import.failed",
            data={"import": str(cohort_import.pk), "error": message},
        )
    return 1


def _run(cohort_import: CohortImport, *, by) -> None:
    """Write a claimed import, all or nothing. On failure nothing is kept but the import's
    status and reason."""
    progress = _Progress(cohort_import)
    try:
        with transaction.atomic():
            created, withheld = _write(cohort_import, by=by, progress=progress)
            CohortImport.objects.filter(pk=cohort_import.pk).update(
                status=CohortImport.Status.DONE,
                done=cohort_import.total,
                created_accounts=created,
                finished_at=timezone.now(),
                error="",
            )
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.done",
                user=by,
                data={
                    "import": str(cohort_import.pk),
                    "rows": cohort_import.total,
                    "created": created,
                    "withheld": withheld,
                },
            )
    except Exception as error:
        logger.exception("Import %s failed", cohort_import.pk)
        message = (
            " ".join(error.messages)
            if isinstance(error, ValidationError)
            else _("The import stopped on an unexpected error; nothing was imported.")
        )
        with transaction.atomic():
            CohortImport.objects.filter(
                pk=cohort_import.pk, status=CohortImport.Status.RUNNING
            ).update(
                status=CohortImport.Status.FAILED, done=0, error=message, finished_at=timezone.now()
            )
            audit(
                instance=cohort_import.cohort,
                action="trainers.import.failed",
                user=by,
                data={"import": str(cohort_import.pk), "error": message},
            )
    finally:
        progress.close()


def _write(cohort_import: CohortImport, *, by, progress: _Progress) -> tuple[int, int]:
    """Write the rows; returns (accounts created, rows withheld)."""
    cohort = cohort_import.cohort
    rows = cohort_import.rows
    if any(row.get("errors") for row in rows):
        raise ValidationError(_("Correct the errors in the file and upload it again."))
    # The file was checked a while ago: accounts may have appeared or left the trainer's
    # scope since. Then nothing is written and the trainer checks the file again.
    changed = ValidationError(
        _("Accounts changed since the file was checked. Upload it again to check it anew.")
    )
    addable_accounts = access.addable_accounts(by=by, target=cohort)
    matched = [row["user_id"] for row in rows if row["user_id"]]
    addable = set()
    for chunk in chunks(matched):
        addable.update(addable_accounts.filter(pk__in=chunk).values_list("pk", flat=True))
    if len(addable) != len(set(matched)):
        raise changed
    # A "new" row whose address or number an account uses: one the trainer may add appeared
    # since the check (checked anew, as above); anyone else's — another state's, a closed
    # one — was shown as new in the preview and is withheld now: no account, no membership,
    # no invitation, and nothing in the outcome that names it.
    unmatched = [row for row in rows if not row["user_id"]]
    taken_emails: dict[str, int] = {}
    for chunk in chunks([row["email"] for row in unmatched if row["email"]]):
        taken_emails.update(
            User.objects.annotate(address=Lower("email"))
            .filter(address__in=chunk)
            .values_list("address", "pk")
        )
    taken_phones: dict[str, int] = {}
    for chunk in chunks([row["phone"] for row in unmatched if row["phone"]]):
        taken_phones.update(User.objects.filter(phone__in=chunk).values_list("phone", "pk"))
    for chunk in chunks(sorted({*taken_emails.values(), *taken_phones.values()})):
        if addable_accounts.filter(pk__in=chunk).exists():
            raise changed

    def withheld(row: dict) -> bool:
        return row["email"] in taken_emails or row["phone"] in taken_phones

    created = 0
    done = 0
    invited: list[int] = []
    for chunk in chunks(rows, IMPORT_CHUNK):
        fresh = [row for row in chunk if not row["user_id"] and not withheld(row)]
        try:
            users = users_invite_many(
                people=[
                    Invitee(
                        email=row["email"],
                        full_name=row["full_name"],
                        district_id=row["district_id"],
                        cadre_id=row["cadre_id"],
                        designation=row["designation"],
                        phone=row["phone"],
                        line=row["line"],
                    )
                    for row in fresh
                ],
                state=cohort.state,
                by=by,
                send=False,  # one mailing for the whole file, below
            )
        except ValidationError as error:
            if error.code == "exists":
                raise changed from error
            raise
        created += len(users)
        ids = [row["user_id"] for row in chunk if row["user_id"]] + [user.pk for user in users]
        cohort_members_add_many(cohort=cohort, user_ids=ids, by=by)
        invited.extend(user.pk for user in users)
        done += len(chunk)
        progress.report(done)
    if invited:
        # After commit: mails through one connection, text messages recorded and queued one
        # by one. A mail server that is down loses no account: the error is logged and the
        # learners can still use "forgot password" (or sign in by a code sent to their number).
        transaction.on_commit(
            lambda: invitations_send_many(user_ids=invited, invited_by=by), robust=True
        )
    return created, sum(1 for row in unmatched if withheld(row))
