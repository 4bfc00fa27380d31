"""Fixtures for the SDK's end-to-end tests: a cluster with Kairos deployed and one exchange.

The Exchange is a singleton PDA, so one is initialized per session (quote mint,
a collateral asset, a perp market, their oracles) and every test makes its own
traders and margin accounts on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from kairos.client import KairosClient, PerpMarketParams
from kairos.params import AddCollateralAssetParams, CreateOracleParams, InitializeExchangeParams
from kairos_localnet.pytest_plugin import localnet_fixture
from kairos_localnet.testing import Cluster, start_cluster
from kairos_toolchain.build import build_program
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature

ROOT = Path(__file__).resolve().parents[2]
LAMPORTS_PER_SOL = 1_000_000_000
# Oracles stay fresh for the whole session at the embedded localnet's 100 ms slots.
STALENESS_SLOTS = 100_000
QUOTE_DECIMALS = 6
BASE_DECIMALS = 9


@dataclass
class Setup:
    """The session's exchange: who administers it and what it lists."""

    cluster: Cluster
    admin: Keypair
    quote_mint: Pubkey
    base_mint: Pubkey
    base_oracle: Pubkey
    perp_oracle: Pubkey
    market_index: int
    signatures: dict[str, Signature]

    def client(self, wallet: Keypair | None = None) -> KairosClient:
        return KairosClient(self.cluster.rpc_url, wallet or self.admin, confirm_poll_seconds=0.05)


def program_deployment() -> tuple[Keypair, bytes]:
    """The program keypair and the freshly built program."""
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    return Keypair.from_bytes(bytes(json.loads(keypair_file.read_text()))), program


# A cluster with the freshly built Kairos program (embedded localnet by default), from
# the integrators' pytest plugin: Anchor.toml's programs, built and deployed.
kairos_cluster = localnet_fixture(ROOT, slot_ms=100)


@contextlib.contextmanager
def own_exchange() -> Iterator[Setup]:
    """A cluster and exchange of one's own, for tests that warp the clock far ahead
    (the session's oracles would go stale for every other test)."""
    with start_cluster([program_deployment()], slot_ms=100) as cluster:
        yield asyncio.run(_set_up(cluster))


async def _set_up(cluster: Cluster) -> Setup:
    admin = Keypair()
    async with KairosClient(cluster.rpc_url, admin, confirm_poll_seconds=0.05) as client:
        await client.tokens.airdrop(100 * LAMPORTS_PER_SOL)
        quote = await client.tokens.create_mint(QUOTE_DECIMALS)
        base = await client.tokens.create_mint(BASE_DECIMALS)
        signatures = {
            "initialize_exchange": (
                await client.send(
                    client.admin.initialize_exchange(InitializeExchangeParams(quote, 5_000))
                )
            ).signature
        }
        signatures["create_oracle"] = (
            await client.send(client.oracles.create(CreateOracleParams(1, 20_000_000, 10_000, -6)))
        ).signature
        await client.send(client.oracles.create(CreateOracleParams(2, 100_000_000, 20_000, -6)))
        signatures["add_collateral_asset"] = (
            await client.send(
                client.admin.add_collateral_asset(
                    AddCollateralAssetParams(
                        base,
                        client.oracle_address(1),
                        max_staleness_slots=STALENESS_SLOTS,
                        init_asset_weight_bps=8_000,
                        maint_asset_weight_bps=9_000,
                    )
                )
            )
        ).signature
        setup = await client.admin.create_perp_market(
            PerpMarketParams(
                name="SOL-PERP",
                oracle=client.oracle_address(2),
                base_lot_size=10_000_000,  # 0.01 SOL
                tick_size=100,  # 0.01 USDC per SOL
                base_decimals=BASE_DECIMALS,
                max_staleness_slots=STALENESS_SLOTS,
                taker_fee_bps=10,
                maker_fee_bps=-2,
            )
        )
        signatures["create_perp_market"] = (
            await client.send(setup)
        ).signature
        return Setup(
            cluster,
            admin,
            quote,
            base,
            client.oracle_address(1),
            client.oracle_address(2),
            setup.market_index,
            signatures,
        )


@pytest.fixture(scope="session")
def kairos_setup(kairos_cluster: Cluster) -> Setup:
    """The session's exchange, created once through the SDK."""
    return asyncio.run(_set_up(kairos_cluster))
