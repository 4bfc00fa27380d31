"""`kairos performance show` and `kairos account state` against a running service."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import httpx
from kairos_cli.app import app
from kairos_service.config import ServiceConfig
from typer.testing import CliRunner

from tests.clients.conftest import Setup

from .chain import PRICE_100, free_port, new_trader, round_trip, running_service


def test_performance_and_state_commands(service_chain: Setup, tmp_path: Path) -> None:
    setup = service_chain
    config = ServiceConfig(
        database_url=f"sqlite:///{tmp_path / 'service.db'}", rpc_url=setup.cluster.rpc_url,
        ws_url=setup.cluster.ws_url, port=free_port(), snapshot_seconds=0.5,
    )  # fmt: skip
    runner = CliRunner()
    with running_service(config) as url:

        async def trade() -> str:
            maker, taker = await new_trader(setup), await new_trader(setup)
            async with maker, taker:
                for gain in (10_000, -5_000):
                    await round_trip(setup, maker, taker, 10, PRICE_100, PRICE_100 + gain)
                    await asyncio.sleep(0.7)
            return str(taker.margin_account_address())

        account = asyncio.run(trade())
        deadline = time.monotonic() + 30
        while True:
            summary = httpx.get(f"{url}/api/performance/summary",
                                params={"account": account, "window": "all"}).json()  # fmt: skip
            if summary.get("trades") == 2 and summary.get("snapshots", 0) >= 3:
                break
            assert time.monotonic() < deadline, summary
            time.sleep(0.3)

        shown = runner.invoke(app, ["performance", "show", account, "--service-url", url])
        assert shown.exit_code == 0, shown.output
        assert "win rate" in shown.output and "50 %" in shown.output
        assert "P&L (quote)" in shown.output and "┤" in shown.output  # the chart's axis
        as_json = runner.invoke(app, ["performance", "show", account, "--service-url", url,
                                      "--json"])  # fmt: skip
        report = json.loads(as_json.output)
        assert report["summary"]["trades"] == 2 and report["quote_decimals"] == 6

        state = runner.invoke(app, ["account", "state", account, "--service-url", url])
        assert state.exit_code == 0, state.output
        assert "at slot" in state.output and "free collateral" in state.output
        raw = json.loads(runner.invoke(app, ["account", "state", account, "--service-url", url,
                                             "--json"]).output)  # fmt: skip
        assert raw["margin_account"] == account and raw["slot"] > 0

        unknown = "11111111111111111111111111111112"
        missing = runner.invoke(app, ["account", "state", unknown, "--service-url", url])
        assert missing.exit_code == 1 and "not a Kairos margin account" in missing.output
        bad = runner.invoke(app, ["performance", "show", account, "--window", "9z",
                                  "--service-url", url])  # fmt: skip
        assert bad.exit_code == 1 and "is not N followed by" in bad.output

    down = runner.invoke(app, ["account", "state", account, "--service-url", url])
    assert down.exit_code == 1 and "cannot reach the Kairos service" in down.output


def test_serve_migrate_only_and_bad_database_url(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = runner.invoke(app, ["serve", "--migrate-only", "--database-url", url])
    assert result.exit_code == 0, result.output
    from kairos_service.db.migrate import head_revision

    assert f"database at revision {head_revision()}" in result.output
    bad = runner.invoke(app, ["serve", "--database-url", "mysql://x/y"])
    assert bad.exit_code == 2 and "unsupported database URL" in bad.output
