"""File logging with a last line of defence against secrets.

The code never logs the API key; the redaction filter makes sure a mistake (an exception text,
a third-party library's debug line) still cannot put it in a log file.
"""

from __future__ import annotations

import logging
import logging.handlers
import threading
from pathlib import Path

_secrets: set[str] = set()
_lock = threading.Lock()


def register_secret(secret: str | None) -> None:
    """Anything registered here is replaced by [redacted] in every log record."""
    if secret and len(secret) >= 4:
        with _lock:
            _secrets.add(secret)


def redact(text: str) -> str:
    with _lock:
        secrets = tuple(_secrets)
    for secret in secrets:
        text = text.replace(secret, "[redacted]")
    return text


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if cleaned != message or record.args:
            record.msg, record.args = cleaned, None
        return True


def configure_logging(log_dir: Path, level: int = logging.INFO) -> Path:
    """Logs to ``<log_dir>/fluxdesk.log`` (rotated). Returns the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "fluxdesk.log"
    handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
    )
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for existing in list(root.handlers):
        if isinstance(existing, logging.handlers.RotatingFileHandler):
            root.removeHandler(existing)
            existing.close()
    root.addHandler(handler)
    root.setLevel(min(root.level or level, level))
    # urllib3 logs full URLs at DEBUG; they carry signed result links, not keys, but stay quiet.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return path
