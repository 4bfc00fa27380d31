"""README's "Trade from Python" example, run as written against a ready-to-trade localnet."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from kairos.client import KairosClient
from kairos.events import OrderFilled
from kairos_cli.faucet import mint_test_tokens
from kairos_localnet import preset
from kairos_localnet.testing import start_cluster
from solders.keypair import Keypair

from tests.clients.conftest import program_deployment

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Trade from Python (the SDK)"


def example() -> dict[str, Any]:
    """The section's Python block, executed: its names."""
    text = (ROOT / "README.md").read_text()
    assert SECTION in text, "README lost its SDK section"
    section = text.split(SECTION, 1)[1].split("\n## ", 1)[0]
    [block] = re.findall(r"```python\n(.*?)```", section, re.S)
    names: dict[str, Any] = {}
    exec(compile(block, "README.md", "exec"), names)
    return names


async def test_the_sdk_example_buys_one_sol(capsys: Any) -> None:
    buy_one_sol = example()["buy_one_sol"]
    usdc = preset.ASSETS[0].mint
    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        wallet = Keypair()
        async with preset.ready_to_trade(cluster.rpc_url, feed_seconds=0.3):
            async with KairosClient(cluster.rpc_url, wallet) as client:
                await client.tokens.airdrop(10 * 10**9)
                await mint_test_tokens(client, usdc, 1_000 * 10**6)
            result = await buy_one_sol(cluster.rpc_url, wallet, usdc)
            async with KairosClient(cluster.rpc_url, wallet) as client:
                positions = (await client.get_margin_account()).active_perp_positions()
    fills = result.events_of(OrderFilled)
    assert sum(fill.base_lots for fill in fills) == 100
    assert [(p.market_index, p.base_lots) for p in positions] == [(0, 100)]
    assert result.compute_units is not None and 0 < result.compute_units
    assert result.compute_units <= (result.compute_unit_limit or 0)
    printed = capsys.readouterr().out
    assert printed.count(" SOL at ") == len(fills) and str(result.signature) in printed
