from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.core.dates import add_months
from reports.models import CadreCell, Snapshot
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_rebuild_current_and_earlier_months():
    UserFactory()
    out = io.StringIO()
    call_command("rebuild_scorecard", "--fill", "3", stdout=out)
    this_month = timezone.localdate().replace(day=1)
    months = set(Snapshot.objects.values_list("month", flat=True))
    assert months == {add_months(this_month, -2), add_months(this_month, -1), this_month}
    assert CadreCell.objects.filter(month=this_month).count() == 1
    assert "rebuilt" in out.getvalue()


@pytest.mark.parametrize("month", ["2026-13", "next", "99999-01"])
def test_a_malformed_month_is_refused_and_nothing_is_built(month):
    with pytest.raises(CommandError):
        call_command("rebuild_scorecard", "--month", month, stdout=io.StringIO())
    assert not Snapshot.objects.exists()


def test_a_future_month_is_refused():
    future = add_months(timezone.localdate().replace(day=1), 1)
    with pytest.raises(CommandError, match="not begun"):
        call_command("rebuild_scorecard", "--month", f"{future:%Y-%m}", stdout=io.StringIO())
    assert not Snapshot.objects.exists()
