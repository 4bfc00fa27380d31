"""Localnet helpers for the ``risk`` keeper (tests and benchmarks/risk_keeper.py).

Lists perp markets on oracles of their own (one risk factor each), makes them the
exchange's risk factors, authorises a publisher, moves the oracles along correlated
random walks, and runs the keeper in this event loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import math
import random
from collections.abc import Sequence

from kairos.client import KairosClient, PerpMarketParams
from kairos.params import (
    CreateOracleParams,
    SetRiskFactorsParams,
    SetRiskPublisherParams,
    UpdateOracleParams,
)
from kairos.pda import perp_market_address
from kairos.risk import risk_parameters_address
from prometheus_client import CollectorRegistry
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.risk import RiskKeeper, RiskSettings
from kairos_keepers.lifecycle import KeeperRuntime

PRICE_EXPONENT = -6
START_PRICE = 100_000_000  # 100.0 at exponent -6
STALENESS_SLOTS = 1_000_000


@dataclasses.dataclass(frozen=True)
class Factor:
    """A perp market on an oracle of its own."""

    oracle: Pubkey
    market: Pubkey
    market_index: int


async def list_factor_markets(
    admin: KairosClient, count: int, *, first_seed: int = 1_000
) -> list[Factor]:
    """``count`` new perp markets, each on a new oracle of ``admin`` (price 100)."""
    factors: list[Factor] = []
    for offset in range(count):
        seed = first_seed + offset
        await admin.send(
            admin.oracles.create(CreateOracleParams(seed, START_PRICE, 1_000, PRICE_EXPONENT))
        )
        oracle = admin.oracle_address(seed)
        setup = await admin.admin.create_perp_market(
            PerpMarketParams(
                name=f"F{seed}-PERP",
                oracle=oracle,
                base_lot_size=10_000_000,
                tick_size=100,
                base_decimals=9,
                max_staleness_slots=STALENESS_SLOTS,
            )
        )
        await admin.send(setup)
        factors.append(Factor(oracle, setup.market, setup.market_index))
    return factors


async def make_factors(
    admin: KairosClient, sources: Sequence[Pubkey], publisher: Pubkey | None = None
) -> None:
    """RiskParameters (created if missing), factors = ``sources``' oracles, the publisher."""
    info = await admin.connection.get_account_info(risk_parameters_address(admin.program_id))
    if info.value is None:
        await admin.send(admin.risk.initialize_risk_parameters())
    await admin.send(admin.risk.set_risk_factors(SetRiskFactorsParams(list(sources))))
    if publisher is not None:
        await admin.send(admin.risk.set_risk_publisher(SetRiskPublisherParams(publisher)))


class CorrelatedWalk:
    """Prices following a random walk with a common factor (correlation ``rho``).

    Each step's log return is ``vol × (sqrt(rho) z_0 + sqrt(1 − rho) z_i)``.
    """

    def __init__(self, count: int, *, vol: float, rho: float, seed: int = 7) -> None:
        self.vol = vol
        self.rho = rho
        self.rng = random.Random(seed)
        self.log_prices = [math.log(START_PRICE)] * count

    def step(self, jump: dict[int, float] | None = None) -> list[int]:
        """The next prices (native, exponent -6); ``jump`` adds log moves to some factors."""
        common = self.rng.gauss(0, 1)
        for i in range(len(self.log_prices)):
            own = self.rng.gauss(0, 1)
            move = self.vol * (math.sqrt(self.rho) * common + math.sqrt(1 - self.rho) * own)
            self.log_prices[i] += move + (jump or {}).get(i, 0.0)
        return [max(1, round(math.exp(p))) for p in self.log_prices]


async def publish_prices(
    admin: KairosClient, oracles: Sequence[Pubkey], prices: Sequence[int]
) -> None:
    """Update every oracle (one transaction each, sent concurrently)."""
    await asyncio.gather(
        *(
            admin.send(admin.oracles.update(UpdateOracleParams(o, p, 1_000)))
            for o, p in zip(oracles, prices, strict=True)
        )
    )


def risk_runtime(
    rpc_url: str,
    payer: Keypair,
    settings: RiskSettings,
    *,
    ws_url: str | None = None,
    poll_interval: float = 0.05,
) -> KeeperRuntime:
    """A ``risk`` keeper runtime for this event loop (no metrics server, no signals)."""
    config = KeeperConfig(
        rpc_url=rpc_url,
        ws_url=ws_url or "",
        poll_interval=poll_interval,
        metrics_enabled=False,
        confirm_poll_interval=0.05,
    )
    return KeeperRuntime(
        RiskKeeper,
        config,
        settings,
        payer=payer,
        registry=CollectorRegistry(),
        install_signal_handlers=False,
    )


def market_addresses(factors: Sequence[Factor], program_id: Pubkey) -> list[Pubkey]:
    """The factors' PerpMarket addresses (what set_risk_factors lists)."""
    return [perp_market_address(f.market_index, program_id) for f in factors]
