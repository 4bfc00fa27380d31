"""Structured logs: JSON lines and text, with keeper, shard, event and fields."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest
from kairos_keepers.logging import (
    JsonFormatter,
    StructuredLogger,
    TextFormatter,
    configure_logging,
    get_logger,
)
from solders.pubkey import Pubkey


@pytest.fixture
def stream() -> Iterator[tuple[logging.Logger, io.StringIO]]:
    logger = logging.getLogger("kairos_keepers.test_logging")
    logger.propagate = False
    logger.setLevel(logging.DEBUG)
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    yield logger, out
    logger.removeHandler(handler)


def test_json_lines_carry_context_event_and_fields(
    stream: tuple[logging.Logger, io.StringIO],
) -> None:
    logger, out = stream
    logger.handlers[0].setFormatter(JsonFormatter())
    key = Pubkey.new_unique()
    log = StructuredLogger(logger, {"keeper": "trigger", "shard": "1/4"})
    log.info("order_triggered", order=key, slot=12, price=1.5, tags={"a"}, raw=b"\x01")
    log.bind(market=3).warning("slow", seconds=2)
    first, second = (json.loads(line) for line in out.getvalue().splitlines())
    assert list(first)[:5] == ["ts", "level", "keeper", "shard", "event"]
    assert first["ts"].endswith("Z") and first["level"] == "info"
    assert first["keeper"] == "trigger" and first["shard"] == "1/4"
    assert first["event"] == "order_triggered"
    assert first["order"] == str(key) and first["slot"] == 12 and first["price"] == 1.5
    assert first["tags"] == ["a"] and first["raw"] == "01"
    assert second["market"] == 3 and second["seconds"] == 2 and second["level"] == "warning"


def test_exceptions_are_included(stream: tuple[logging.Logger, io.StringIO]) -> None:
    logger, out = stream
    logger.handlers[0].setFormatter(JsonFormatter())
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        StructuredLogger(logger).exception("failed", step="send")
    line = json.loads(out.getvalue())
    assert line["event"] == "failed" and "RuntimeError: boom" in line["exception"]


def test_text_format(stream: tuple[logging.Logger, io.StringIO]) -> None:
    logger, out = stream
    logger.handlers[0].setFormatter(TextFormatter())
    StructuredLogger(logger, {"keeper": "heartbeat", "shard": "0/1"}).info(
        "heartbeat", slot=5, note="two words", empty=""
    )
    line = out.getvalue().strip()
    assert line.split(" ", 1)[1] == (
        'INFO heartbeat[0/1] heartbeat slot=5 note="two words" empty=""'
    )


def test_configure_logging_routes_library_logs(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = (list(root.handlers), root.level)
    try:
        out = io.StringIO()
        configure_logging("info", "json", stream=out)
        get_logger("heartbeat", "0/1").info("hello", n=1)
        logging.getLogger("aiohttp.client").warning("library says %s", "hi")
        logging.getLogger("aiohttp.client").info("too chatty")  # below WARNING for libraries
        lines = [json.loads(x) for x in out.getvalue().splitlines()]
        assert [x["event"] for x in lines] == ["hello", "library says hi"]
        assert lines[1]["logger"] == "aiohttp.client"
        with pytest.raises(ValueError):
            configure_logging("loud", "json", stream=out)
        with pytest.raises(ValueError):
            configure_logging("info", "xml", stream=out)
    finally:
        for handler in list(root.handlers):
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        logging.getLogger("kairos_keepers").setLevel(logging.NOTSET)
