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

**Cost.** ``state_cascade`` reads everything in eight queries whatever the state's size (its
accreditations, the trained-by pairs, the cohorts' trainer pairs, their members, the state's
districts, its posts, the cadres with required training and the people registered), then
builds the tree and unions the people in Python.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certification.models import Certificate
from certification.selectors import valid_on
from lms.accounts.models import User
from lms.geography.models import District, State
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


@dataclass
class Node:
    """A trainer in the tree."""

    trainer_id: int
    name: str
    #: Their accreditation shown (the current one at the highest level, the latest first).
    accreditation: Accreditation
    #: Its status on the cascade's day (``Accreditation.Status``).
    status: str
    #: Every accreditation of theirs in the tree, not revoked.
    accreditations: list[Accreditation] = field(default_factory=list)
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
    expiring: list[Accreditation] = field(default_factory=list)

    @property
    def level(self) -> str:
        return self.accreditation.level

    @property
    def level_label(self) -> str:
        return self.accreditation.get_level_display()

    @property
    def place(self) -> str:
        accreditation = self.accreditation
        if accreditation.district_id:
            return accreditation.district.display_name
        if accreditation.state_id:
            return accreditation.state.display_name
        return str(_("National"))

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
    def expiring(self) -> list[tuple[Node, Accreditation]]:
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


def _primary(accreditations: list[Accreditation]) -> Accreditation:
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


def _accreditations(state: State) -> list[Accreditation]:
    """Query 1: the accreditations (not revoked) in the state, those of national master
    trainers, and those of anyone named as a trainer of the state's trainers."""
    through = Accreditation.trained_by.through
    trainers_of_state = through.objects.filter(
        accreditation__state=state, accreditation__revoked_at__isnull=True
    ).values("user_id")
    return list(
        Accreditation.objects.filter(revoked_at__isnull=True)
        .filter(
            Q(state=state) | Q(level=Level.NATIONAL) | Q(trainer_id__in=Subquery(trainers_of_state))
        )
        .select_related("state", "district", "standard", "trainer")
        .only(
            "id",
            "trainer_id",
            "trainer_name",
            "trainer__id",
            "trainer__full_name",
            "standard__id",
            "standard__name",
            "level",
            "state__id",
            "state__name",
            "state__names",
            "district__id",
            "district__name",
            "district__names",
            "granted_at",
            "valid_until",
            "revoked_at",
            "superseded_at",
        )
        .order_by()
    )


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
    learner_cohorts = Cohort.objects.filter(state=state, purpose=Cohort.Purpose.LEARNERS)
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


def _members(state: State, day: datetime.date) -> list[tuple[int, int, bool]]:
    """Query 4: (cohort, learner, certified) of the current members of the state's learner
    cohorts; certified: a certificate valid on ``day`` in one of the cohort's modules."""
    modules = CohortModule.objects.filter(cohort_id=OuterRef(OuterRef("cohort_id"))).values(
        "module_id"
    )
    certified = Certificate.objects.filter(
        valid_on(day), recipient_id=OuterRef("user_id"), module_id__in=Subquery(modules)
    )
    return list(
        CohortMember.objects.filter(
            cohort__state=state, cohort__purpose=Cohort.Purpose.LEARNERS, removed_at__isnull=True
        )
        .annotate(certified=Exists(certified))
        .values_list("cohort_id", "user_id", "certified")
        .order_by()
    )


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
    """The cascade of ``state`` on ``day`` (default: today in India), in eight queries."""
    day = day or timezone.localdate()
    now = timezone.now()
    accreditations = _accreditations(state)
    edges = _edges(state)
    cohort_trainers = _cohort_trainers(state)
    members = _members(state, day)
    districts = list(District.objects.filter(state=state, is_active=True).order_by("name"))
    in_post = people_in_post(state, day)

    # The nodes: the state's trainers, and the trainers above them.
    by_trainer: dict[int, list[Accreditation]] = defaultdict(list)
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
            name=primary.trainer.full_name or primary.trainer_name,
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

    # Direct reach: the people of each trainer's cohorts.
    people_of: dict[int, set[int]] = defaultdict(set)
    certified_of: dict[int, set[int]] = defaultdict(set)
    for cohort_id, user_id, certified in members:
        people_of[cohort_id].add(user_id)
        if certified:
            certified_of[cohort_id].add(user_id)
    direct: dict[int, set[int]] = defaultdict(set)
    direct_certified: dict[int, set[int]] = defaultdict(set)
    for cohort_id, trainer_id in cohort_trainers:
        if trainer_id in nodes:
            direct[trainer_id] |= people_of.get(cohort_id, set())
            direct_certified[trainer_id] |= certified_of.get(cohort_id, set())

    # Downstream reach: each subtree's people, unioned from the leaves up. A trainer on a
    # loop of "trained by" (possible across standards) is counted once; the edge that would
    # close the loop is not followed.
    downstream: dict[int, tuple[set[int], set[int]]] = {}

    def reach(node: Node, path: set[int]) -> tuple[set[int], set[int]]:
        done = downstream.get(node.trainer_id)
        if done is not None:
            return done
        people = set(direct.get(node.trainer_id, ()))
        certified = set(direct_certified.get(node.trainer_id, ()))
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
        node.direct_trained = len(direct.get(node.trainer_id, ()))
        node.direct_certified = len(direct_certified.get(node.trainer_id, ()))
        node.downstream_trained = len(people)
        node.downstream_certified = len(certified)
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
        people: set[int] = set()
        certified: set[int] = set()
        trained_trainers: set[int] = set()
        for node in at_level:
            people |= direct.get(node.trainer_id, set())
            certified |= direct_certified.get(node.trainer_id, set())
            trained_trainers.update(c.trainer_id for c in node.children)
        levels.append(
            LevelSummary(
                level=level,
                label=Level(level).label,
                trainers=sum(1 for n in at_level if n.is_valid),
                reached=len(people),
                certified=len(certified),
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

    everyone: set[int] = set()
    everyone_certified: set[int] = set()
    for root in roots:
        people, certified = downstream[root.trainer_id]
        everyone |= people
        everyone_certified |= certified
    levels.append(
        LevelSummary(
            level=FRONTLINE,
            label=str(_("Frontline")),
            trainers=None,
            reached=len(everyone),
            certified=len(everyone_certified),
            covered=len(everyone_certified),
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
        trained=len(everyone),
        certified=len(everyone_certified),
    )
