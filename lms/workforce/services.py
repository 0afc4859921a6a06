"""Writing the posts of the workforce: one correction (``post_count_set``), and a spreadsheet of
a month's posts, checked first (``posts_import_check``) and written all or nothing when the
person confirms the preview (``posts_import_confirm``).

A figure describes a month. Writing the figures of a month creates that month's row or
corrects it; the rows of other months stay as they were, so the history is kept.

Between the preview and the confirmation the checked rows travel as a signed token (Django's
``signing``: HMAC with the secret key, bound to the state, the person and the month, and
valid for ``CHECK_MAX_AGE`` seconds). Nothing the browser sends besides that token is read,
and the confirmation checks the rows again and refuses when the figures changed meanwhile.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.accounts.models import Cadre
from lms.core.audit import audit, audit_many
from lms.core.errors import DomainError
from lms.geography.models import District, State

from . import signals
from .imports import MAX_POSTS, NOTE_MAX_LENGTH, CheckedFile, CheckedRow, check_rows, read_posts
from .models import PostCount
from .selectors import posts_as_of

#: Audit actions, registered by ``wagtail_hooks.py``.
LOG_ACTIONS = [
    ("workforce.postcount.set", gettext_lazy("Posts corrected")),
    ("workforce.postcount.imported", gettext_lazy("Posts imported from a spreadsheet")),
    ("workforce.import.confirmed", gettext_lazy("Spreadsheet of posts imported")),
]

#: How long a checked file may wait for its confirmation, in seconds.
CHECK_MAX_AGE = 2 * 60 * 60
_SALT = "lms.workforce.posts-import"
#: Rows written per statement.
BATCH = 500


class WorkforceError(DomainError):
    """A write of posts the rules refuse."""


# --- One correction -------------------------------------------------------------------------


def _announce(state: State, month: datetime.date) -> None:
    """Send ``signals.posts_changed`` once the current transaction commits."""
    transaction.on_commit(
        lambda: signals.posts_changed.send(sender=PostCount, state_id=state.pk, month=month)
    )


def post_count_set(
    *,
    state: State,
    district: District | None,
    cadre: Cadre,
    month: datetime.date,
    sanctioned: int,
    filled: int,
    note: str = "",
    by=None,
    source: str = PostCount.Source.FORM,
) -> PostCount:
    """Record the posts of ``cadre`` in ``district`` (None: the state's own units) for
    ``month``: the month's row is created, or corrected if it exists; other months are not
    touched. Raises ``ValidationError`` (by field) for figures the rules refuse."""
    month = month.replace(day=1)
    errors: dict[str, str] = {}
    if district is not None and district.state_id != state.pk:
        errors["district"] = _("This district is not in %(state)s.") % {"state": state.name}
    for name, value in (("sanctioned", sanctioned), ("filled", filled)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = _("Enter a whole number, 0 or more.")
        elif value > MAX_POSTS:
            errors[name] = _("At most %(max)s posts.") % {"max": f"{MAX_POSTS:,}"}
    if not errors and filled > sanctioned:
        errors["filled"] = _("More posts filled than sanctioned.")
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("At most %(n)d characters.") % {"n": NOTE_MAX_LENGTH}
    if month > timezone.localdate().replace(day=1):
        errors["month"] = _("Figures can be recorded for this month or an earlier one.")
    if errors:
        raise ValidationError(errors)

    place = {"district": district} if district is not None else {"state": state}
    with transaction.atomic():
        post = (
            # Ordered by the key alone: the model's ordering joins the district (an outer
            # join), which PostgreSQL cannot lock.
            PostCount.objects.select_for_update()
            .filter(cadre=cadre, as_of=month, district__isnull=district is None, **place)
            .order_by("pk")
            .first()
        )
        before = (post.sanctioned, post.filled) if post else None
        if post is None:
            post = PostCount(state=state, district=district, cadre=cadre, as_of=month)
        post.sanctioned, post.filled, post.note = sanctioned, filled, note
        post.source, post.recorded_by = source, by
        try:
            with transaction.atomic():
                post.save()
        except IntegrityError:  # the same month's row, written meanwhile by someone else
            raise WorkforceError(
                _("These figures were recorded by someone else meanwhile. Try again."),
                status_code=409,
            ) from None
        audit(
            instance=post,
            action="workforce.postcount.set",
            user=by,
            data={
                "month": month.isoformat(),
                "before": list(before) if before else None,
                "after": [sanctioned, filled],
                "note": note,
            },
        )
        _announce(state, month)
    return post


# --- A spreadsheet --------------------------------------------------------------------------


@dataclass
class PostsCheck:
    """A checked file: what the preview shows, and the token its confirmation sends back
    (empty when the file has errors)."""

    state: State
    month: datetime.date
    filename: str
    encoding: str
    checked: CheckedFile
    token: str
    #: Rows whose place and cadre have figures for a later month (they stay in force then).
    later: int = 0

    @property
    def rows(self) -> list[CheckedRow]:
        return self.checked.rows

    @property
    def errors(self) -> list[dict]:
        return self.checked.errors

    def _count(self, change: str) -> int:
        return sum(1 for row in self.rows if row.change == change)

    @property
    def count_new(self) -> int:
        return self._count("new")

    @property
    def count_changed(self) -> int:
        return self._count("changed")

    @property
    def count_same(self) -> int:
        return self._count("same")


def _fingerprint(*, state: State, month: datetime.date) -> str:
    """A digest of the figures in force for ``month`` in ``state`` (every row on or before
    it): a confirmation whose figures changed since the check is refused."""
    digest = hashlib.sha256()
    for row in (
        PostCount.objects.filter(state=state, as_of__lte=month)
        .order_by("pk")
        .values_list("pk", "as_of", "sanctioned", "filled")
    ):
        digest.update(repr(row).encode())
    return digest.hexdigest()


def posts_import_check(
    *, state: State, month: datetime.date, by, data: bytes, filename: str
) -> PostsCheck:
    """Read and check a whole spreadsheet of ``state``'s posts for ``month``. Raises
    ``SpreadsheetError`` when the file cannot be used at all; otherwise returns every
    problem by line and column, or the rows with their changes and a signed token to
    confirm them. Writes nothing."""
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise ValidationError({"month": _("Choose this month or an earlier one.")})
    sheet = read_posts(data=data, filename=filename)
    before = {
        (district_id, cadre_id): figures
        for (_state_id, district_id, cadre_id), figures in posts_as_of(
            month, state_ids=[state.pk]
        ).items()
    }
    checked = check_rows(sheet=sheet, state=state, before=before)
    token = ""
    if not checked.errors:
        token = signing.dumps(
            {
                "state": state.pk,
                "by": getattr(by, "pk", None),
                "month": month.isoformat(),
                "filename": filename[:255],
                "figures": _fingerprint(state=state, month=month),
                "rows": [
                    [r.line, r.district_id, r.cadre_id, r.sanctioned, r.filled, r.note]
                    for r in checked.rows
                ],
            },
            salt=_SALT,
            compress=True,
        )
    later_places = set(
        PostCount.objects.filter(state=state, as_of__gt=month)
        .values_list("district_id", "cadre_id")
        .distinct()
    )
    return PostsCheck(
        state=state,
        month=month,
        filename=filename,
        encoding=sheet.encoding,
        checked=checked,
        token=token,
        later=sum(1 for r in checked.rows if (r.district_id, r.cadre_id) in later_places),
    )


def _stale() -> WorkforceError:
    return WorkforceError(
        _("The figures changed since the file was checked. Upload it again to check it anew."),
        status_code=409,
    )


def _rows_of(*, token: str, state: State, by) -> tuple[dict, list[tuple], dict, dict]:
    """The payload of a confirmation token, checked: signed by us, recent, for this state
    and person, and its rows valid now; with its districts and cadres by id.
    ``WorkforceError`` otherwise."""
    refused = WorkforceError(
        _("This preview is no longer valid. Upload the file again to check it anew.")
    )
    try:
        payload = signing.loads(token, salt=_SALT, max_age=CHECK_MAX_AGE)
    except signing.BadSignature:  # altered, or expired (SignatureExpired is a BadSignature)
        raise refused from None
    if payload.get("state") != state.pk or payload.get("by") != getattr(by, "pk", None):
        raise refused
    rows = [tuple(row) for row in payload["rows"]]
    district_ids = {row[1] for row in rows if row[1] is not None}
    cadre_ids = {row[2] for row in rows}
    districts = District.objects.filter(state=state, is_active=True).in_bulk(district_ids)
    cadres = Cadre.objects.in_bulk(cadre_ids)
    places = {(row[1], row[2]) for row in rows}
    if (
        set(districts) != district_ids
        or set(cadres) != cadre_ids
        or len(places) != len(rows)
        or not all(
            0 <= row[4] <= row[3] <= MAX_POSTS and len(row[5]) <= NOTE_MAX_LENGTH for row in rows
        )
    ):
        raise _stale()
    return payload, rows, districts, cadres


@dataclass(frozen=True)
class ImportDone:
    month: datetime.date
    #: Rows of the file; of them, rows created and rows corrected (the rest were the same).
    rows: int
    created: int
    changed: int


def posts_import_confirm(*, state: State, by, token: str) -> ImportDone:
    """Write the rows of a checked file (its ``PostsCheck.token``), all or nothing, in one
    transaction with bulk statements and an audit entry for the import and for each row
    written. ``WorkforceError`` when the token is not
    valid for this state and person, or the figures changed since the check."""
    payload, rows, districts, cadres = _rows_of(token=token, state=state, by=by)
    month = datetime.date.fromisoformat(payload["month"])
    now = timezone.now()
    try:
        with transaction.atomic():
            existing = {
                (post.district_id, post.cadre_id): post
                for post in PostCount.objects.select_for_update()
                .filter(state=state, as_of=month)
                .order_by("pk")
            }
            if _fingerprint(state=state, month=month) != payload["figures"]:
                raise _stale()
            new, changed = [], []
            for _line, district_id, cadre_id, sanctioned, filled, note in rows:
                post = existing.get((district_id, cadre_id))
                if post is None:
                    new.append(
                        PostCount(
                            state=state,
                            district=districts.get(district_id),
                            cadre=cadres[cadre_id],
                            as_of=month,
                            sanctioned=sanctioned,
                            filled=filled,
                            note=note,
                            source=PostCount.Source.IMPORT,
                            recorded_by=by,
                            recorded_at=now,
                        )
                    )
                elif (post.sanctioned, post.filled, post.note) != (sanctioned, filled, note):
                    # The objects already fetched: the audit labels need no query per row.
                    post.state, post.district = state, districts.get(district_id)
                    post.cadre = cadres[cadre_id]
                    post.sanctioned, post.filled, post.note = sanctioned, filled, note
                    post.source, post.recorded_by, post.recorded_at = (
                        PostCount.Source.IMPORT,
                        by,
                        now,
                    )
                    changed.append(post)
            created = PostCount.objects.bulk_create(new, batch_size=BATCH)
            PostCount.objects.bulk_update(
                changed,
                ["sanctioned", "filled", "note", "source", "recorded_by", "recorded_at"],
                batch_size=BATCH,
            )
            summary = {
                "month": month.isoformat(),
                "filename": payload.get("filename", ""),
                "rows": len(rows),
                "created": len(created),
                "changed": len(changed),
            }
            audit_many(
                instances=[*created, *changed],
                action="workforce.postcount.imported",
                user=by,
                data=summary,
            )
            audit(instance=state, action="workforce.import.confirmed", user=by, data=summary)
            _announce(state, month)
    except IntegrityError:  # a row of the month written meanwhile
        raise _stale() from None
    return ImportDone(month=month, rows=len(rows), created=len(created), changed=len(changed))
