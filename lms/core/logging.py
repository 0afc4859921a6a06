"""Log lines as ``key=value`` pairs, one event per line, without personal data, each naming
the request or task it was logged for."""

from __future__ import annotations

import contextvars
import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(\+91[\s-]?)?[6-9]\d{9}(?!\d)")


def redact(text: str) -> str:
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


#: The request and the task in progress in this context (set by ``lms.core.observability``).
request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "lms_request_id", default=None
)
task_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("lms_task_id", default=None)


class LogContext(logging.Filter):
    """Adds the request id and the task id in progress to every record (``request_id=``,
    ``task_id=``). A filter on the handler, so that it sees the records of every logger; a
    value the record already carries is kept."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id.get()
        if getattr(record, "task_id", None) is None:
            record.task_id = task_id.get()
        return True


class RedactPersonalData(logging.Filter):
    """Masks email addresses and mobile numbers that slip into a log message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        # The access line's path (lms.core.observability) is a field of its own.
        path = getattr(record, "path", None)
        if isinstance(path, str):
            record.path = redact(path)
        return True


#: Fields a record may carry besides its message, in the order they are written: the access
#: line's (``lms.core.observability``), Django's ``status_code``, and the request or task in
#: progress (``LogContext``).
_FIELDS = (
    ("method", "method"),
    ("path", "path"),
    ("view", "view"),
    ("status", "status_code"),
    ("duration_ms", "duration_ms"),
    ("request_id", "request_id"),
    ("task_id", "task_id"),
)
_NEEDS_QUOTES = re.compile(r'[\s"=]')


def _value(value: object) -> str:
    """A field's value as written: bare, or quoted when it holds a space, a quote or ``=``
    (a path may, once decoded), so that the line still splits into its pairs."""
    text = str(value)
    if not text or _NEEDS_QUOTES.search(text):
        text = text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
        text = text.replace('"', "'")
        return f'"{text}"'
    return text


class StructuredFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().replace("\n", "\\n").replace('"', "'")
        line = (
            f"time={self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} level={record.levelname} "
            f'logger={record.name} msg="{message}"'
        )
        for key, attribute in _FIELDS:
            value = getattr(record, attribute, None)
            if value is not None:
                line += f" {key}={_value(value)}"
        if record.exc_info:
            exc_type = record.exc_info[0]
            line += f" exc={exc_type.__name__ if exc_type else 'unknown'}"
            line += " trace=" + self.formatException(record.exc_info).replace("\n", "\\n")
        return line
