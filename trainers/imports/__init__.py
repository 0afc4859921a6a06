"""Importing learners into a cohort from a spreadsheet (CSV or XLSX).

- ``sheet``: the columns of a spreadsheet of learners and its limits; the file is read by
  ``lms.core.spreadsheets``, like every spreadsheet people upload;
- ``rows``: checking each row (values, duplicates, the account it matches) and the preview's
  summary;
- ``service``: storing the check (``import_check``) and writing a confirmed import, inline or
  as a task with its progress (``import_confirm``, ``import_run``, ``import_abandoned``);
- ``template``: the spreadsheet to fill in.

What the views, tasks and receivers use is named here.
"""

from .rows import Summary, import_summary
from .service import (
    IMPORT_LOG_ACTIONS,
    import_abandoned,
    import_check,
    import_confirm,
    import_run,
)
from .sheet import COLUMNS, IMPORT_MAX_BYTES, IMPORT_MAX_ROWS
from .template import template_file

__all__ = [
    "COLUMNS",
    "IMPORT_LOG_ACTIONS",
    "IMPORT_MAX_BYTES",
    "IMPORT_MAX_ROWS",
    "Summary",
    "import_abandoned",
    "import_check",
    "import_confirm",
    "import_run",
    "import_summary",
    "template_file",
]
