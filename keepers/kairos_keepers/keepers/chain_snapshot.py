"""One read of what valuing some margin accounts needs (the ``risk`` and ``rebalancer`` keepers).

A few calls through the keeper's rate-limited RPC: the margin accounts, the Exchange and
the Clock in one ``getMultipleAccounts``; every CollateralAsset and PerpMarket by
``getProgramAccounts``; the oracles they name in one more ``getMultipleAccounts``. The
health and risk math is then the SDK's exact mirror (:mod:`kairos.math.health`,
:mod:`kairos.risk`) on those accounts, at the Clock's slot and time.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from kairos.accounts import CollateralAsset, Exchange, MarginAccount, Oracle, PerpMarket
from kairos.clock import clock_unix_timestamp
from kairos.constants import QUOTE_ASSET_INDEX
from kairos.math.health import HealthBreakdown, health_breakdown
from kairos.pda import exchange_address
from solders.pubkey import Pubkey
from solders.sysvar import CLOCK as CLOCK_SYSVAR

from kairos_keepers.rpc import RateLimitedRpc, account_filters


@dataclasses.dataclass(frozen=True)
class ChainSnapshot:
    """Margin accounts with every asset, market and oracle, read together."""

    margins: dict[Pubkey, MarginAccount]
    assets: dict[int, CollateralAsset]
    markets: dict[int, PerpMarket]
    oracles: dict[Pubkey, Oracle]
    quote_decimals: int
    slot: int
    unix_timestamp: int

    def health(self, account: MarginAccount) -> HealthBreakdown:
        """The program's health of ``account`` (raises its errors, e.g. a stale oracle)."""
        return health_breakdown(
            account,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )


async def read_snapshot(
    rpc: RateLimitedRpc, program_id: Pubkey, margin_keys: Sequence[Pubkey]
) -> ChainSnapshot:
    """The margin accounts (missing ones left out) and what their health reads."""
    keys = list(margin_keys)
    infos = await rpc.get_multiple_accounts([*keys, exchange_address(program_id), CLOCK_SYSVAR])
    exchange_info, clock_info = infos[-2], infos[-1]
    if exchange_info is None or clock_info is None:
        raise LookupError("the Exchange or the Clock sysvar is missing")
    clock = bytes(clock_info.data)
    _, asset_items = await rpc.get_program_accounts(program_id, account_filters(CollateralAsset))
    _, market_items = await rpc.get_program_accounts(program_id, account_filters(PerpMarket))
    assets = {
        asset.index: asset
        for asset in (CollateralAsset.decode(bytes(info.data)) for _, info in asset_items)
    }
    markets = {
        market.index: market
        for market in (PerpMarket.decode(bytes(info.data)) for _, info in market_items)
    }
    oracle_keys = sorted(
        {a.oracle for a in assets.values() if a.index != QUOTE_ASSET_INDEX}
        | {m.oracle for m in markets.values()},
        key=bytes,
    )
    oracle_infos = await rpc.get_multiple_accounts(oracle_keys) if oracle_keys else []
    oracles = {
        key: Oracle.decode(bytes(info.data))
        for key, info in zip(oracle_keys, oracle_infos, strict=True)
        if info is not None
    }
    margins = {
        key: MarginAccount.decode(bytes(info.data))
        for key, info in zip(keys, infos, strict=False)
        if info is not None
    }
    return ChainSnapshot(
        margins,
        assets,
        markets,
        oracles,
        Exchange.decode(bytes(exchange_info.data)).quote_decimals,
        int.from_bytes(clock[:8], "little"),
        clock_unix_timestamp(clock),
    )
