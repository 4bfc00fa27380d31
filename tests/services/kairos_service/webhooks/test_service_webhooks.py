"""End to end: a real chain, ``kairos serve``, ``kairos webhooks ...``, a real receiver."""

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

from ..chain import PRICE_100, free_port, new_trader, round_trip, running_service
from .helpers import ThreadedReceiver

SECRET = "whsec_end_to_end_secret_42"


def test_trades_reach_a_subscriber_through_the_cli(service_chain: Setup, tmp_path: Path) -> None:
    setup = service_chain
    config = ServiceConfig(
        database_url=f"sqlite:///{tmp_path / 'service.db'}", rpc_url=setup.cluster.rpc_url,
        ws_url=setup.cluster.ws_url, port=free_port(),
    )  # fmt: skip
    runner = CliRunner()
    with running_service(config) as url, ThreadedReceiver(SECRET) as receiver:
        base = ["--service-url", url]
        made = runner.invoke(app, ["webhooks", "create", receiver.url("fills"), "--event",
                                   "OrderFilled", "--secret", SECRET, "--json", *base])
        assert made.exit_code == 0, made.output
        hook = json.loads(made.output)
        bad = runner.invoke(app, ["webhooks", "create", receiver.url("x"), "--event", "Nope",
                                  *base])  # fmt: skip
        assert bad.exit_code == 1 and "unknown event type" in bad.output

        async def trade() -> str:
            maker, taker = await new_trader(setup), await new_trader(setup)
            async with maker, taker:
                await round_trip(setup, maker, taker, 10, PRICE_100, PRICE_100 + 1_000)
            return str(taker.margin_account_address())

        taker = asyncio.run(trade())
        # The session's chain holds earlier tests' fills too: a new service indexes them
        # after the subscription and delivers them first, so wait for this taker's two
        # fills (it opens and closes: two OrderFilled events, delivered one by one).
        deadline = time.monotonic() + 30
        while sum(taker in r.body["accounts"] for r in receiver.received) < 2:
            assert time.monotonic() < deadline, receiver.received
            time.sleep(0.2)
        fills = [r.body for r in receiver.received]
        assert {f["type"] for f in fills} == {"OrderFilled"}
        assert len({r.event_id for r in receiver.received}) >= 2
        assert receiver.bad_signatures == 0

        # The same process exports the business and worker metrics of what just happened.
        from prometheus_client.parser import text_string_to_metric_families

        samples = {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(httpx.get(f"{url}/metrics").text)
            for sample in family.samples
        }
        fills = sum(v for (n, _), v in samples.items() if n == "kairos_fills_total")
        volume = sum(v for (n, _), v in samples.items() if n == "kairos_volume_quote_total")
        assert fills >= 2 and volume > 0
        assert samples[("kairos_webhook_attempts_total", (("outcome", "sent"),))] >= 2
        listed = json.loads(runner.invoke(app, ["webhooks", "list", "--json", *base]).output)
        assert [w["id"] for w in listed["webhooks"]] == [hook["id"]]
        shown = runner.invoke(app, ["webhooks", "deliveries", hook["id"], *base])
        assert shown.exit_code == 0 and "sent" in shown.output and "200 in" in shown.output
        doc = json.loads(runner.invoke(app, ["webhooks", "deliveries", hook["id"], "--json",
                                             *base]).output)  # fmt: skip
        first = doc["deliveries"][-1]
        assert first["status"] == "sent" and first["attempt_log"][0]["status_code"] == 200
        before = len(receiver.received)
        again = runner.invoke(app, ["webhooks", "replay", hook["id"], "--delivery",
                                    str(first["id"]), "--json", *base])  # fmt: skip
        assert json.loads(again.output)["queued"] == 1
        deadline = time.monotonic() + 15
        while len(receiver.received) == before:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        assert receiver.received[-1].event_id == first["event_id"]  # same idempotency key
        bad_range = runner.invoke(app, ["webhooks", "replay", hook["id"], "--since", "yesterday",
                                        *base])  # fmt: skip
        assert bad_range.exit_code == 1 and "ISO 8601" in bad_range.output
        gone = runner.invoke(app, ["webhooks", "delete", hook["id"], *base])
        assert gone.exit_code == 0
        missing = runner.invoke(app, ["webhooks", "delete", hook["id"], *base])
        assert missing.exit_code == 1 and "404" in missing.output
