import io
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from openpyxl import load_workbook

from lms.accounts.models import User
from tests.accounts.factories import PASSWORD, UserFactory, add_totp, district_of, state
from tests.e2e.accessibility import assert_accessible
from tests.modules.factories import make_module
from tests.trainers.factories import make_group
from trainers.models import Attendance, Cohort, CohortMember, TrainingSession
from trainers.services import group_member_add

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def staff_log_in(page, live_server, user, secret):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("input[name=login]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main").get_by_role("button", name=re.compile("Sign In", re.I)).click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    # A code is good for its 30-second period only: never type one that is about to expire.
    if 30 - time.time() % 30 < 5:
        time.sleep(30 - time.time() % 30 + 0.5)
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("input[name=code]").fill(code)
    page.locator("main").get_by_role("button").first.click()
    page.wait_for_url(f"{live_server.url}/")


def trainer_with_secret(state_code, group):
    user = UserFactory(state=state(state_code))
    group_member_add(group=group, user=user, by=None)
    return user, add_totp(user)


def upload(page, name, text):
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode("utf-8")}]
    )
    page.get_by_role("button", name=re.compile("Check the file", re.I)).click()


def test_a_trainer_runs_a_blended_cohort(live_server, page, browser, artifacts):
    module = make_module(code="CP-701", title="Blended casework", lessons=2)
    assam_group = make_group("AS", name="Assam State Core Trainer Group")
    trainer, secret = trainer_with_secret("AS", assam_group)
    district = district_of("AS")
    staff_log_in(page, live_server, trainer, secret)

    # A new cohort.
    page.goto(f"{live_server.url}/trainers/")
    page.get_by_role("link", name="New cohort").click()
    page.get_by_label("Name", exact=True).fill("Kamrup casework batch")
    page.get_by_label("State", exact=True).select_option(label="Assam")
    page.get_by_label("Trainer group").select_option(label=assam_group.name)
    assert_accessible(page, "new cohort")
    page.get_by_label(re.compile("CP-701")).check()
    page.get_by_label("Starts on").fill("2026-12-01")
    page.get_by_label("Mode").select_option("blended")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/trainers/cohorts/\d+/$"))
    cohort = Cohort.objects.get(name="Kamrup casework batch")

    # A spreadsheet with one bad row: the error names its line; nothing is written.
    header = "Full name,Email,Mobile number,Cadre,Designation,District\n"
    good = [
        f"Anupam Borah,anupam.borah@example.org,,,Social Worker,{district.name}\n",
        f"Rita Kalita,rita.kalita@example.org,,,Counsellor,{district.name}\n",
    ]
    bad = "Mousumi Das,mousumi.das@example.org,,,Outreach Worker,Atlantis\n"
    page.get_by_role("link", name="Import").click()
    upload(page, "learners.csv", header + good[0] + bad + good[1])
    errors = page.get_by_role("region", name="Errors by line")
    errors.wait_for()
    row = errors.get_by_role("row").filter(has_text="Atlantis")
    assert row.get_by_role("cell").first.inner_text().strip() == "3"
    page.screenshot(path=str(artifacts / "trainer-import-error.png"), full_page=True)
    assert_accessible(page, "import with errors")
    assert not CohortMember.objects.filter(cohort=cohort).exists()

    fixed = bad.replace("Atlantis", district.name)
    again = page.get_by_role("link", name="Upload the corrected file")
    # A button inside the error box keeps its white text (the box's red link colour once
    # painted it red on blue, unreadable).
    colours = again.evaluate(
        "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]"
    )
    assert colours[0] == "rgb(255, 255, 255)"
    assert colours[1] != colours[0]
    again.click()
    upload(page, "learners.csv", header + good[0] + fixed + good[1])
    assert_accessible(page, "import preview")
    page.get_by_role("button", name="Import", exact=True).click()
    page.get_by_text(re.compile("3 learners imported")).first.wait_for()
    assert CohortMember.objects.filter(cohort=cohort).count() == 3
    learners = list(User.objects.filter(cohort_memberships__cohort=cohort))

    # A session, and attendance for everyone.
    page.get_by_role("link", name="Sessions").click()
    page.get_by_role("link", name="Schedule a session").click()
    page.get_by_label("Module").select_option(label=f"CP-701 · {module.title}")
    assert_accessible(page, "session form")
    page.get_by_label("Title").fill("Day 1: case conferences")
    page.get_by_label("Starts").fill("2026-12-02T10:00")
    page.get_by_label("Ends").fill("2026-12-02T16:00")
    page.get_by_label("Venue").fill("DCPU hall, Guwahati")
    page.get_by_role("button", name="Schedule").click()
    page.wait_for_url(re.compile(r"/sessions/\d+/$"))
    page.get_by_role("button", name=re.compile("Mark all others present", re.I)).click()
    page.get_by_text(re.compile("saved", re.I)).first.wait_for()
    session = TrainingSession.objects.get(cohort=cohort)
    assert Attendance.objects.filter(session=session, status="present").count() == 3
    assert_accessible(page, "attendance")

    # The matrix, and its export as XLSX.
    page.get_by_role("link", name="Progress").click()
    for learner in learners:
        page.get_by_text(learner.full_name).first.wait_for()
    page.screenshot(path=str(artifacts / "trainer-progress.png"), full_page=True)
    assert_accessible(page, "progress")
    href = page.get_by_role("link", name="Export progress (XLSX)").get_attribute("href")
    export = page.request.get(live_server.url + href)
    assert export.status == 200
    sheet = load_workbook(io.BytesIO(export.body())).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert {learner.full_name for learner in learners} <= names

    # Bihar's trainer cannot open the cohort.
    bihar_trainer, bihar_secret = trainer_with_secret("BR", make_group("BR"))
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-IN")
    other = context.new_page()
    try:
        staff_log_in(other, live_server, bihar_trainer, bihar_secret)
        response = other.goto(f"{live_server.url}/trainers/cohorts/{cohort.pk}/")
        assert response.status == 404
        response = other.goto(f"{live_server.url}/trainers/cohorts/{cohort.pk}/progress/")
        assert response.status == 404
    finally:
        context.close()
