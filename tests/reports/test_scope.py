"""Who reads which staff scorecard: every page, people list and download of a level answers
200 in the reader's scope and 404 outside it (a login for the anonymous, as on every staff
page); malformed and tampered addresses are 404, never someone else's figures nor a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reports.models import CadreCell, PersonStanding, Snapshot
from tests.reports.staff_world import build_world, staff_of_every_kind

pytestmark = pytest.mark.django_db

OK, NO = 200, 404


def urls_of(world) -> dict[str, str]:
    """Each level's page, cadre page, people list and download."""
    kamrup, dibrugarh, patna = world["kamrup"], world["dibrugarh"], world["patna"]
    levels = {
        "nation": ("nation", []),
        "assam": ("state", ["AS"]),
        "bihar": ("state", ["BR"]),
        "kamrup": ("district", ["AS", kamrup.pk]),
        "dibrugarh": ("district", ["AS", dibrugarh.pk]),
        "patna": ("district", ["BR", patna.pk]),
    }
    urls = {}
    for place, (name, args) in levels.items():
        page = reverse(f"reports:{name}", args=args)
        urls[f"{place}"] = page
        urls[f"{place} cadre"] = reverse(f"reports:{name}_cadre", args=[*args, "cwc-member"])
        urls[f"{place} people"] = reverse(f"reports:{name}_people", args=args) + "?show=overdue"
        urls[f"{place} cadre people"] = (
            reverse(f"reports:{name}_cadre_people", args=[*args, "cwc-member"])
            + "?show=trained&format=csv"
        )
        table = {"nation": "states", "state": "districts", "district": "cadres"}[name]
        urls[f"{place} export"] = f"{page}?table={table}&format=xlsx"
    return urls


#: /reports/ is the nation's page for national administrators; it takes a coordinator or a
#: district officer to their own scorecard instead (never the nation's figures).
HOME_REDIRECTS = {
    "coordinator_as": "/reports/states/AS/",
    "coordinator_br": "/reports/states/BR/",
    "officer_kamrup": "/reports/states/AS/districts/{kamrup}/",
}


def expected_for(reader: str, url_name: str) -> int:
    place = url_name.split()[0]
    if url_name in ("nation", "nation export") and reader in HOME_REDIRECTS:
        return 302
    readable = {
        "national": {"nation", "assam", "bihar", "kamrup", "dibrugarh", "patna"},
        "coordinator_as": {"assam", "kamrup", "dibrugarh"},
        "coordinator_br": {"bihar", "patna"},
        "officer_kamrup": {"kamrup"},
        "trainer": set(),
        "learner": set(),
    }[reader]
    return OK if place in readable else NO


def test_the_scope_matrix(client):
    world = build_world()
    readers = staff_of_every_kind(world)
    urls = urls_of(world)
    cells = CadreCell.objects.count()

    answers, expected = {}, {}
    for reader, user in readers.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url_name, url in urls.items():
            response = client.get(url)
            answers[(reader, url_name)] = response.status_code
            if reader == "anonymous":
                expected[(reader, url_name)] = 302
                assert response["Location"].startswith(reverse("account_login")), url
                continue
            expected[(reader, url_name)] = expected_for(reader, url_name)
            if response.status_code == 302:
                own = HOME_REDIRECTS[reader].format(kamrup=world["kamrup"].pk)
                assert response["Location"].split("?")[0] == own
                # …where the nation's table is no table of theirs.
                assert client.get(response["Location"]).status_code == (
                    OK if url_name == "nation" else NO
                )

    assert answers == expected
    assert CadreCell.objects.count() == cells  # reading changes nothing


def test_a_404_shows_nothing_of_the_place(client):
    world = build_world()
    readers = staff_of_every_kind(world)
    client.force_login(readers["officer_kamrup"])

    response = client.get(reverse("reports:district", args=["AS", world["dibrugarh"].pk]))

    assert response.status_code == 404
    assert "Dibrugarh" not in response.content.decode()
    # The officer's own district, for contrast.
    own = client.get(reverse("reports:district", args=["AS", world["kamrup"].pk]))
    assert "Kamrup" in own.content.decode()


def test_home_is_404_for_those_without_a_scorecard(client):
    world = build_world()
    readers = staff_of_every_kind(world)
    for reader in ("trainer", "learner"):
        client.force_login(readers[reader])
        assert client.get(reverse("reports:home")).status_code == 404
    client.logout()
    assert client.get(reverse("reports:home")).status_code == 302


def test_bad_addresses_are_404(client):
    world = build_world()
    readers = staff_of_every_kind(world)
    client.force_login(readers["national"])
    kamrup, patna = world["kamrup"], world["patna"]
    before = (Snapshot.objects.count(), PersonStanding.objects.count())
    bad = [
        "/reports/states/ZZ/",
        "/reports/states/ASX/",
        "/reports/states/A/",
        "/reports/states/ZZ/cadres/cwc-member/",
        "/reports/states/ZZ/districts/1/",
        f"/reports/states/ASX/districts/{kamrup.pk}/",
        "/reports/states/AS/districts/999999999/",  # no such district
        f"/reports/states/AS/districts/{patna.pk}/",  # Bihar's district under Assam
        f"/reports/states/AS/districts/{patna.pk}/people/",
        f"/reports/states/AS/districts/{patna.pk}/cadres/cwc-member/",
        "/reports/states/AS/districts/99999999999999999999/",  # larger than any id
        "/reports/states/AS/districts/9223372036854775808/",
        "/reports/states/AS/districts/lgd-99999999999999999999/",
        "/reports/states/AS/districts/lgd-/",
        "/reports/states/AS/districts/-1/",
        "/reports/states/AS/districts/kamrup/",
        "/reports/cadres/nobody/",
        "/reports/states/AS/cadres/nobody/",
        f"/reports/states/AS/districts/{kamrup.pk}/cadres/nobody/people/",
        "/reports/people/?show=nobody",
        "/reports/?month=2026-13",
        "/reports/?month=9999999999-01",
        "/reports/states/AS/?month=1900-01",
        "/reports/states/AS/?month=%s" % ("9" * 500),
        "/reports/states/AS/?format=csv&table=people",
        "/reports/states/AS/?format=exe&table=districts",
    ]
    answers = {url: client.get(url).status_code for url in bad}
    assert answers == dict.fromkeys(bad, 404)
    assert (Snapshot.objects.count(), PersonStanding.objects.count()) == before


def test_a_district_officer_reaches_only_their_district(client):
    world = build_world()
    officer = staff_of_every_kind(world)["officer_kamrup"]
    client.force_login(officer)
    kamrup = world["kamrup"]

    assert client.get(reverse("reports:district", args=["AS", kamrup.pk])).status_code == OK
    assert client.get(reverse("reports:state", args=["AS"])).status_code == NO
    assert (
        client.get(reverse("reports:district", args=["AS", world["dibrugarh"].pk])).status_code
        == NO
    )
    assert client.get(reverse("reports:nation_people")).status_code == NO
    # A coordinator of Assam: Assam and its districts, not Bihar nor the nation.
    client.force_login(staff_of_every_kind(world)["coordinator_as"])
    assert client.get(reverse("reports:state", args=["AS"])).status_code == OK
    assert client.get(reverse("reports:state", args=["BR"])).status_code == NO
    assert client.get(reverse("reports:nation_cadre", args=["cwc-member"])).status_code == NO


def test_pages_only_read(client):
    world = build_world()
    client.force_login(staff_of_every_kind(world)["national"])
    before = (Snapshot.objects.count(), CadreCell.objects.count())
    for url in (reverse("reports:home"), reverse("reports:state", args=["AS"])):
        assert client.post(url).status_code == 405
        assert client.head(url).status_code == 200
    assert (Snapshot.objects.count(), CadreCell.objects.count()) == before
