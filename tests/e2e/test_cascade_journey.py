"""The training cascade in a browser: a national master trainer trains and accredits a district
trainer of Assam, who trains Dibrugarh's frontline staff on a module with a pre-test; a learner
takes the pre-test and the post-test and gives feedback; Assam's coordinator reads the cascade
and the evidence. Phone width (360 px) throughout."""

import datetime
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone

from lms.accounts.models import Role
from lms.geography.models import District
from modules.content.grading import questions_from_stream
from modules.content.models import AssessmentPage, LessonPage
from modules.learning.models import AssessmentAttempt, Enrollment
from modules.learning.services import (
    attempt_start,
    attempt_submit,
    enrollment_create,
    lesson_complete,
    pre_test_start,
)
from tests.accounts.factories import PASSWORD, UserFactory, add_totp, make_role, state
from tests.e2e.accessibility import assert_accessible
from tests.modules.factories import make_module, single, true_false
from tests.trainers.factories import make_group
from trainers import accreditation as acc
from trainers.models import (
    Accreditation,
    AccreditationStandard,
    Cohort,
    Observation,
    SessionFeedback,
    TrainerMembership,
    TrainingSession,
)
from trainers.services import cohort_members_add, group_member_add
from trainers.sessions import attendance_mark

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 360, "height": 800}


# --- Signing in -------------------------------------------------------------------------------


def sign_in(page, live_server, user, secret=None):
    """Sign ``user`` in; staff type the code of their authenticator (``secret``)."""
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("Sign In", re.I)).click()
    if secret is not None:
        page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
        # A code is good for its 30-second period only: never type one about to expire.
        if 30 - time.time() % 30 < 5:
            time.sleep(30 - time.time() % 30 + 0.5)
        code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
        page.locator("input[name=code]").fill(code)
        page.locator("main").get_by_role("button").first.click()
    page.wait_for_url(f"{live_server.url}/")


def staff(full_name, **fields):
    fields.setdefault("district", dibrugarh())
    user = UserFactory(full_name=full_name, state=state("AS"), **fields)
    return user, add_totp(user)


def dibrugarh() -> District:
    return District.objects.get(state__code="AS", name="Dibrugarh")


# --- Answers ----------------------------------------------------------------------------------


def answers(attempt, *, right):
    """Answers to ``attempt``'s questions: all right, or the first right and the rest wrong."""
    page = attempt.revision.as_object()
    by_id = {q.id: q for q in questions_from_stream(page.questions)}
    chosen = {}
    for index, qid in enumerate(attempt.question_ids):
        question = by_id[qid]
        if right or index == 0:
            chosen[qid] = sorted(question.correct_ids)
        else:
            chosen[qid] = [next(o.id for o in question.options if not o.correct)]
    return chosen


def study(enrollment):
    for lesson in LessonPage.objects.child_of(enrollment.module).live():
        lesson_complete(enrollment=enrollment, lesson=lesson)


def assessment_of(module):
    return AssessmentPage.objects.child_of(module).get()


def pre_and_post(user, module):
    """``user``'s pre-test (half right), lessons and a passing post-test, through the
    services."""
    enrollment = Enrollment.objects.get(user=user, module=module)
    pre = pre_test_start(enrollment=enrollment)
    attempt_submit(attempt=pre, answers=answers(pre, right=False))
    study(enrollment)
    post = attempt_start(enrollment=enrollment, assessment=assessment_of(module))
    attempt_submit(attempt=post, answers=answers(post, right=True))


def answer_in_browser(page, *, right: bool):
    # The factory's questions: "Right" is the correct single choice; the statement is false.
    page.get_by_label("Right", exact=True).check()
    page.get_by_label("False" if right else "True", exact=True).check()
    page.get_by_role("button", name=re.compile("Submit answers", re.I)).click()


# --- The world --------------------------------------------------------------------------------


@pytest.fixture
def world():
    module = make_module(
        code="CP-801",
        title="Family-based care",
        lessons=1,
        questions=[single(), true_false()],
        has_pre_test=True,
        max_attempts=3,
    )
    tot = make_module(code="TOT-801", title="Training the trainers", lessons=1)
    standard = AccreditationStandard.objects.create(
        name="Family-based care trainer", tot_module=tot
    )
    standard.modules.set([module])
    group = make_group("AS", name="Assam State Core Trainer Group")

    master, master_secret = staff("Kavita Menon", district=None)
    group_member_add(group=group, user=master, role=TrainerMembership.Role.LEAD, by=None)
    Accreditation.objects.create(
        code=acc.new_code(),
        trainer=master,
        trainer_name=master.full_name,
        standard=standard,
        level=Accreditation.Level.NATIONAL,
        granted_at=timezone.now() - datetime.timedelta(days=200),
        valid_until=timezone.localdate() + datetime.timedelta(days=900),
    )

    # The trainee: CP-801 passed at 100% (above the trainers' 85%) and TOT-801 completed.
    trainee, trainee_secret = staff("Bhaskar Gogoi")
    enrollment = enrollment_create(user=trainee, module=module, source=Enrollment.Source.SELF)
    study(enrollment)
    attempt = attempt_start(enrollment=enrollment, assessment=assessment_of(module))
    attempt_submit(attempt=attempt, answers=answers(attempt, right=True))
    study(enrollment_create(user=trainee, module=tot, source=Enrollment.Source.SELF))
    assert set(
        Enrollment.objects.filter(user=trainee, status=Enrollment.Status.COMPLETED).values_list(
            "module__code", flat=True
        )
    ) == {"CP-801", "TOT-801"}

    coordinator, coordinator_secret = staff("Anjali Sharma")
    make_role(coordinator, Role.COORDINATOR, "AS")
    learners = [
        UserFactory(
            full_name=name,
            email=f"{name.split()[0].lower()}.frontline@example.org",
            district=dibrugarh(),
        )
        for name in ("Rupa Saikia", "Dipankar Bora", "Nayan Dutta")
    ]
    return {
        "module": module,
        "tot": tot,
        "standard": standard,
        "group": group,
        "master": (master, master_secret),
        "trainee": (trainee, trainee_secret),
        "coordinator": (coordinator, coordinator_secret),
        "learners": learners,
    }


def new_cohort(page, live_server, *, name, group, trainer, modules, district=None, standard=None):
    page.goto(f"{live_server.url}/trainers/")
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("State", exact=True).select_option(label="Assam")
    if district:
        page.get_by_label(re.compile(r"^District")).select_option(label=f"{district} (Assam)")
    page.get_by_label("Trainer group").select_option(label=group.name)
    page.get_by_label(trainer.full_name, exact=True).check()
    for module in modules:
        page.get_by_label(re.compile(module.code)).check()
    page.get_by_label("Starts on").fill(timezone.localdate().isoformat())
    page.get_by_label("Mode").select_option("in_person")
    if standard:
        page.get_by_label("Purpose").select_option(label="Training of trainers")
        page.get_by_label("Accreditation standard").select_option(label=standard.name)
        page.get_by_label("Members become").select_option(label="District trainers")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/trainers/cohorts/\d+/$"))
    return Cohort.objects.get(name=name)


def add_learners(page, query, names):
    page.get_by_role("link", name="Add learners").first.click()
    page.get_by_label(re.compile("Search learners in Assam")).fill(query)
    page.get_by_role("button", name="Search").click()
    for name in names:
        page.get_by_label(re.compile(name)).check()
    page.get_by_role("button", name="Add and enrol").click()
    page.wait_for_url(re.compile(r"/trainers/cohorts/\d+/$"))
    for name in names:
        page.get_by_role("cell", name=name, exact=True).wait_for()


def schedule(page, *, module, title, trainers, day):
    page.get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Module").select_option(label=f"{module.code} · {module.title}")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Starts").fill(f"{day.isoformat()}T10:00")
    page.get_by_label("Ends").fill(f"{day.isoformat()}T13:00")
    page.get_by_label("Venue").fill("DCPU hall, Dibrugarh")
    for trainer in trainers:
        page.get_by_label(trainer.full_name, exact=True).check()
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    return TrainingSession.objects.get(title=title)


def shoot(page, artifacts, name):
    page.screenshot(path=str(artifacts / f"cascade-{name}.png"), full_page=True)


# --- The journey ------------------------------------------------------------------------------


def test_master_trainer_to_frontline_with_evidence(live_server, page, browser, artifacts, world):
    page.set_viewport_size(PHONE)
    module, tot, standard = world["module"], world["tot"], world["standard"]
    master, master_secret = world["master"]
    trainee, trainee_secret = world["trainee"]
    learners = world["learners"]
    today = timezone.localdate()

    # 1. The master trainer runs a training-of-trainers cohort and accredits its trainee.
    sign_in(page, live_server, master, master_secret)
    tot_cohort = new_cohort(
        page,
        live_server,
        name="Dibrugarh district trainers",
        group=world["group"],
        trainer=master,
        modules=[module, tot],
        standard=standard,
    )
    assert tot_cohort.trains_trainers
    assert tot_cohort.trainer_level == Cohort.TrainerLevel.DISTRICT
    add_learners(page, "Gogoi", [trainee.full_name])
    practice = schedule(
        page,
        module=module,
        title="Practice delivery: family-based care",
        trainers=[trainee, master],
        day=today,
    )
    page.get_by_role("link", name="Observe a trainer").click()
    page.get_by_label("Trainer observed").select_option(label=trainee.full_name)
    for criterion in acc.RUBRIC:
        group = page.get_by_role("group", name=str(criterion.label))
        group.get_by_label(re.compile(r"3 · Meets")).check()
    page.get_by_label("Strengths").fill("Clear case examples from Dibrugarh.")
    shoot(page, artifacts, "observation-form")
    assert_accessible(page, "observation form")
    page.get_by_role("button", name="Save observation").click()
    page.get_by_text("Observation saved. Outcome: Meets the standard.").wait_for()
    assert Observation.objects.get(session=practice).trainee == trainee

    page.goto(f"{live_server.url}/trainers/cohorts/{tot_cohort.pk}/")
    page.get_by_role("link", name="Accreditation of its members").click()
    page.wait_for_url(re.compile(r"/accreditation/$"))
    checklist = page.locator(".accreditation-checklists > li").filter(has_text=trainee.full_name)
    assert checklist.get_by_text("Eligible", exact=True).is_visible()
    items = checklist.locator(".check-list li")
    assert items.count() == 3
    for index in range(3):
        assert items.nth(index).inner_text().startswith("✓")
    assert "Best score 100%" in items.nth(0).inner_text()
    checklist.get_by_role("button", name=re.compile("Grant accreditation")).click()
    message = page.get_by_text(re.compile(r"is accredited until .* \(code [0-9A-Z-]+\)"))
    message.wait_for()
    granted = Accreditation.objects.get(trainer=trainee)
    assert granted.grouped_code in message.inner_text()
    assert granted.level == Accreditation.Level.DISTRICT
    assert list(granted.trained_by.all()) == [master]
    assert page.get_by_role("link", name=re.compile("Accredited until")).is_visible()
    shoot(page, artifacts, "accreditation-page")
    assert_accessible(page, "accreditation page")

    # Anyone checks it by its code, signed out.
    public = browser.new_context(viewport=PHONE, locale="en-IN")
    try:
        verify = public.new_page()
        verify.goto(f"{live_server.url}/accreditation/verify/{granted.grouped_code}/")
        verify.get_by_text("This accreditation is valid").wait_for()
        facts = verify.locator(".facts").inner_text()
        assert trainee.full_name in facts
        assert "District trainer" in facts
        assert "Dibrugarh" in facts
        assert "CP-801" in facts
        assert_accessible(verify, "accreditation verification")
    finally:
        public.close()

    # 2. The new district trainer runs a cohort of frontline staff.
    sign_in(page, live_server, trainee, trainee_secret)
    cohort = new_cohort(
        page,
        live_server,
        name="Dibrugarh frontline: family-based care",
        group=world["group"],
        trainer=trainee,
        modules=[module],
        district="Dibrugarh",
    )
    # Accredited now: assigned without being asked for a reason.
    assert page.get_by_text("Not accredited").count() == 0
    add_learners(page, "frontline", [learner.full_name for learner in learners[:2]])
    session = schedule(
        page,
        module=module,
        title="Family-based care: day 1",
        trainers=[trainee],
        day=today - datetime.timedelta(days=1),
    )

    # 3. A learner takes the pre-test, then the post-test, and gives feedback.
    learner = learners[0]
    sign_in(page, live_server, learner)
    page.goto(f"{live_server.url}{module.url}")
    page.get_by_role("link", name="About the pre-test").click()
    page.get_by_text(re.compile("It does not count")).first.wait_for()
    page.get_by_role("button", name="Take the pre-test").click()
    answer_in_browser(page, right=False)
    page.get_by_text("This shows what you knew before the module; it does not count.").wait_for()
    assert page.get_by_text(re.compile(r"Score: 1 / 2 \(50%\)")).is_visible()
    assert "EXPLANATION-TEXT" not in page.content()
    assert page.get_by_text("Correct answer", exact=True).count() == 0
    assert_accessible(page, "pre-test result")

    study(Enrollment.objects.get(user=learner, module=module))
    page.goto(f"{live_server.url}{module.url}assessment/")
    page.get_by_role("button", name=re.compile("Start attempt 1")).click()
    answer_in_browser(page, right=True)
    page.get_by_text(re.compile("Passed", re.I)).first.wait_for()
    pre = AssessmentAttempt.objects.get(enrollment__user=learner, role="pre_test")
    post = AssessmentAttempt.objects.get(enrollment__user=learner, role="assessment")
    assert (pre.percent, pre.passed, post.percent, post.passed) == (50, None, 100, True)

    pre_and_post(learners[1], module)
    attendance_mark(
        session=session, marks={person.pk: "present" for person in learners[:2]}, by=trainee
    )
    page.goto(f"{live_server.url}/learning/")
    page.get_by_role("link", name=re.compile("Give feedback")).click()
    page.get_by_label("4: very good").check()
    page.get_by_role("group", name=re.compile("Will you use")).get_by_label("Yes").check()
    page.get_by_label("About right").check()
    assert_accessible(page, "feedback form")
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_text("Thank you: your feedback was recorded.").wait_for()
    assert SessionFeedback.objects.get(session=session).rating == 4

    # 4. Assam's coordinator reads the cascade and the evidence.
    coordinator, coordinator_secret = world["coordinator"]
    sign_in(page, live_server, coordinator, coordinator_secret)
    page.goto(f"{live_server.url}/trainers/cascade/")
    page.get_by_role("heading", name="Training cascade: Assam").wait_for()
    tree = page.locator(".cascade-tree")
    root = tree.locator(":scope > li")
    assert root.count() == 1
    assert root.locator(".cascade-node__name").first.inner_text() == master.full_name
    assert "National master trainer" in root.locator(".cascade-node__meta").first.inner_text()
    assert "With those below: 2 trained" in root.locator("summary").first.inner_text()
    below = root.locator("ul > li")
    assert below.count() == 1
    assert below.locator(".cascade-node__name").inner_text() == trainee.full_name
    line = below.inner_text()
    assert "District trainer · Dibrugarh" in line
    assert "Directly: 2 trained" in line
    shoot(page, artifacts, "cascade")
    assert_accessible(page, "cascade")
    assert not any(person.full_name in page.content() for person in learners)

    # Two learners took both tests: too few to show (no one's results can be told apart).
    page.goto(f"{live_server.url}/trainers/cohorts/{cohort.pk}/evidence/")
    page.get_by_text("2 learners have taken both tests so far.", exact=False).wait_for()
    assert page.get_by_text("1 response so far.", exact=False).is_visible()
    # A third learner joins and takes both tests: the gain shows.
    cohort_members_add(cohort=cohort, users=[learners[2]], by=trainee)
    pre_and_post(learners[2], module)
    page.reload()
    gain = page.locator("section", has=page.get_by_role("heading", name="What learners gained"))
    facts = gain.locator(".facts").inner_text()
    assert re.search(r"Learners with both tests\s+3", facts)
    assert re.search(r"Average pre-test\s+50(\.0)?%", facts)
    assert re.search(r"Average post-test\s+100(\.0)?%", facts)
    assert re.search(r"Average gain\s+50(\.0)? points", facts)
    shoot(page, artifacts, "evidence-tab")
    assert_accessible(page, "evidence tab")
    content = page.content()
    for person in learners:
        assert person.full_name not in content
        assert person.email not in content

    page.goto(f"{live_server.url}/trainers/evidence/")
    row = page.get_by_role("row").filter(has_text=trainee.full_name)
    assert re.search(r"\b3\b", row.inner_text())
    assert "50" in row.inner_text()
    assert_accessible(page, "evidence overview")
    content = page.content()
    for person in learners:
        assert person.full_name not in content
