"""The spreadsheet of learners to fill in: the columns, with instructions, the cadres and the
districts of the cohort's state to choose from."""

from __future__ import annotations

from django.utils.translation import gettext as _

from lms.accounts.models import Cadre
from lms.core.spreadsheets import Choices, Template
from lms.geography.models import District

from ..models import Cohort
from .sheet import COLUMNS, IMPORT_MAX_ROWS


def template_file(*, cohort: Cohort, fmt: str) -> tuple[bytes, str]:
    """The template to fill in as (content, content type), ``fmt`` "csv" or "xlsx": the
    headings, and the instructions — each column, the allowed cadres, the districts of the
    cohort's state."""
    cadres = list(Cadre.objects.order_by("sort_order", "name").values_list("name", flat=True))
    districts = list(
        District.objects.filter(state=cohort.state, is_active=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    template = Template(
        title=str(_("Learners")),
        columns=COLUMNS,
        notes=[
            _("One row per learner, under the headings. Lines starting with # are ignored."),
            _(
                "Each learner needs an email address or a mobile number, or both. Those with "
                "an email are invited by email; those with only a mobile number, by SMS."
            ),
            _("Nothing is saved until you have checked the preview and confirmed it."),
            _("At most %(n)s learners per file.") % {"n": f"{IMPORT_MAX_ROWS:,}"},
        ],
        choices=[
            Choices(title=str(_("Cadres")), values=cadres, column="cadre", width=40),
            Choices(
                title=str(_("Districts of %(state)s") % {"state": cohort.state.name}),
                values=districts,
                column="district",
            ),
        ],
        widths=(30, 32, 16, 28, 24, 22),
        rows=IMPORT_MAX_ROWS,
    )
    return template.render(fmt)
