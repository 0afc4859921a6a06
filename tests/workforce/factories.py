"""People and files for the tests of the posts pages."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from lms.accounts.models import Role
from lms.accounts.services import role_assign
from tests.accounts.factories import UserFactory, add_totp
from tests.certification.factories import staff

HEADER = ["District", "Cadre", "Sanctioned", "Filled", "Note"]


def coordinator(state_code: str = "AS"):
    return staff(Role.COORDINATOR, state_code)


def national_admin():
    return staff(Role.NATIONAL_ADMIN)


def district_officer(district):
    user = UserFactory(state=district.state, district=district)
    role_assign(user=user, role=Role.DISTRICT_OFFICER, district=district)
    add_totp(user)
    for attr in ("_lms_roles", "_lms_states"):
        user.__dict__.pop(attr, None)
    return user


def csv_bytes(rows, header=HEADER, *, encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    if header is not None:
        writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, header=HEADER) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
