"""The account page in Debian's headless chromium: state, metrics, live /ws, charts with data."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from kairos.params import PlaceOrderParams
from kairos_service.config import ServiceConfig
from PIL import Image

from tests.clients.conftest import Setup

from .browser import browser_page
from .chain import PRICE_100, free_port, new_trader, round_trip, running_service

PNL_BLUE = (31, 111, 235)


def _count_colour(png: bytes, colour: tuple[int, int, int], tolerance: int = 40) -> int:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    return sum(
        1 for pixel in image.getdata()
        if all(abs(a - b) <= tolerance for a, b in zip(pixel, colour, strict=True))
    )  # fmt: skip


def test_account_page_renders_live_data(service_chain: Setup, tmp_path: Path) -> None:
    setup = service_chain
    port = free_port()
    config = ServiceConfig(
        database_url=f"sqlite:///{tmp_path / 'service.db'}", rpc_url=setup.cluster.rpc_url,
        ws_url=setup.cluster.ws_url, port=port, snapshot_seconds=0.5, live_seconds=0.3,
        oracle_sample_seconds=1.0,
    )  # fmt: skip
    with running_service(config):
        async def trade() -> str:
            maker, taker = await new_trader(setup), await new_trader(setup)
            async with maker, taker:
                for gain in (30_000, -20_000, 50_000):
                    await round_trip(setup, maker, taker, 10, PRICE_100, PRICE_100 + gain)
                    await asyncio.sleep(0.7)  # a snapshot between trades: P&L moves
                await maker.send(
                    maker.orders.place(PlaceOrderParams(setup.market_index, 1, PRICE_100, 5))
                )
                await taker.send(
                    taker.orders.place(PlaceOrderParams(setup.market_index, 0, PRICE_100, 5))
                )  # open long
            return str(taker.margin_account_address())

        account = asyncio.run(trade())
        with browser_page(f"http://127.0.0.1:{port}/accounts/{account}") as page:
            page.wait_for("document.getElementById('ws-status').textContent === 'live'")
            page.wait_for("Number(document.getElementById('ws-count').textContent) > 3")
            page.wait_for("Number(document.getElementById('pnl-chart').dataset.points) >= 3")
            page.wait_for("document.querySelector('#positions tbody tr') !== null")
            metrics = page.evaluate(
                "Object.fromEntries([...document.querySelectorAll('#metrics tr')]"
                ".map(r => [r.cells[0].textContent, r.cells[1].textContent]))"
            )
            assert metrics["trades"] == "3" and metrics["win rate"] == "66.67 %"
            position = page.evaluate(
                "[...document.querySelector('#positions tbody tr').cells].map(c => c.textContent)"
            )
            assert position[0] == "SOL-PERP" and position[1] == "5"
            assert page.evaluate("document.getElementById('error').textContent") == ""
            rect = page.evaluate(
                "(() => { const r = document.getElementById('pnl-chart').getBoundingClientRect();"
                " return {x: r.x, y: r.y + window.scrollY, width: r.width, height: r.height}; })()"
            )
            chart = page.screenshot(clip=rect)
            (tmp_path / "pnl-chart.png").write_bytes(chart)
            (tmp_path / "page.png").write_bytes(page.screenshot())
        # The P&L line is drawn in its blue across the chart: it renders data.
        blue = _count_colour(chart, PNL_BLUE)
        assert blue > 300, f"only {blue} P&L-line pixels in {tmp_path / 'pnl-chart.png'}"
