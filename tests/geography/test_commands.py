from io import StringIO

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError

from lms.geography.models import District, State

pytestmark = pytest.mark.django_db

HEADER = "S.No.,State Code,State Name (In English),District Code,District Name(In English)"


def snapshot():
    return list(
        District.objects.order_by("pk").values_list(
            "pk", "state_id", "name", "lgd_code", "is_active"
        )
    )


def csv_file(tmp_path, *rows):
    path = tmp_path / "districts.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_load_geography_prints_counts():
    out = StringIO()

    call_command("load_geography", stdout=out)

    assert "States: 0 created, 0 updated." in out.getvalue()
    assert "Districts: 0 created, 0 updated." in out.getvalue()
    assert State.objects.count() == 36


def test_load_geography_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_geography", path=tmp_path / "nope.json")


def test_import_dry_run_prints_changes_and_writes_nothing(tmp_path):
    before = snapshot()
    out = StringIO()

    call_command(
        "import_lgd_districts",
        str(csv_file(tmp_path, "1,30,Goa,551,North Goa")),
        "--dry-run",
        stdout=out,
    )

    output = out.getvalue()
    assert "update: Goa / North Goa (LGD 551): LGD code attached" in output
    assert "deactivate: Goa / South Goa" in output
    assert "Dry run, nothing written. Would create 0, update 1, deactivate 2" in output
    assert snapshot() == before


def test_import_writes_and_prints_a_summary(tmp_path):
    out = StringIO()

    call_command(
        "import_lgd_districts",
        str(csv_file(tmp_path, "1,30,Goa,551,North Goa", "2,30,Goa,559,Mormugao")),
        stdout=out,
    )

    assert "create: Goa / Mormugao (LGD 559)" in out.getvalue()
    assert "Done: create 1, update 1, deactivate 2; 0 unchanged (2 rows read)." in out.getvalue()
    assert District.objects.get(lgd_code=559).name == "Mormugao"


def test_import_rejects_a_bad_file_with_its_line_numbers(tmp_path):
    before = snapshot()
    path = csv_file(tmp_path, "1,30,Goa,551,North Goa", "2,99,Nowhere,552,Somewhere")

    with pytest.raises(CommandError) as excinfo:
        call_command("import_lgd_districts", str(path))

    assert excinfo.value.returncode == 1
    assert "line 3: unknown state code 99" in str(excinfo.value)
    assert snapshot() == before


def test_import_exits_non_zero_from_the_command_line(tmp_path, capsys):
    path = csv_file(tmp_path, "1,30,Goa,abc,North Goa")

    with pytest.raises(SystemExit) as excinfo:
        execute_from_command_line(["manage.py", "import_lgd_districts", str(path)])

    assert excinfo.value.code == 1
    assert "line 2: district code “abc” is not a number" in capsys.readouterr().err


def test_import_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_lgd_districts", str(tmp_path / "nope.csv"))
