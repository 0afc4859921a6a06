"""Session feedback: a learner who attended a session rates it (1 to 5) and answers two
questions, once, in the 14 days after it ends; trainers, coordinators and district officers
see only aggregates of at least ``MIN_RESPONSES`` answers, never who gave which.

The rows keep the learner only so that each answers once: nothing here returns them."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import IntegrityError, transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import access
from .models import Attendance, Cohort, SessionFeedback, TrainingSession

#: How long after a session ends its learners may give feedback.
FEEDBACK_WINDOW = datetime.timedelta(days=14)

#: Fewer answers than this are not shown, so that no one's answers can be told apart.
MIN_RESPONSES = 3

RATINGS = (1, 2, 3, 4, 5)


# --- Giving feedback --------------------------------------------------------------------------


def _open_sessions(user, now) -> QuerySet[TrainingSession]:
    """Sessions ``user`` may give feedback on now, feedback given or not: of their cohorts,
    not cancelled, ended within ``FEEDBACK_WINDOW``, marked present."""
    return TrainingSession.objects.filter(
        cohort_id__in=access.learner_cohorts(user),
        cancelled_at__isnull=True,
        ends_at__lte=now,
        ends_at__gte=now - FEEDBACK_WINDOW,
        pk__in=Attendance.objects.filter(user_id=user.pk, status=Attendance.Status.PRESENT).values(
            "session_id"
        ),
    )


def feedback_state(*, user, sessions, now=None) -> dict[int, str]:
    """Session id → "due" (feedback may be given) or "given", for those of ``sessions``
    that take ``user``'s feedback now; others are left out. One query (none without
    sessions)."""
    if not sessions or not user.is_authenticated:
        return {}
    now = now or timezone.now()
    ids = [s.pk for s in sessions if not s.is_cancelled and s.ends_at <= now]
    if not ids:
        return {}
    rows = (
        _open_sessions(user, now)
        .filter(pk__in=ids)
        .values_list("pk", "feedback__user_id")
        .order_by()
    )
    state: dict[int, str] = {}
    for session_id, giver in rows:
        if giver == user.pk:
            state[session_id] = "given"
        else:
            state.setdefault(session_id, "due")
    return state


def sessions_awaiting_feedback(*, user, now=None) -> list[TrainingSession]:
    """The sessions ``user`` attended that still await their feedback, most recent first,
    with their module. One query."""
    now = now or timezone.now()
    return list(
        _open_sessions(user, now)
        .exclude(pk__in=SessionFeedback.objects.filter(user_id=user.pk).values("session_id"))
        .select_related("module")
        .order_by("-ends_at", "pk")
    )


def session_for_feedback(*, user, session_id, now=None) -> TrainingSession:
    """A session ``user`` may give feedback on now (``_open_sessions``); 404 for any other:
    another cohort's, a cancelled one, one they did not attend, one not ended or ended more
    than 14 days ago."""
    session = access.session_for_learner(user=user, session_id=session_id)
    if not _open_sessions(user, now or timezone.now()).filter(pk=session.pk).exists():
        raise Http404
    return session


def feedback_submit(*, user, session: TrainingSession, rating: int, will_use: str, pace: str):
    """Record ``user``'s feedback on ``session`` (the caller checked it with
    ``session_for_feedback``). Returns True when recorded, False when they had already given
    it (nothing changed: once per session, a second submit or a double click included)."""
    if rating not in RATINGS or will_use not in SessionFeedback.Use.values:
        raise ValueError("rating and will_use must be valid choices")
    if pace not in SessionFeedback.Pace.values:
        raise ValueError("pace must be a valid choice")
    if SessionFeedback.objects.filter(session=session, user_id=user.pk).exists():
        return False
    try:
        with transaction.atomic():
            SessionFeedback.objects.create(
                session=session, user_id=user.pk, rating=rating, will_use=will_use, pace=pace
            )
    except IntegrityError:
        # The same learner's other request got there first.
        return False
    return True


# --- Aggregates -------------------------------------------------------------------------------


@dataclass
class FeedbackSummary:
    """Counts of a group of answers; the averages and shares are derived, and ``shown`` only
    from ``MIN_RESPONSES`` answers."""

    count: int = 0
    rating_total: int = 0
    ratings: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATINGS, 0))
    will_use: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(SessionFeedback.Use.values, 0)
    )
    pace: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(SessionFeedback.Pace.values, 0)
    )

    @property
    def shown(self) -> bool:
        return self.count >= MIN_RESPONSES

    @property
    def avg_rating(self) -> float | None:
        return round(self.rating_total / self.count, 1) if self.count else None

    def _share(self, n: int) -> int:
        return round(100 * n / self.count) if self.count else 0

    @property
    def rating_rows(self) -> list[tuple[int, int, int]]:
        """(rating, answers, percent) from 5 down to 1."""
        return [(r, self.ratings[r], self._share(self.ratings[r])) for r in reversed(RATINGS)]

    @property
    def will_use_rows(self) -> list[tuple[str, int, int]]:
        """(label, answers, percent) per answer to "will you use it"."""
        return [
            (label, self.will_use[value], self._share(self.will_use[value]))
            for value, label in SessionFeedback.Use.choices
        ]

    @property
    def pace_rows(self) -> list[tuple[str, int, int]]:
        """(label, answers, percent) per answer about the pace."""
        return [
            (label, self.pace[value], self._share(self.pace[value]))
            for value, label in SessionFeedback.Pace.choices
        ]

    def __add__(self, other: FeedbackSummary) -> FeedbackSummary:
        """Both groups' answers together (as ``evidence.Gain`` adds up)."""
        return FeedbackSummary(
            count=self.count + other.count,
            rating_total=self.rating_total + other.rating_total,
            ratings={r: self.ratings[r] + other.ratings[r] for r in self.ratings},
            will_use={v: self.will_use[v] + other.will_use[v] for v in self.will_use},
            pace={v: self.pace[v] + other.pace[v] for v in self.pace},
        )

    def add(self, rating: int, will_use: str, pace: str, n: int) -> None:
        self.count += n
        self.rating_total += rating * n
        self.ratings[rating] += n
        self.will_use[will_use] += n
        self.pace[pace] += n


def _answers(cohorts: QuerySet[Cohort], learner_districts=None) -> QuerySet[SessionFeedback]:
    rows = SessionFeedback.objects.filter(session__cohort__in=cohorts.values("pk"))
    if learner_districts is not None:
        rows = rows.filter(user__district_id__in=learner_districts)
    return rows


def _summaries(rows: QuerySet[SessionFeedback], key: str) -> dict:
    """``rows`` counted per ``key`` and answer combination (one query; at most 45 rows a
    key), folded into a summary per key."""
    result: dict = defaultdict(FeedbackSummary)
    for row in rows.values(key, "rating", "will_use", "pace").annotate(n=Count("pk")).order_by():
        result[row[key]].add(row["rating"], row["will_use"], row["pace"], row["n"])
    return dict(result)


def feedback_by_session(
    *, cohorts: QuerySet[Cohort], learner_districts=None
) -> dict[int, FeedbackSummary]:
    """Session id → ``FeedbackSummary`` over ``cohorts``' sessions. One query."""
    return _summaries(_answers(cohorts, learner_districts), "session_id")


def feedback_by_cohort(
    *, cohorts: QuerySet[Cohort], learner_districts=None
) -> dict[int, FeedbackSummary]:
    """Cohort id → ``FeedbackSummary``. One query."""
    return _summaries(_answers(cohorts, learner_districts), "session__cohort_id")


def feedback_for_cohort(cohort: Cohort, *, learner_districts=None) -> FeedbackSummary:
    """All the answers on ``cohort``'s sessions. One query."""
    cohorts = Cohort.objects.filter(pk=cohort.pk)
    return feedback_by_cohort(cohorts=cohorts, learner_districts=learner_districts).get(
        cohort.pk, FeedbackSummary()
    )


def feedback_by_trainer(
    *, cohorts: QuerySet[Cohort], learner_districts=None
) -> dict[int, FeedbackSummary]:
    """Trainer id → ``FeedbackSummary`` of the sessions they ran (a session with two
    trainers counts for both). One query."""
    rows = _answers(cohorts, learner_districts).filter(session__trainers__isnull=False)
    return _summaries(rows, "session__trainers")


#: Shown beside aggregates, or instead of them when there are too few answers.
THRESHOLD_NOTE = _("Shown from 3 responses, so that no one's answers can be told apart.")
