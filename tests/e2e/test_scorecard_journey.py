"""The workforce scorecard in a real browser: a coordinator records posts and reads the
state's scorecard down to a cadre and its PDF; a district officer sees their district only;
a visitor reads the public scorecard and takes its open data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator

from lms.accounts.models import Role
from lms.workforce.models import PostCount
from tests.accounts.factories import UserFactory, add_totp, make_role, state
from tests.e2e.accessibility import assert_accessible
from tests.e2e.test_trainer_journey import staff_log_in
from tests.reports.staff_world import build_world, district, district_officer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def upload_posts(page, live_server, text):
    page.goto(f"{live_server.url}/workforce/states/AS/posts/import/")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "posts.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}]
    )
    page.get_by_role("button", name=re.compile("Check the file", re.I)).click()


def test_a_coordinator_records_posts_and_reads_the_scorecard(live_server, page, artifacts):
    world = build_world()
    coordinator = make_role(UserFactory(state=state("AS")), Role.COORDINATOR, "AS")
    secret = add_totp(coordinator)
    staff_log_in(page, live_server, coordinator, secret)

    # A file with one bad row: its line and column are named, nothing is recorded.
    before = PostCount.objects.count()
    header = "District,Cadre,Sanctioned,Filled,Note\n"
    good = "Dibrugarh,CWC member,5,5,\n"
    bad = "Dibrugarh,DCPO,2,3,\n"  # more filled than sanctioned
    upload_posts(page, live_server, header + good + bad)
    errors = page.get_by_role("region", name="Errors by line")
    errors.wait_for()
    row = errors.get_by_role("row").filter(has_text="Filled")
    assert row.get_by_role("cell").first.inner_text().strip() == "3"
    page.screenshot(path=str(artifacts / "scorecard-posts-error.png"), full_page=True)
    assert_accessible(page, "posts import with errors")
    assert PostCount.objects.count() == before

    # Corrected: previewed, then recorded together.
    upload_posts(page, live_server, header + good + "Dibrugarh,DCPO,2,1,\n")
    assert_accessible(page, "posts preview")
    page.get_by_role("button", name="Record these figures").click()
    page.wait_for_url(re.compile(r"/workforce/states/AS/posts/"))
    assert PostCount.objects.count() == before + 2

    # The state's scorecard shows them at once; down to a district and a cadre.
    page.goto(f"{live_server.url}/reports/")
    page.wait_for_url(re.compile(r"/reports/states/AS/$"))
    dibrugarh = page.locator("table tr").filter(has_text="Dibrugarh").first
    cells = dibrugarh.get_by_role("cell").all_inner_texts()
    assert cells[:2] == ["7", "6"]  # the posts just recorded: CWC 5 of 5, DCPO 1 of 2
    page.get_by_role("link", name="Kamrup", exact=True).first.click()
    page.wait_for_url(re.compile(r"/reports/states/AS/districts/\d+/$"))
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Kamrup, Assam"
    page.get_by_role("link", name=world["cwc"].name).first.click()
    page.wait_for_url(re.compile(r"/districts/\d+/cadres/cwc-member/$"))
    page.screenshot(path=str(artifacts / "scorecard-cadre.png"), full_page=True)
    assert_accessible(page, "cadre scorecard")
    page.get_by_role("link", name="Kamrup").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="This scorecard as a PDF").click()
    assert Path(download.value.path()).read_bytes()[:5] == b"%PDF-"


def test_a_district_officer_sees_their_district_only(live_server, page, artifacts):
    build_world()
    kamrup, dibrugarh = district("AS", "Kamrup"), district("AS", "Dibrugarh")
    officer = district_officer(kamrup)  # with an authenticator
    secret = Authenticator.objects.get(user=officer).data["secret"]
    staff_log_in(page, live_server, officer, secret)
    page.goto(f"{live_server.url}/reports/")
    page.wait_for_url(re.compile(rf"/reports/states/AS/districts/{kamrup.pk}/$"))
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Kamrup, Assam"
    page.screenshot(path=str(artifacts / "scorecard-district-officer.png"), full_page=True)
    assert_accessible(page, "district scorecard")
    response = page.goto(f"{live_server.url}/reports/states/AS/districts/{dibrugarh.pk}/")
    assert response.status == 404
    assert page.goto(f"{live_server.url}/reports/states/AS/").status == 404


def test_a_visitor_reads_the_public_scorecard_and_its_open_data(live_server, page, artifacts):
    build_world()
    page.goto(f"{live_server.url}/")
    page.get_by_role("link", name="Scorecard").first.click()
    page.wait_for_url(re.compile(r"/scorecard/$"))
    page.get_by_role("heading", level=1).wait_for()
    page.screenshot(path=str(artifacts / "scorecard-public.png"), full_page=True)
    assert_accessible(page, "public scorecard")
    # A state's tile on the map is a link named by the state and its figure, not its code.
    assert (
        page.locator(".chart--map").get_by_role("link", name=re.compile(r"^Assam: ")).count() == 1
    )
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("CSV")).first.click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "as_of" in text.splitlines()[0]
    assert "@" not in text
