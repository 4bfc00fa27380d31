"""Structured logs: one JSON object per line (or readable text), with context fields.

Every line carries the keeper's name and shard, an ``event`` (a short snake_case
name such as ``tick_failed``: stable, so alerts and queries can match on it) and the
event's own fields::

    {"ts": "2025-01-01T00:00:00.000Z", "level": "info", "keeper": "heartbeat",
     "shard": "0/1", "event": "heartbeat", "slot": 1234}

Built on the standard ``logging`` module so that library logs (aiohttp, websockets)
go through the same handler and format.
"""

from __future__ import annotations

import datetime
import enum
import json
import logging
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

LOGGER_NAME = "kairos_keepers"
LEVELS = ("debug", "info", "warning", "error")
FORMATS = ("json", "text")

_FIELDS_ATTR = "kairos_fields"
_EVENT_ATTR = "kairos_event"


def _plain(value: Any) -> Any:
    """A JSON-friendly form of a field value (keys and signatures as base58 strings)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return value.value if isinstance(value.value, str | int) else value.name
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def _timestamp(record: logging.LogRecord) -> str:
    moment = datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{int(record.msecs):03d}Z"


def _record_fields(record: logging.LogRecord) -> tuple[str, dict[str, Any]]:
    event = getattr(record, _EVENT_ATTR, None) or record.getMessage()
    fields: dict[str, Any] = dict(getattr(record, _FIELDS_ATTR, {}) or {})
    if not hasattr(record, _EVENT_ATTR) and record.name != LOGGER_NAME:
        fields.setdefault("logger", record.name)  # a library's log line
    return str(event), fields


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, the context fields, event, then the rest."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as a JSON line."""
        event, fields = _record_fields(record)
        line: dict[str, Any] = {"ts": _timestamp(record), "level": record.levelname.lower()}
        for key in ("keeper", "shard"):
            if key in fields:
                line[key] = _plain(fields.pop(key))
        line["event"] = event
        for key, value in fields.items():
            line[key] = _plain(value)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, separators=(",", ":"), ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """``ts LEVEL keeper[shard] event key=value ...`` for people reading a terminal."""

    def format(self, record: logging.LogRecord) -> str:
        """Render ``record`` as one readable line (plus a traceback if any)."""
        event, fields = _record_fields(record)
        keeper = fields.pop("keeper", None)
        shard = fields.pop("shard", None)
        who = f"{keeper}[{shard}]" if keeper is not None and shard is not None else keeper
        parts = [_timestamp(record), record.levelname]
        if who:
            parts.append(str(who))
        parts.append(event)
        for key, value in fields.items():
            plain = _plain(value)
            text = plain if isinstance(plain, str) else json.dumps(plain)
            if isinstance(plain, str) and (not plain or " " in plain or "=" in plain):
                text = json.dumps(plain)
            parts.append(f"{key}={text}")
        line = " ".join(parts)
        if record.exc_info:
            line += "\n" + self.formatException(record.exc_info)
        return line


def make_formatter(fmt: str) -> logging.Formatter:
    """The formatter for ``fmt`` ("json" or "text")."""
    if fmt == "json":
        return JsonFormatter()
    if fmt == "text":
        return TextFormatter()
    raise ValueError(f"log format must be one of {', '.join(FORMATS)} (got {fmt!r})")


def configure_logging(level: str = "info", fmt: str = "json", stream: TextIO | None = None) -> None:
    """Send every log line of the process to ``stream`` (stderr) in ``fmt``.

    Meant for a keeper daemon's main: it replaces the root logger's handlers.
    Libraries are held at WARNING unless ``level`` is debug.
    """
    if level not in LEVELS:
        raise ValueError(f"log level must be one of {', '.join(LEVELS)} (got {level!r})")
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(make_formatter(fmt))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    numeric = getattr(logging, level.upper())
    root.setLevel(numeric if level == "debug" else max(numeric, logging.WARNING))
    logging.getLogger(LOGGER_NAME).setLevel(numeric)


class StructuredLogger:
    """A logger whose calls take an event name and fields: ``log.info("sent", sig=...)``."""

    def __init__(self, logger: logging.Logger, fields: Mapping[str, Any] | None = None) -> None:
        self._logger = logger
        self.fields: dict[str, Any] = dict(fields or {})

    def bind(self, **fields: Any) -> StructuredLogger:
        """A logger adding ``fields`` to every line (on top of this one's)."""
        return StructuredLogger(self._logger, {**self.fields, **fields})

    def is_enabled_for(self, level: int) -> bool:
        """True if a line at ``level`` would be written (skip costly fields otherwise)."""
        return self._logger.isEnabledFor(level)

    def _log(self, level: int, event: str, fields: dict[str, Any], exc_info: bool = False) -> None:
        if self._logger.isEnabledFor(level):
            extra = {_EVENT_ATTR: event, _FIELDS_ATTR: {**self.fields, **fields}}
            # stacklevel 3: report the caller of debug()/info()/..., not this helper.
            self._logger.log(level, event, extra=extra, exc_info=exc_info, stacklevel=3)

    def debug(self, event: str, **fields: Any) -> None:
        """Log ``event`` at DEBUG."""
        self._log(logging.DEBUG, event, fields)

    def info(self, event: str, **fields: Any) -> None:
        """Log ``event`` at INFO."""
        self._log(logging.INFO, event, fields)

    def warning(self, event: str, **fields: Any) -> None:
        """Log ``event`` at WARNING."""
        self._log(logging.WARNING, event, fields)

    def error(self, event: str, **fields: Any) -> None:
        """Log ``event`` at ERROR."""
        self._log(logging.ERROR, event, fields)

    def exception(self, event: str, **fields: Any) -> None:
        """Log ``event`` at ERROR with the current exception's traceback."""
        self._log(logging.ERROR, event, fields, exc_info=True)


def get_logger(keeper: str = "", shard: str = "", **fields: Any) -> StructuredLogger:
    """The structured logger of a keeper (``keeper`` and ``shard`` on every line)."""
    base: dict[str, Any] = {}
    if keeper:
        base["keeper"] = keeper
    if shard:
        base["shard"] = shard
    return StructuredLogger(logging.getLogger(LOGGER_NAME), {**base, **fields})
