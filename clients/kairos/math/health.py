"""Health and margin math, mirrored from the program (docs/ARCHITECTURE.md, "Health").

Everything is integer arithmetic in quote native units with the program's rounding
directions: assets round down, liabilities and margins round up, and the oracle's
confidence is taken against the user (``price - confidence`` for what the account
holds, ``price + confidence`` for what it owes). For a weight set W (initial or
maintenance):

    H_W = quote_balance − pending borrow interest (kairos.math.borrow)
        + Σ collateral  floor(floor(amount × value_low) × asset_weight_W / 10,000)
        + Σ perp        min(h_W(all bids fill), h_W(all asks fill))

with each position's ``quote_position`` less the socialized loss it owes
(:func:`pending_socialized_loss`) and the funding it owes
(:func:`kairos.math.funding.pending_funding`).

The initial weight of an asset whose total deposits exceed its
``init_weight_scale_threshold`` (> 0) is scaled by threshold / total deposits
(floor, after the weighting), and with a ``concentration_limit_bps`` an asset's
initial-weighted value counts at most that share of the account's
initial-weighted collateral (Σ assets + max(quote_balance, 0)).

    bids fill: b = base_lots + bids_base_lots,  q = quote_position − bids_quote
    asks fill: b = base_lots − asks_base_lots,  q = quote_position + asks_quote
    pnl  = b × (b > 0 ? price_low_per_lot (floor) : price_high_per_lot (ceil)) + q
    h_W  = (pnl > 0 ? floor(pnl × pnl_weight_W / 10,000) : pnl)
           − ceil(|b| × price_per_lot (ceil) × margin_ratio_W / 10,000)

Every sum, and every quantity the program keeps in an i64, is checked: a value
outside i64 raises :class:`kairos.errors.MathOverflow` as the program would. Oracle
checks raise the program's errors too (``InvalidOraclePrice``, ``StaleOracle``,
``OracleConfidenceTooWide``), and a position whose asset, market or oracle is not
supplied raises ``HealthAccountsMismatch``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from decimal import Decimal

from solders.pubkey import Pubkey

from kairos import errors
from kairos.accounts import CollateralAsset, MarginAccount, Oracle, PerpMarket, PerpPosition
from kairos.constants import BPS_DENOMINATOR, I64_MAX, I64_MIN, QUOTE_ASSET_INDEX, U64_MAX
from kairos.math.borrow import quote_after_interest
from kairos.math.funding import pending_funding


def floor_div(numerator: int, denominator: int) -> int:
    """⌊numerator / denominator⌋ for a positive denominator."""
    return numerator // denominator


def ceil_div(numerator: int, denominator: int) -> int:
    """⌈numerator / denominator⌉ for a positive denominator."""
    return -((-numerator) // denominator)


def checked_i64(value: int) -> int:
    """``value`` if it fits an i64, else the program's ``MathOverflow``."""
    if not I64_MIN <= value <= I64_MAX:
        raise errors.MathOverflow()
    return value


def checked_u64(value: int) -> int:
    """``value`` if it fits a u64, else the program's ``MathOverflow``."""
    if not 0 <= value <= U64_MAX:
        raise errors.MathOverflow()
    return value


def scale_pow10(value: int, exponent: int, *, round_up: bool = False) -> int:
    """``value × 10^exponent``, rounded down (or up) when the exponent is negative."""
    if exponent >= 0:
        scaled: int = value * 10**exponent
        return scaled
    divisor: int = 10**-exponent
    return ceil_div(value, divisor) if round_up else floor_div(value, divisor)


# --- oracle -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OraclePrice:
    """A validated price: ``price × 10^exponent``, confidence in the same exponent."""

    price: int
    confidence: int
    exponent: int

    @property
    def low(self) -> int:
        """``price − confidence``, floored at 0: how assets are valued."""
        return max(self.price - self.confidence, 0)

    @property
    def high(self) -> int:
        """``price + confidence``: how liabilities are valued."""
        return self.price + self.confidence


def read_oracle(
    oracle: Oracle, *, slot: int, max_staleness_slots: int, max_confidence_bps: int
) -> OraclePrice:
    """Validate an oracle as ``oracle_read`` does: positive, fresh, confident enough."""
    if oracle.price <= 0:
        raise errors.InvalidOraclePrice()
    # A publish slot ahead of the clock cannot happen on chain (the program stamps
    # the current slot); treat it as fresh.
    if max(slot - oracle.publish_slot, 0) > max_staleness_slots:
        raise errors.StaleOracle()
    if oracle.confidence * BPS_DENOMINATOR > oracle.price * max_confidence_bps:
        raise errors.OracleConfidenceTooWide()
    return OraclePrice(oracle.price, oracle.confidence, oracle.exponent)


def oracle_to_decimal(value: int, exponent: int) -> Decimal:
    """A price or confidence in whole quote per whole base unit (``value × 10^exponent``)."""
    return Decimal(value).scaleb(exponent)


# --- unit conversions ---------------------------------------------------------------


def collateral_value(
    amount: int,
    price: int,
    *,
    exponent: int,
    quote_decimals: int,
    asset_decimals: int,
    round_up: bool = False,
) -> int:
    """Quote native value of ``amount`` native units at ``price × 10^exponent``.

    ``amount × price × 10^(exponent + quote_decimals − asset_decimals)``, rounded down
    (assets) unless ``round_up``.
    """
    shift = exponent + quote_decimals - asset_decimals
    return scale_pow10(amount * price, shift, round_up=round_up)


def price_per_lot(
    price: int,
    *,
    exponent: int,
    base_lot_size: int,
    quote_decimals: int,
    base_decimals: int,
    round_up: bool = False,
) -> int:
    """An oracle price in quote native units per lot of a market.

    ``price × base_lot_size × 10^(exponent + quote_decimals − base_decimals)``, rounded
    down unless ``round_up`` (liabilities and margins round up).
    """
    shift = exponent + quote_decimals - base_decimals
    return scale_pow10(price * base_lot_size, shift, round_up=round_up)


@dataclasses.dataclass(frozen=True)
class LotPrices:
    """A market's oracle price per lot, in the three roundings health needs."""

    low: int  # (price − confidence) per lot, floor: values a long
    high: int  # (price + confidence) per lot, ceil: values a short
    mid: int  # price per lot, ceil: the margin base


def lot_prices(oracle: OraclePrice, market: PerpMarket, quote_decimals: int) -> LotPrices:
    """The per-lot prices of a market at a validated oracle price.

    Each conversion must fit a u64, and ``low`` / ``high`` an i64 (they multiply a
    signed position), as in the program.
    """

    def convert(price: int, round_up: bool) -> int:
        return checked_u64(
            price_per_lot(
                price,
                exponent=oracle.exponent,
                base_lot_size=market.base_lot_size,
                quote_decimals=quote_decimals,
                base_decimals=market.base_decimals,
                round_up=round_up,
            )
        )

    high_price = checked_u64(oracle.high)
    return LotPrices(
        low=checked_i64(convert(oracle.low, False)),
        high=checked_i64(convert(high_price, True)),
        mid=convert(oracle.price, True),
    )


# --- health -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class HealthResult:
    """Initial and maintenance health in quote native units (what compute_health returns)."""

    init: int
    maint: int


@dataclasses.dataclass(frozen=True)
class PositionHealth:
    """One position's contribution to health (asset or market index, both weight sets)."""

    index: int
    init: int
    maint: int


@dataclasses.dataclass(frozen=True)
class HealthBreakdown:
    """Health with each position's contribution, in slot order."""

    quote_balance: int
    collateral: tuple[PositionHealth, ...]
    perps: tuple[PositionHealth, ...]
    init: int
    maint: int
    # Σ perp max-scenario ceil(notional × maint margin) + Σ collateral (value −
    # maintenance-weighted value): the base of the liquidation buffer.
    maint_requirement: int = 0
    # Σ collateral maintenance-weighted value + max(quote_balance, 0).
    weighted_collateral: int = 0

    @property
    def utilization_bps(self) -> int:
        """Margin in use ÷ weighted collateral, in bps (0 with no collateral)."""
        if self.weighted_collateral == 0:
            return 0
        return floor_div(self.maint_requirement * BPS_DENOMINATOR, self.weighted_collateral)

    @property
    def result(self) -> HealthResult:
        """The two totals."""
        return HealthResult(self.init, self.maint)


@dataclasses.dataclass(frozen=True)
class ScenarioValue:
    """One open-order scenario of a position: its PnL and the notional margins apply to."""

    pnl: int
    notional: int


def scenario_value(base_lots: int, quote: int, prices: LotPrices) -> ScenarioValue:
    """``pnl = b × (b > 0 ? low : high) + q`` and ``notional = |b| × mid``, checked."""
    base_value = checked_i64(base_lots * (prices.low if base_lots > 0 else prices.high))
    return ScenarioValue(
        pnl=checked_i64(base_value + quote),
        notional=checked_u64(abs(base_lots) * prices.mid),
    )


def scenario_values(
    position: PerpPosition, prices: LotPrices
) -> tuple[ScenarioValue, ScenarioValue]:
    """The position after all its bids fill, and after all its asks fill."""
    bids_base = checked_i64(position.bids_base_lots)
    asks_base = checked_i64(position.asks_base_lots)
    bids_quote = checked_i64(position.bids_quote)
    asks_quote = checked_i64(position.asks_quote)
    bids_fill = scenario_value(
        checked_i64(position.base_lots + bids_base),
        checked_i64(position.quote_position - bids_quote),
        prices,
    )
    asks_fill = scenario_value(
        checked_i64(position.base_lots - asks_base),
        checked_i64(position.quote_position + asks_quote),
        prices,
    )
    return bids_fill, asks_fill


def scenario_health(scenario: ScenarioValue, *, pnl_weight_bps: int, margin_bps: int) -> int:
    """``h_W``: weighted PnL (a profit floored by its weight) minus the margin (ceil)."""
    weighted = scenario.pnl
    if scenario.pnl > 0:
        weighted = checked_i64(
            checked_u64(floor_div(scenario.pnl * pnl_weight_bps, BPS_DENOMINATOR))
        )
    margin = checked_u64(ceil_div(scenario.notional * margin_bps, BPS_DENOMINATOR))
    return checked_i64(weighted - checked_i64(margin))


def pending_socialized_loss(position: PerpPosition, market: PerpMarket) -> int:
    """What ``position`` owes of the market's socialized bankruptcy losses (by size)."""
    return abs(position.base_lots) * (market.socialized_loss_per_lot - position.loss_index_snapshot)


def perp_position_health(
    position: PerpPosition, prices: LotPrices, *, pnl_weight_bps: int, margin_bps: int
) -> int:
    """A position's health for one weight set: the worse of its two open-order scenarios."""
    return min(
        scenario_health(scenario, pnl_weight_bps=pnl_weight_bps, margin_bps=margin_bps)
        for scenario in scenario_values(position, prices)
    )


def _weighted_value(value: int, weight_bps: int) -> int:
    # floor(value × weight / 10,000), a u64 that must also fit the i64 totals.
    return checked_i64(checked_u64(floor_div(value * weight_bps, BPS_DENOMINATOR)))


def _scaled_init_weighted(asset: CollateralAsset, value: int) -> int:
    """floor(value × init weight), scaled by threshold / total deposits past the threshold."""
    weighted = checked_u64(floor_div(value * asset.init_asset_weight_bps, BPS_DENOMINATOR))
    threshold = asset.init_weight_scale_threshold
    if threshold != 0 and asset.total_deposits > threshold:
        weighted = floor_div(weighted * threshold, asset.total_deposits)
    return checked_i64(weighted)


def _apply_concentration(
    entries: list[PositionHealth], assets: Mapping[int, CollateralAsset], quote_balance: int
) -> list[PositionHealth]:
    """Cap each asset's initial-weighted value at its limit share, as the program does.

    The share is of the account's total: Σ initial-weighted collateral +
    max(quote_balance, 0).
    """
    total = max(quote_balance, 0)
    for entry in entries:
        total = checked_u64(total + entry.init)
    capped: list[PositionHealth] = []
    for entry in entries:
        limit = assets[entry.index].concentration_limit_bps
        init = entry.init
        if limit:
            init = min(init, checked_u64(floor_div(total * limit, BPS_DENOMINATOR)))
        capped.append(dataclasses.replace(entry, init=init))
    return capped


def _lookup_oracle(oracles: Mapping[Pubkey, Oracle], key: Pubkey) -> Oracle:
    try:
        return oracles[key]
    except KeyError:
        raise errors.HealthAccountsMismatch() from None


def _quote_term(
    account: MarginAccount, assets: Mapping[int, CollateralAsset], unix_timestamp: int | None
) -> int:
    if account.quote_balance >= 0 or account.borrow_principal == 0:
        return account.quote_balance  # no borrow interest is owed (kairos.math.borrow)
    quote = assets.get(QUOTE_ASSET_INDEX)
    if quote is None:
        raise errors.HealthAccountsMismatch()  # the program needs it too
    return checked_i64(quote_after_interest(account, quote, unix_timestamp))


def health_breakdown(
    account: MarginAccount,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    oracles: Mapping[Pubkey, Oracle],
    quote_decimals: int,
    slot: int,
    unix_timestamp: int | None = None,
) -> HealthBreakdown:
    """Health of ``account`` with each position's contribution.

    ``assets`` / ``markets`` map indexes to accounts, ``oracles`` maps oracle
    addresses to oracle accounts; ``slot`` is the current slot (staleness) and
    ``unix_timestamp`` the cluster's clock, to which the borrow index is rolled
    forward (None: the index as stored). An account owing borrow interest needs the
    quote asset (index 0) in ``assets``.
    """
    quote_term = _quote_term(account, assets, unix_timestamp)
    init = maint = quote_term
    requirement = 0
    weighted_collateral = max(quote_term, 0)
    collateral: list[PositionHealth] = []
    for position in account.active_collateral():
        asset = assets.get(position.asset_index)
        if asset is None or position.asset_index == QUOTE_ASSET_INDEX:
            raise errors.HealthAccountsMismatch()
        oracle = read_oracle(
            _lookup_oracle(oracles, asset.oracle),
            slot=slot,
            max_staleness_slots=asset.max_staleness_slots,
            max_confidence_bps=asset.max_confidence_bps,
        )
        value = checked_u64(
            collateral_value(
                position.amount,
                oracle.low,
                exponent=oracle.exponent,
                quote_decimals=quote_decimals,
                asset_decimals=asset.decimals,
            )
        )
        entry = PositionHealth(
            position.asset_index,
            _scaled_init_weighted(asset, value),
            _weighted_value(value, asset.maint_asset_weight_bps),
        )
        maint = checked_i64(maint + entry.maint)
        weighted_collateral = checked_u64(weighted_collateral + entry.maint)
        requirement = checked_u64(requirement + value - entry.maint)
        collateral.append(entry)
    collateral = _apply_concentration(collateral, assets, quote_term)
    for entry in collateral:
        init = checked_i64(init + entry.init)

    perps: list[PositionHealth] = []
    for perp in account.active_perp_positions():
        market = markets.get(perp.market_index)
        if market is None:
            raise errors.HealthAccountsMismatch()
        oracle = read_oracle(
            _lookup_oracle(oracles, market.oracle),
            slot=slot,
            max_staleness_slots=market.max_staleness_slots,
            max_confidence_bps=market.max_confidence_bps,
        )
        prices = lot_prices(oracle, market, quote_decimals)
        # Its share of socialized losses is PnL the position owes already.
        # So is its pending funding (the program subtracts the two in this order).
        owed = pending_socialized_loss(perp, market)
        funding = pending_funding(perp, market)
        if owed or funding:
            quote = checked_i64(checked_i64(perp.quote_position - owed) - funding)
            perp = dataclasses.replace(perp, quote_position=quote)
        entry = PositionHealth(
            perp.market_index,
            perp_position_health(
                perp,
                prices,
                pnl_weight_bps=market.init_pnl_weight_bps,
                margin_bps=market.init_margin_bps,
            ),
            perp_position_health(
                perp, prices, pnl_weight_bps=BPS_DENOMINATOR, margin_bps=market.maint_margin_bps
            ),
        )
        init = checked_i64(init + entry.init)
        maint = checked_i64(maint + entry.maint)
        larger = max(scenario.notional for scenario in scenario_values(perp, prices))
        requirement = checked_u64(
            requirement + checked_u64(ceil_div(larger * market.maint_margin_bps, BPS_DENOMINATOR))
        )
        perps.append(entry)
    return HealthBreakdown(
        quote_term,
        tuple(collateral),
        tuple(perps),
        init,
        maint,
        maint_requirement=requirement,
        weighted_collateral=weighted_collateral,
    )


def compute_health(
    account: MarginAccount,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    oracles: Mapping[Pubkey, Oracle],
    quote_decimals: int,
    slot: int,
    unix_timestamp: int | None = None,
) -> HealthResult:
    """Initial and maintenance health, as the program's ``compute_health`` returns them."""
    return health_breakdown(
        account,
        assets=assets,
        markets=markets,
        oracles=oracles,
        quote_decimals=quote_decimals,
        slot=slot,
        unix_timestamp=unix_timestamp,
    ).result


# --- helpers built on health ----------------------------------------------------------


def max_withdrawable(
    account: MarginAccount,
    asset_index: int,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    oracles: Mapping[Pubkey, Oracle],
    quote_decimals: int,
    slot: int,
    unix_timestamp: int | None = None,
) -> int:
    """The largest amount of an asset (native units) a withdrawal can take.

    Bounded by the balance and by ``H_init ≥ 0`` after the withdrawal. The quote
    (asset 0) lowers health one for one; another asset is searched exactly, since
    its weighted value is monotone in the amount. (The vault's own liquidity is not
    considered.)
    """

    def init_health(candidate: MarginAccount) -> int:
        return compute_health(
            candidate,
            assets=assets,
            markets=markets,
            oracles=oracles,
            quote_decimals=quote_decimals,
            slot=slot,
            unix_timestamp=unix_timestamp,
        ).init

    current = init_health(account)
    if asset_index == QUOTE_ASSET_INDEX:
        # A quote withdrawal charges the borrow interest first; a positive
        # balance owes none.
        return max(0, min(account.quote_balance, current))
    position = account.collateral_position(asset_index)
    if position is None or current < 0:
        return 0
    slot_index = account.collateral.index(position)

    def after(amount: int) -> MarginAccount:
        remaining = dataclasses.replace(position, amount=position.amount - amount)
        slots = list(account.collateral)
        slots[slot_index] = remaining
        return dataclasses.replace(account, collateral=tuple(slots))

    low, high = 0, position.amount  # health after withdrawing `low` is known >= 0
    if init_health(after(high)) >= 0:
        return high
    while high - low > 1:
        middle = (low + high) // 2
        if init_health(after(middle)) >= 0:
            low = middle
        else:
            high = middle
    return low


def liquidation_price(
    account: MarginAccount,
    market_index: int,
    *,
    assets: Mapping[int, CollateralAsset],
    markets: Mapping[int, PerpMarket],
    oracles: Mapping[Pubkey, Oracle],
    quote_decimals: int,
    slot: int,
    unix_timestamp: int | None = None,
) -> int | None:
    """Estimate the oracle price (in the oracle's exponent) at which the account is liquidatable.

    Moves only the market's oracle (every position priced by it moves together;
    confidence keeps its ratio to the price) and searches for the price where
    maintenance health turns negative: for a long, the highest such price below the
    current one; for a short, the lowest above it. Returns the current price if the
    account is already liquidatable, None if no position in the market, or if no
    price in range makes maintenance health negative. Assumes health is monotone in
    that price, which holds when open orders do not flip the position's sign.
    """
    market = markets.get(market_index)
    position = account.perp_position(market_index)
    if market is None or position is None or position.base_lots == 0:
        return None
    oracle = _lookup_oracle(oracles, market.oracle)

    def liquidatable(price: int) -> bool:
        moved = dataclasses.replace(
            oracle, price=price, confidence=oracle.confidence * price // oracle.price
        )
        try:
            health = compute_health(
                account,
                assets=assets,
                markets=markets,
                oracles={**oracles, market.oracle: moved},
                quote_decimals=quote_decimals,
                slot=slot,
                unix_timestamp=unix_timestamp,
            )
        except errors.MathOverflow:
            return False
        return health.maint < 0

    current = oracle.price
    if liquidatable(current):
        return current
    if position.base_lots > 0:
        if not liquidatable(1):
            return None
        return _boundary(1, current, liquidatable, want_high=True)
    bound = current
    while not liquidatable(bound):
        if bound >= I64_MAX:
            return None
        bound = min(bound * 2, I64_MAX)
    return _boundary(current, bound, liquidatable, want_high=False)


def _boundary(low: int, high: int, predicate: Callable[[int], bool], *, want_high: bool) -> int:
    # Bisect between a price where `predicate` is True and one where it is False.
    # want_high: True at `low`, False at `high`; return the highest True price.
    # Otherwise False at `low`, True at `high`; return the lowest True price.
    while high - low > 1:
        middle = (low + high) // 2
        if predicate(middle) == want_high:
            low = middle
        else:
            high = middle
    return low if want_high else high


@dataclasses.dataclass(frozen=True)
class HealthContext:
    """A margin account with everything its health depends on, read at one slot.

    :meth:`kairos.client.KairosClient.get_health_context` fetches one in a single
    ``getMultipleAccounts`` call.
    """

    account: MarginAccount
    assets: Mapping[int, CollateralAsset]
    markets: Mapping[int, PerpMarket]
    oracles: Mapping[Pubkey, Oracle]
    quote_decimals: int
    slot: int
    unix_timestamp: int | None = None

    def breakdown(self) -> HealthBreakdown:
        """Health with each position's contribution."""
        return health_breakdown(
            self.account,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )

    def health(self) -> HealthResult:
        """Initial and maintenance health."""
        return self.breakdown().result

    def max_withdrawable(self, asset_index: int) -> int:
        """See :func:`max_withdrawable`."""
        return max_withdrawable(
            self.account,
            asset_index,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )

    def liquidation_price(self, market_index: int) -> int | None:
        """See :func:`liquidation_price`."""
        return liquidation_price(
            self.account,
            market_index,
            assets=self.assets,
            markets=self.markets,
            oracles=self.oracles,
            quote_decimals=self.quote_decimals,
            slot=self.slot,
            unix_timestamp=self.unix_timestamp,
        )
