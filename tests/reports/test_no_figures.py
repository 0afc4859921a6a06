"""A new site, before the scorecard's first count: its pages say there are no figures yet
(the footer links the public scorecard from every page), while downloads and months asked
for by name stay 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lms.accounts.models import Role
from reports.models import Snapshot
from tests.certification.factories import staff

pytestmark = pytest.mark.django_db

MESSAGE = "The scorecard has no figures yet."


def test_a_visitor_is_told_there_are_no_figures_yet(client):
    assert not Snapshot.objects.exists()
    for url in (reverse("scorecard:national"), reverse("scorecard:state", args=["AS"])):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert MESSAGE in content
        assert "rebuild_scorecard" not in content  # a visitor is not told about commands
    assert client.get(reverse("scorecard:national_csv")).status_code == 404
    assert client.get(reverse("scorecard:national_json")).status_code == 404
    assert client.get(reverse("scorecard:national"), {"month": "2026-01"}).status_code == 404
    assert client.get(reverse("scorecard:state", args=["ZZ"])).status_code == 404


def test_staff_are_told_there_are_no_figures_yet_and_how_to_count_them(client):
    client.force_login(staff(Role.NATIONAL_ADMIN))
    response = client.get(reverse("reports:home"))
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    assert "rebuild_scorecard" in response.content.decode()
    client.force_login(staff(Role.COORDINATOR, "AS"))
    state = client.get(reverse("reports:state", args=["AS"]))
    assert state.status_code == 200
    assert MESSAGE in state.content.decode()
    # A download has nothing to download.
    download = client.get(reverse("reports:state", args=["AS"]), {"format": "csv", "table": "x"})
    assert download.status_code == 404
    # Out of scope stays out of scope, figures or not.
    assert client.get(reverse("reports:state", args=["BR"])).status_code == 404
