"""The training-of-trainers cascade of a state: who trained whom, from the master trainers to
the frontline, how many people each trainer reached directly and through the trainers they
trained, and where it thins out.

**Who trained whom.** Trainer T trained trainer U when one of U's accreditations that is not
revoked (valid, expired or renewed: each records a training that took place) names T in its
``trained_by``. A state's tree is every trainer with such an accreditation in the state, and
the trainers above them (national master trainers, or a trainer of another state who trained
there); its roots are those with nobody above them in the tree.

**Reach.** A trainer's direct reach is the people who are current members (not removed) of the
state's learner cohorts where the trainer ran at least one session that was not cancelled (or,
for a cohort with no sessions at all, is one of its trainers): "trained"; and those of them
holding a certificate valid today in one of that cohort's modules: "certified". Members of
training-of-trainers cohorts are not counted there: once accredited they are trainers, below
their trainers in the tree. A trainer's downstream reach is the people in the direct reach of
the trainer or of anyone below them, each person once however many trainers reached them.

**Cost.** ``state_cascade`` reads everything in ten queries whatever the state's size (its
accreditations, the trained-by pairs, the cohorts' trainer pairs, their members, their
modules, the members' valid certificates in them, the state's districts, its posts, the
cadres with required training and the people registered), then builds the tree in Python,
with each set of people as the bits of an integer (``Bits``).
"""

from __future__ import annotations

import datetime
import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification.models import Certificate
from certification.selectors import valid_on
from lms.accounts.models import User
from lms.geography.models import District, State
from lms.geography.names import name_in_language
from lms.workforce.selectors import posts_as_of
from modules.content.models import RequiredTraining
from modules.content.selectors import required_training

from .models import Accreditation, Cohort, CohortMember, CohortModule, TrainingSession

#: Thin spots: an accreditation expiring within this many days; a trainer accredited this long
#: ago who has reached nobody.
EXPIRING_DAYS = 90
IDLE_DAYS = 90

Level = Accreditation.Level
#: The order of the levels, the highest first (a trainer with several accreditations sits at
#: the highest of them).
LEVEL_RANK = {Level.NATIONAL: 0, Level.STATE: 1, Level.DISTRICT: 2}
FRONTLINE = "frontline"


@dataclass(frozen=True)
class Held:
    """An accreditation (not revoked) as the cascade reads it: plain values, not a model
    instance (five hundred of those with their places cost more than the rest of the page)."""

    id: object
    trainer_id: int
    name: str
    standard_name: str
    level: str
    state_id: int | None
    state_name: str
    state_names: dict | None
    district_id: int | None
    district_name: str
    district_names: dict | None
    granted_at: datetime.datetime
    valid_until: datetime.date
    superseded_at: datetime.datetime | None

    def status_on(self, day: datetime.date) -> str:
        """``Accreditation.status_on`` (a revoked one is never read)."""
        if self.superseded_at is not None:
            return Accreditation.Status.SUPERSEDED
        if day > self.valid_until:
            return Accreditation.Status.EXPIRED
        return Accreditation.Status.VALID

    def get_level_display(self) -> str:
        return str(Level(self.level).label)

    @property
    def place(self) -> str:
        if self.district_id:
            return name_in_language(self.district_name, self.district_names)
        if self.state_id:
            return name_in_language(self.state_name, self.state_names)
        return str(_("National"))


@dataclass
class Node:
    """A trainer in the tree."""

    trainer_id: int
    name: str
    #: Their accreditation shown (the current one at the highest level, the latest first).
    accreditation: Held
    #: Its status on the cascade's day (``Accreditation.Status``).
    status: str
    #: Every accreditation of theirs in the tree, not revoked.
    accreditations: list[Held] = field(default_factory=list)
    parents: list[Node] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)
    direct_trained: int = 0
    direct_certified: int = 0
    downstream_trained: int = 0
    downstream_certified: int = 0
    #: When they were first accredited (the earliest of their accreditations in the tree).
    accredited_on: datetime.date | None = None
    #: Accredited more than IDLE_DAYS ago and nobody reached, directly or downstream.
    no_reach: bool = False
    #: Their accreditations valid today that expire within EXPIRING_DAYS.
    expiring: list[Held] = field(default_factory=list)

    @property
    def level(self) -> str:
        return self.accreditation.level

    @property
    def level_label(self) -> str:
        return self.accreditation.get_level_display()

    @property
    def place(self) -> str:
        return self.accreditation.place

    @property
    def is_valid(self) -> bool:
        return self.status == Accreditation.Status.VALID

    @property
    def status_label(self) -> str:
        return Accreditation.Status(self.status).label

    @property
    def thin(self) -> bool:
        return self.no_reach or bool(self.expiring) or not self.is_valid


@dataclass
class LevelSummary:
    """One level of the cascade: its trainers valid today, the people they reached directly
    (each once) and those certified, and its coverage where it has one."""

    level: str
    label: str
    trainers: int | None
    reached: int
    certified: int
    #: Trainers of the next level down they trained (each once).
    trainers_trained: int | None = None
    #: District trainers: districts with one; frontline: certified people.
    covered: int | None = None
    #: District trainers: the state's districts; frontline: people in post.
    out_of: int | None = None

    @property
    def coverage_percent(self) -> int | None:
        if self.covered is None or not self.out_of:
            return None
        return round(100 * self.covered / self.out_of)


@dataclass
class Row:
    """One line of the tree as the page lists it, depth first. A trainer with several
    trainers above them is listed in full under the first and named under the others
    (``listed_under``: where they are listed in full). ``closes``: how many open lists end
    after this line."""

    node: Node
    depth: int
    has_children: bool = False
    expand: bool = False
    #: Listed in full elsewhere (under ``listed_under``, or as a root when that is None).
    repeat: bool = False
    listed_under: Node | None = None
    closes: int = 0

    @property
    def close_range(self) -> range:
        return range(self.closes)


@dataclass
class Cascade:
    state: State
    day: datetime.date
    roots: list[Node]
    nodes: dict[int, Node]
    levels: list[LevelSummary]
    districts: list[District]
    districts_without_trainer: list[District]
    #: People in post in the state (the scorecard's rule; None when nobody is).
    in_post: int | None
    trained: int
    certified: int

    @property
    def no_reach(self) -> list[Node]:
        return sorted((n for n in self.nodes.values() if n.no_reach), key=_node_order)

    @property
    def expiring(self) -> list[tuple[Node, Held]]:
        return sorted(
            ((n, a) for n in self.nodes.values() for a in n.expiring),
            key=lambda pair: (pair[1].valid_until, pair[0].name),
        )

    def rows(self, *, open_depth: int = 1) -> list[Row]:
        """The tree, depth first, for nested lists (``Row``); the first ``open_depth``
        levels open."""
        rows: list[Row] = []
        placed_under: dict[int, Node | None] = {}

        def walk(node: Node, depth: int, parent: Node | None, path: frozenset[int]) -> None:
            if node.trainer_id in placed_under or node.trainer_id in path:
                rows.append(
                    Row(node, depth, repeat=True, listed_under=placed_under.get(node.trainer_id))
                )
                return
            placed_under[node.trainer_id] = parent
            path = path | {node.trainer_id}
            children = [child for child in node.children if child.trainer_id not in path]
            rows.append(Row(node, depth, has_children=bool(children), expand=depth < open_depth))
            for child in children:
                walk(child, depth + 1, node, path)
            if children:
                rows[-1].closes += 1

        for root in self.roots:
            walk(root, 0, None, frozenset())
        return rows


def _node_order(node: Node) -> tuple:
    return (LEVEL_RANK.get(node.level, 9), node.name.casefold(), node.trainer_id)


def _primary(accreditations: list[Held]) -> Held:
    """The accreditation a node shows: a current one (not renewed) before a renewed one, the
    highest level first, then the one valid longest."""
    return min(
        accreditations,
        key=lambda a: (
            a.superseded_at is not None,
            LEVEL_RANK.get(a.level, 9),
            -a.valid_until.toordinal(),
        ),
    )


def _accreditations(state: State) -> list[Held]:
    """Query 1: the accreditations (not revoked) in the state, those of national master
    trainers, and those of anyone named as a trainer of the state's trainers."""
    through = Accreditation.trained_by.through
    trainers_of_state = through.objects.filter(
        accreditation__state=state, accreditation__revoked_at__isnull=True
    ).values("user_id")
    rows = (
        Accreditation.objects.filter(revoked_at__isnull=True)
        .filter(
            Q(state=state) | Q(level=Level.NATIONAL) | Q(trainer_id__in=Subquery(trainers_of_state))
        )
        .order_by()
        .values_list(
            "id",
            "trainer_id",
            Coalesce(NullIf("trainer__full_name", Value("")), "trainer_name"),
            "standard__name",
            "level",
            "state_id",
            "state__name",
            "state__names",
            "district_id",
            "district__name",
            "district__names",
            "granted_at",
            "valid_until",
            "superseded_at",
        )
    )
    return [Held(*row) for row in rows]


def _edges(state: State) -> list[tuple[int, int]]:
    """Query 2: (trainer, trained trainer) pairs of the accreditations (not revoked) in the
    state and of the national master trainers."""
    through = Accreditation.trained_by.through
    return list(
        through.objects.filter(accreditation__revoked_at__isnull=True)
        .filter(Q(accreditation__state=state) | Q(accreditation__level=Level.NATIONAL))
        .values_list("user_id", "accreditation__trainer_id")
        .distinct()
        .order_by()
    )


def _cohort_trainers(state: State) -> list[tuple[int, int]]:
    """Query 3: (cohort, trainer) pairs of the state's learner cohorts: the trainers of its
    sessions that were not cancelled, or the cohort's trainers if it has no session."""
    learner_cohorts = _learner_cohorts(state)
    by_session = (
        TrainingSession.trainers.through.objects.filter(
            trainingsession__cohort__in=learner_cohorts.values("pk"),
            trainingsession__cancelled_at__isnull=True,
        )
        .values_list("trainingsession__cohort_id", "user_id")
        .order_by()
    )
    by_cohort = (
        Cohort.trainers.through.objects.filter(
            cohort__in=learner_cohorts.filter(
                ~Exists(TrainingSession.objects.filter(cohort=OuterRef("pk")))
            ).values("pk")
        )
        .values_list("cohort_id", "user_id")
        .order_by()
    )
    return list(by_session.union(by_cohort))


def _learner_cohorts(state: State) -> QuerySet[Cohort]:
    return Cohort.objects.filter(state=state, purpose=Cohort.Purpose.LEARNERS)


def _members(state: State) -> list[tuple[int, int]]:
    """Query 4: (cohort, learner) of the current members of the state's learner cohorts."""
    return list(
        CohortMember.objects.filter(
            cohort__in=_learner_cohorts(state).values("pk"), removed_at__isnull=True
        )
        .values_list("cohort_id", "user_id")
        .order_by()
    )


def _cohort_modules(state: State) -> list[tuple[int, int]]:
    """Query 5: (cohort, module) of the state's learner cohorts."""
    return list(
        CohortModule.objects.filter(cohort__in=_learner_cohorts(state).values("pk"))
        .values_list("cohort_id", "module_id")
        .order_by()
    )


def _certificates(state: State, day: datetime.date) -> list[tuple[int, int]]:
    """Query 6: (module, person) of the certificates valid on ``day`` of the current members
    of the state's learner cohorts, in those cohorts' modules. (An EXISTS per member took
    twice as long on PostgreSQL, a join of the members to the certificates and the cohorts'
    modules half again as long: this reads the certificates once, with two semi-joins.)"""
    cohorts = _learner_cohorts(state).values("pk")
    return list(
        Certificate.objects.filter(valid_on(day))
        .filter(
            recipient_id__in=CohortMember.objects.filter(
                cohort__in=cohorts, removed_at__isnull=True
            ).values("user_id"),
            module_id__in=CohortModule.objects.filter(cohort__in=cohorts).values("module_id"),
        )
        .values_list("module_id", "recipient_id")
        .order_by()
    )


class Bits:
    """Sets of people as the bits of one integer each: a union is an OR and a count is
    ``bit_count``, whatever the number of people (a subtree's union of Python sets cost a
    copy of every member at each level)."""

    def __init__(self) -> None:
        #: A person's bit, given on first sight.
        self.index: dict[int, int] = defaultdict(itertools.count().__next__)

    def mask(self, positions) -> int:
        data = bytearray(len(self.index) // 8 + 1)
        for position in positions:
            data[position >> 3] |= 1 << (position & 7)
        return int.from_bytes(data, "little")


def people_in_post(state: State, day: datetime.date) -> int:
    """People in post in the state, as the workforce scorecard counts them (``Figures.in_post``):
    in each cadre with required training, in each district and in the state's own units, the
    posts filled as last reported on or before ``day``'s month, or where none are reported the
    people registered there. Three queries."""
    posts = posts_as_of(day.replace(day=1), state_ids=[state.pk])
    required = set(required_training())
    registered = {
        (row["district_id"], row["cadre_id"]): row["people"]
        for row in User.objects.filter(
            is_active=True,
            state=state,
            cadre_id__in=RequiredTraining.objects.values("cadre_id"),
        )
        .order_by()
        .values("district_id", "cadre_id")
        .annotate(people=Count("pk"))
    }
    places = {(d, c) for (_s, d, c) in posts if c in required} | set(registered)
    total = 0
    for district_id, cadre_id in places:
        reported = posts.get((state.pk, district_id, cadre_id))
        total += reported[1] if reported is not None else registered.get((district_id, cadre_id), 0)
    return total


def state_cascade(state: State, *, day: datetime.date | None = None) -> Cascade:
    """The cascade of ``state`` on ``day`` (default: today in India), in ten queries."""
    day = day or timezone.localdate()
    now = timezone.now()
    accreditations = _accreditations(state)
    edges = _edges(state)
    cohort_trainers = _cohort_trainers(state)
    members = _members(state)
    cohort_modules = _cohort_modules(state)
    certificates = _certificates(state, day)
    districts = list(District.objects.filter(state=state, is_active=True).order_by("name"))
    in_post = people_in_post(state, day)

    # The nodes: the state's trainers, and the trainers above them.
    by_trainer: dict[int, list[Held]] = defaultdict(list)
    for accreditation in accreditations:
        by_trainer[accreditation.trainer_id].append(accreditation)
    parents_of: dict[int, set[int]] = defaultdict(set)
    for parent_id, child_id in edges:
        if parent_id != child_id:
            parents_of[child_id].add(parent_id)
    in_tree = {a.trainer_id for a in accreditations if a.state_id == state.pk}
    stack = list(in_tree)
    while stack:
        for parent_id in parents_of.get(stack.pop(), ()):
            if parent_id in by_trainer and parent_id not in in_tree:
                in_tree.add(parent_id)
                stack.append(parent_id)

    nodes: dict[int, Node] = {}
    for trainer_id in in_tree:
        mine = by_trainer[trainer_id]
        primary = _primary(mine)
        nodes[trainer_id] = Node(
            trainer_id=trainer_id,
            name=primary.name,
            accreditation=primary,
            status=primary.status_on(day),
            accreditations=mine,
            accredited_on=timezone.localdate(min(a.granted_at for a in mine)),
        )
    for child_id, parent_ids in parents_of.items():
        child = nodes.get(child_id)
        if child is None:
            continue
        for parent_id in parent_ids:
            parent = nodes.get(parent_id)
            if parent is not None:
                parent.children.append(child)
                child.parents.append(parent)
    for node in nodes.values():
        node.children.sort(key=_node_order)
        node.parents.sort(key=_node_order)

    # Direct reach: the people of each trainer's cohorts, as bits (``Bits``).
    holders: dict[int, set[int]] = defaultdict(set)
    for module_id, user_id in certificates:
        holders[module_id].add(user_id)
    modules_of: dict[int, list[int]] = defaultdict(list)
    for cohort_id, module_id in cohort_modules:
        modules_of[cohort_id].append(module_id)
    users_of: dict[int, list[int]] = defaultdict(list)
    for cohort_id, user_id in members:
        users_of[cohort_id].append(user_id)
    bits = Bits()
    position = bits.index
    people_of: dict[int, list[int]] = {}
    certified_of: dict[int, list[int]] = {}
    for cohort_id, users in users_of.items():
        people_of[cohort_id] = [position[user_id] for user_id in users]
        certified = set()
        for module_id in modules_of.get(cohort_id, ()):
            certified |= holders.get(module_id, set()).intersection(users)
        certified_of[cohort_id] = [position[user_id] for user_id in certified]
    cohort_people = {cohort_id: bits.mask(p) for cohort_id, p in people_of.items()}
    cohort_certified = {cohort_id: bits.mask(p) for cohort_id, p in certified_of.items()}
    direct: dict[int, int] = defaultdict(int)
    direct_certified: dict[int, int] = defaultdict(int)
    for cohort_id, trainer_id in cohort_trainers:
        if trainer_id in nodes:
            direct[trainer_id] |= cohort_people.get(cohort_id, 0)
            direct_certified[trainer_id] |= cohort_certified.get(cohort_id, 0)

    # Downstream reach: each subtree's people, from the leaves up. A trainer on a loop of
    # "trained by" (possible across standards) is counted once; the edge that would close
    # the loop is not followed.
    downstream: dict[int, tuple[int, int]] = {}

    def reach(node: Node, path: set[int]) -> tuple[int, int]:
        done = downstream.get(node.trainer_id)
        if done is not None:
            return done
        people = direct.get(node.trainer_id, 0)
        certified = direct_certified.get(node.trainer_id, 0)
        path.add(node.trainer_id)
        for child in node.children:
            if child.trainer_id in path:
                continue
            child_people, child_certified = reach(child, path)
            people |= child_people
            certified |= child_certified
        path.discard(node.trainer_id)
        downstream[node.trainer_id] = (people, certified)
        return people, certified

    idle_before = timezone.localdate(now) - datetime.timedelta(days=IDLE_DAYS)
    expiring_by = day + datetime.timedelta(days=EXPIRING_DAYS)
    for node in sorted(nodes.values(), key=_node_order):
        people, certified = reach(node, set())
        node.direct_trained = direct.get(node.trainer_id, 0).bit_count()
        node.direct_certified = direct_certified.get(node.trainer_id, 0).bit_count()
        node.downstream_trained = people.bit_count()
        node.downstream_certified = certified.bit_count()
        node.no_reach = not people and node.accredited_on < idle_before
        node.expiring = sorted(
            (
                a
                for a in node.accreditations
                if a.status_on(day) == Accreditation.Status.VALID and a.valid_until <= expiring_by
            ),
            key=lambda a: a.valid_until,
        )

    roots = sorted((n for n in nodes.values() if not n.parents), key=_node_order)
    # Trainers only on a loop of "trained by", with nobody above it, start from the first.
    reachable: set[int] = set()

    def mark(stack: list[Node]) -> None:
        while stack:
            each = stack.pop()
            if each.trainer_id not in reachable:
                reachable.add(each.trainer_id)
                stack.extend(each.children)

    mark(list(roots))
    for node in sorted(nodes.values(), key=_node_order):
        if node.trainer_id not in reachable:
            roots.append(node)
            mark([node])

    # The levels.
    levels = []
    for level in (Level.NATIONAL, Level.STATE, Level.DISTRICT):
        at_level = [n for n in nodes.values() if n.level == level]
        people = certified = 0
        trained_trainers: set[int] = set()
        for node in at_level:
            people |= direct.get(node.trainer_id, 0)
            certified |= direct_certified.get(node.trainer_id, 0)
            trained_trainers.update(c.trainer_id for c in node.children)
        levels.append(
            LevelSummary(
                level=level,
                label=str(Level(level).label),
                trainers=sum(1 for n in at_level if n.is_valid),
                reached=people.bit_count(),
                certified=certified.bit_count(),
                trainers_trained=len(trained_trainers),
            )
        )
    district_ids = {
        a.district_id
        for a in accreditations
        if a.level == Level.DISTRICT
        and a.state_id == state.pk
        and a.trainer_id in nodes
        and a.status_on(day) == Accreditation.Status.VALID
    }
    without = [d for d in districts if d.pk not in district_ids]
    levels[2].covered = len(districts) - len(without)
    levels[2].out_of = len(districts)

    everyone = everyone_certified = 0
    for root in roots:
        people, certified = downstream[root.trainer_id]
        everyone |= people
        everyone_certified |= certified
    trained, certified_count = everyone.bit_count(), everyone_certified.bit_count()
    levels.append(
        LevelSummary(
            level=FRONTLINE,
            label=str(_("Frontline")),
            trainers=None,
            reached=trained,
            certified=certified_count,
            covered=certified_count,
            out_of=in_post or None,
        )
    )
    return Cascade(
        state=state,
        day=day,
        roots=roots,
        nodes=nodes,
        levels=levels,
        districts=districts,
        districts_without_trainer=without,
        in_post=in_post or None,
        trained=trained,
        certified=certified_count,
    )
