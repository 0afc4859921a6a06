"""Log lines as ``key=value`` pairs, one event per line, without personal data."""

from __future__ import annotations

import logging
import re

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(\+91[\s-]?)?[6-9]\d{9}(?!\d)")


def redact(text: str) -> str:
    return _PHONE.sub("[phone]", _EMAIL.sub("[email]", text))


class RedactPersonalData(logging.Filter):
    """Masks email addresses and mobile numbers that slip into a log message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        return True


class StructuredFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage().replace("\n", "\\n").replace('"', "'")
        line = (
            f"time={self.formatTime(record, '%Y-%m-%dT%H:%M:%S')} level={record.levelname} "
            f'logger={record.name} msg="{message}"'
        )
        status = getattr(record, "status_code", None)
        if status is not None:
            line += f" status={status}"
        if record.exc_info:
            exc_type = record.exc_info[0]
            line += f" exc={exc_type.__name__ if exc_type else 'unknown'}"
            line += " trace=" + self.formatException(record.exc_info).replace("\n", "\\n")
        return line
