"""One typed, frozen params object per instruction (as driftpy's ``OrderParams``).

A namespace method takes one of these and fills in what the chain knows (health
accounts, books, event queues, oracles, the next id): ``await
client.send(client.orders.place(PlaceOrderParams(0, Side.BID, price, lots)))``.
Prices and sizes are in native units (docs/ARCHITECTURE.md, "Units"); every
``account_index`` names one of the wallet's margin accounts.

TWAP and scheduled orders carry their program arguments as nested objects
(:class:`TwapParams`, :class:`ScheduleParams`, :class:`ScheduledOrderSpec`), as the
IDL does.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from solders.pubkey import Pubkey

from kairos.accounts import RebalanceMember, RiskLimitValues
from kairos.constants import (
    MAX_MATCHES_PER_ORDER,
    MAX_OPEN_ORDERS,
    U64_MAX,
    AuctionRest,
    OrderType,
    SelfTradeBehavior,
    Side,
    SideFilter,
    TimeInForce,
    TrailingMode,
    TriggerKind,
)

NO_LIMIT = 2**63 - 1
"""A liquidation's ``max_*`` that lets the program take what it computes."""
DEFAULT_MAX_MAKERS = 20
"""Distinct maker accounts one consume_events names: a legacy transaction (1,232 bytes)
fits about 30 keys beside the crank's own accounts."""
DEFAULT_CRANK_LIMIT = 16
DEFAULT_AUCTION_DURATION_SLOTS = 10
"""Default auction deadline: 10 slots (~4 s at 400 ms slots)."""
DEFAULT_ROUTING_THRESHOLD_BPS = 50
"""Route a market order into an auction above 0.5% estimated slippage."""
CRON_EXPRESSION_BYTES = 48
DEFAULT_KEEPER_REWARD_LAMPORTS = 10_000
DEFAULT_MATCH_LIMIT = 8


# --- exchange set-up and admin (client.admin) -----------------------------------------


@dataclass(frozen=True)
class InitializeExchangeParams:
    """Create the Exchange with the wallet as admin (``initialize_exchange``)."""

    quote_mint: Pubkey
    keeper_reward_lamports: int = 0


@dataclass(frozen=True)
class SetInstructionGateParams:
    """The instruction gate bitmask (bit i halts IDL instruction i) (``set_instruction_gate``)."""

    gate: int


@dataclass(frozen=True)
class SetMarketOrderRulesParams:
    """Arguments of ``set_market_order_rules``.

    A market's price bands around the oracle and its minimum resting size.
    """

    market_index: int
    fill_band_bps: int
    rest_band_bps: int
    min_rest_lots: int


@dataclass(frozen=True)
class AddCollateralAssetParams:
    """List ``mint`` as collateral priced by ``oracle`` (``add_collateral_asset``)."""

    mint: Pubkey
    oracle: Pubkey
    deposit_cap: int = U64_MAX
    max_staleness_slots: int = 150
    init_asset_weight_bps: int = 8_000
    maint_asset_weight_bps: int = 9_000
    max_confidence_bps: int = 200


@dataclass(frozen=True)
class PerpMarketParams:
    """Arguments of ``create_perp_market``.

    A new perp market (units: docs/ARCHITECTURE.md, "Units"); ``market_index`` defaults to the
    Exchange's market count.
    """

    name: str
    oracle: Pubkey
    base_lot_size: int
    tick_size: int
    base_decimals: int
    min_order_lots: int = 1
    open_interest_cap_lots: int = U64_MAX
    max_staleness_slots: int = 150
    init_margin_bps: int = 1_000
    maint_margin_bps: int = 500
    init_pnl_weight_bps: int = 10_000
    taker_fee_bps: int = 5
    maker_fee_bps: int = 0
    max_confidence_bps: int = 200
    market_index: int | None = None


@dataclass(frozen=True)
class SetBorrowRateParams:
    """The quote borrow rate curve (yearly bps) (``set_borrow_rate_params``)."""

    base_rate_bps: int
    optimal_rate_bps: int
    max_rate_bps: int
    optimal_utilization_bps: int


@dataclass(frozen=True)
class SetFundingParams:
    """Arguments of ``set_funding_params``.

    A market's funding period, rate clamp, mark band, pause and crank reward.
    """

    market_index: int
    period_seconds: int
    max_rate_bps: int
    mark_band_bps: int
    paused: bool = False
    crank_reward: int = 0


@dataclass(frozen=True)
class SetLiquidationParams:
    """Arguments of ``set_liquidation_params``.

    Liquidation buffer (bps of the maintenance requirement), insurance share, small size.
    """

    small_position_quote: int
    liquidation_buffer_bps: int
    insurance_fee_share_bps: int


@dataclass(frozen=True)
class SetPerpLiquidationFeeParams:
    """A market's liquidation fee (below its maintenance margin) (``set_perp_liquidation_fee``)."""

    market_index: int
    liquidation_fee_bps: int


@dataclass(frozen=True)
class SetAssetLiquidationDiscountParams:
    """Arguments of ``set_asset_liquidation_discount``.

    An asset's liquidation discount (below 1 − maintenance weight).
    """

    mint: Pubkey
    liquidation_discount_bps: int


@dataclass(frozen=True)
class SetAssetRiskParams:
    """Arguments of ``set_asset_risk_params``.

    Deposit-scaled initial weight and concentration limit (0: off).
    """

    mint: Pubkey
    init_weight_scale_threshold: int
    concentration_limit_bps: int


@dataclass(frozen=True)
class SweepFeesToInsuranceParams:
    """Arguments of ``sweep_fees_to_insurance``.

    A market's fees and the pending insurance share → the insurance vault.
    """

    market_index: int


# --- oracles (client.oracles) ---------------------------------------------------------


@dataclass(frozen=True)
class CreateOracleParams:
    """An oracle with the wallet as authority at ``oracle_address(seed)`` (``create_oracle``)."""

    seed: int
    price: int
    confidence: int
    exponent: int


@dataclass(frozen=True)
class UpdateOracleParams:
    """A price to publish (the wallet must be the oracle's authority) (``update_oracle``)."""

    oracle: Pubkey
    price: int
    confidence: int


# --- margin accounts (client.margin) --------------------------------------------------


@dataclass(frozen=True)
class CreateMarginAccountParams:
    """The wallet's margin account number ``account_index`` (``create_margin_account``)."""

    account_index: int = 0


@dataclass(frozen=True)
class CloseMarginAccountParams:
    """Arguments of ``close_margin_account``.

    Close an empty margin account; rent to ``destination`` (the wallet by default).
    """

    account_index: int = 0
    destination: Pubkey | None = None


@dataclass(frozen=True)
class DepositParams:
    """Arguments of ``deposit``.

    Deposit ``amount`` native units of ``mint`` (from the wallet's ATA by default).
    """

    mint: Pubkey
    amount: int
    account_index: int = 0
    owner_token_account: Pubkey | None = None


@dataclass(frozen=True)
class WithdrawParams:
    """Arguments of ``withdraw``.

    Withdraw ``amount`` native units of ``mint`` (to the wallet's ATA by default).
    """

    mint: Pubkey
    amount: int
    account_index: int = 0
    destination: Pubkey | None = None


@dataclass(frozen=True)
class SettlePnlParams:
    """Arguments of ``settle_pnl``.

    Settle a position's PnL (permissionless; the wallet's account by default).
    """

    market_index: int
    margin_account: Pubkey | None = None
    account_index: int = 0


@dataclass(frozen=True)
class ComputeHealthParams:
    """Arguments of ``compute_health``.

    The compute_health view of a margin account (by index and owner, or address).
    """

    account_index: int = 0
    owner: Pubkey | None = None
    address: Pubkey | None = None


@dataclass(frozen=True)
class HealthGuardParams:
    """Arguments of ``health_guard``.

    Fail the transaction unless the wallet's account has this initial health.
    """

    min_init_health: int = 0
    account_index: int = 0


# --- orders (client.orders) -----------------------------------------------------------


@dataclass(frozen=True)
class PlaceOrderParams:
    """Arguments of ``place_order``.

    An order: ``price`` in quote native per lot (a market order's worst price).
    """

    market_index: int
    side: Side
    price: int
    max_base_lots: int
    order_type: OrderType = OrderType.LIMIT
    client_order_id: int = 0
    match_limit: int = MAX_MATCHES_PER_ORDER
    account_index: int = 0


@dataclass(frozen=True)
class PlaceOrderV2Params:
    """Arguments of ``place_order_v2``.

    An order with every option (see :func:`kairos.instructions.place_order_v2`).
    """

    market_index: int
    side: Side
    price: int
    max_base_lots: int
    order_type: OrderType = OrderType.LIMIT
    time_in_force: TimeInForce = TimeInForce.GTC
    self_trade_behavior: SelfTradeBehavior = SelfTradeBehavior.CANCEL_RESTING
    reduce_only: bool = False
    client_order_id: int = 0
    match_limit: int = MAX_MATCHES_PER_ORDER
    expiry_timestamp: int = 0
    iceberg_display_lots: int = 0
    max_oracle_deviation_bps: int = 0
    account_index: int = 0


@dataclass(frozen=True)
class CancelOrderParams:
    """Cancel one resting order by order id (or client order id) (``cancel_order``)."""

    market_index: int
    order_id: int
    is_client_id: bool = False
    account_index: int = 0


@dataclass(frozen=True)
class CancelAllOrdersParams:
    """Cancel up to ``limit`` of the wallet's orders in a market (``cancel_all_orders``)."""

    market_index: int
    side_filter: SideFilter = SideFilter.BOTH
    limit: int = MAX_OPEN_ORDERS
    account_index: int = 0


@dataclass(frozen=True)
class ConsumeEventsParams:
    """Arguments of ``consume_events``.

    Crank up to ``limit`` queued fills, naming at most ``max_makers`` maker accounts; the reward
    to ``cranker`` (the wallet by default).
    """

    market_index: int
    limit: int = DEFAULT_CRANK_LIMIT
    cranker: Pubkey | None = None
    max_makers: int = DEFAULT_MAX_MAKERS


@dataclass(frozen=True)
class BracketParams:
    """Arguments of ``place_order_v2 + 2 × create_trigger_order``.

    An entry limit order plus reduce-only take-profit and stop children linked as OCO.
    """

    market_index: int
    side: Side
    entry_price: int
    max_base_lots: int
    take_profit_price: int
    stop_price: int
    take_profit_limit: int = 0
    stop_limit: int = 0
    max_oracle_deviation_bps: int = 0
    account_index: int = 0


# --- trigger orders (client.triggers) -------------------------------------------------


@dataclass(frozen=True)
class CreateTriggerOrderParams:
    """Arguments of ``create_trigger_order``.

    A trigger order (prices in quote native per lot); ``trigger_id`` defaults to the next free
    id, ``keeper_reward_lamports`` to the exchange's keeper reward.
    """

    market_index: int
    side: Side
    kind: TriggerKind
    trigger_price: int
    max_base_lots: int
    trigger_id: int | None = None
    limit_price: int = 0
    keeper_reward_lamports: int | None = None
    reduce_only: bool = False
    trailing_mode: TrailingMode = TrailingMode.NONE
    trailing_offset: int = 0
    max_oracle_deviation_bps: int = 0
    client_order_id: int = 0
    match_limit: int = MAX_MATCHES_PER_ORDER
    expiry_timestamp: int = 0
    linked_trigger: Pubkey | None = None
    account_index: int = 0


@dataclass(frozen=True)
class OcoParams:
    """Arguments of ``2 × create_trigger_order``.

    A take-profit and a stop on ``side`` linked as OCO (a ``*_limit`` of 0 makes that leg a
    market order).
    """

    market_index: int
    side: Side
    max_base_lots: int
    take_profit_price: int
    stop_price: int
    take_profit_limit: int = 0
    stop_limit: int = 0
    max_oracle_deviation_bps: int = 0
    reduce_only: bool = True
    first_trigger_id: int | None = None
    account_index: int = 0


@dataclass(frozen=True)
class CancelTriggerOrderParams:
    """Arguments of ``cancel_trigger_order``.

    Cancel a trigger order (with its OCO partner, looked up on chain).
    """

    trigger_order: Pubkey
    account_index: int = 0


@dataclass(frozen=True)
class TriggerOrderParams:
    """Arguments of ``trigger_order``.

    Fire a trigger order (``keeper``, the wallet by default, earns the reward).
    """

    trigger_order: Pubkey
    keeper: Pubkey | None = None


@dataclass(frozen=True)
class UpdateTrailingStopParams:
    """Ratchet a trailing stop with the market's oracle (``update_trailing_stop``)."""

    trigger_order: Pubkey


# --- JIT liquidity auctions (client.auctions) -----------------------------------------


@dataclass(frozen=True)
class OpenAuctionParams:
    """An auction for a taker order (a random ``auction_id`` unless given) (``open_auction``)."""

    market_index: int
    side: Side
    size_lots: int
    limit_price: int
    min_fill_lots: int = 0
    duration_slots: int = DEFAULT_AUCTION_DURATION_SLOTS
    rest_action: AuctionRest = AuctionRest.CANCEL
    auction_id: int | None = None
    account_index: int = 0


@dataclass(frozen=True)
class SubmitBidParams:
    """A bid from the wallet's margin account (``submit_bid``)."""

    auction: Pubkey
    price: int
    base_lots: int
    account_index: int = 0


@dataclass(frozen=True)
class ImproveBidParams(SubmitBidParams):
    """A better price or more lots for the wallet's bid (``improve_bid``)."""


@dataclass(frozen=True)
class CancelBidParams:
    """Withdraw the wallet's bid (``cancel_bid``)."""

    auction: Pubkey
    account_index: int = 0


@dataclass(frozen=True)
class SettleAuctionParams:
    """Arguments of ``settle_auction``.

    Settle with the providers the settlement reaches plus ``extra_providers``; the reward to
    ``settler`` (the wallet by default).
    """

    auction: Pubkey
    extra_providers: int = 0
    settler: Pubkey | None = None


@dataclass(frozen=True)
class ExpireAuctionParams:
    """Arguments of ``expire_auction``.

    Expire an auction without trading; the reward to ``expirer`` (the wallet by default).
    """

    auction: Pubkey
    expirer: Pubkey | None = None


@dataclass(frozen=True)
class RouteMarketOrderParams:
    """Arguments of ``place_order or open_auction``.

    A market order sent to the book, or to an auction above ``threshold_bps`` of estimated
    slippage.
    """

    market_index: int
    side: Side
    lots: int
    worst_price: int
    threshold_bps: float = DEFAULT_ROUTING_THRESHOLD_BPS
    duration_slots: int = DEFAULT_AUCTION_DURATION_SLOTS
    min_fill_lots: int = 0
    rest_action: AuctionRest = AuctionRest.CANCEL
    account_index: int = 0


# --- TWAP and scheduled orders: the program's argument objects ----------------------


class MissedSlicePolicy(enum.IntEnum):
    """What a TWAP does with slices whose time passed without an execution."""

    CATCH_UP = 0
    SKIP = 1


class ScheduleKind(enum.IntEnum):
    """When a scheduled order runs."""

    ONE_SHOT = 0
    INTERVAL = 1
    CRON = 2


def encode_cron(expression: str) -> list[int]:
    """The NUL-padded 48-byte form of a cron expression (the program parses it)."""
    raw = expression.encode("ascii")
    if len(raw) > CRON_EXPRESSION_BYTES:
        raise ValueError(f"cron expression longer than {CRON_EXPRESSION_BYTES} bytes")
    return list(raw.ljust(CRON_EXPRESSION_BYTES, b"\0"))


@dataclass(frozen=True)
class TwapParams:
    """Arguments of create_twap_order (see the IDL's CreateTwapOrderArgs)."""

    side: int
    total_base_lots: int
    start_time: int
    interval_seconds: int
    slice_count: int = 0
    slice_base_lots: int = 0
    random_window_seconds: int = 0
    limit_price: int = 0
    max_deviation_bps: int = 0
    missed_slice_policy: MissedSlicePolicy = MissedSlicePolicy.CATCH_UP
    match_limit: int = DEFAULT_MATCH_LIMIT
    keeper_reward_lamports: int = DEFAULT_KEEPER_REWARD_LAMPORTS

    def args(self, twap_id: int) -> dict[str, Any]:
        """The borsh arguments."""
        return {
            "twap_id": twap_id,
            "side": int(self.side),
            "total_base_lots": self.total_base_lots,
            "slice_count": self.slice_count,
            "slice_base_lots": self.slice_base_lots,
            "start_time": self.start_time,
            "interval_seconds": self.interval_seconds,
            "random_window_seconds": self.random_window_seconds,
            "limit_price": self.limit_price,
            "max_deviation_bps": self.max_deviation_bps,
            "missed_slice_policy": int(self.missed_slice_policy),
            "match_limit": self.match_limit,
            "keeper_reward_lamports": self.keeper_reward_lamports,
        }


@dataclass(frozen=True)
class ScheduleParams:
    """Arguments of create_scheduled_order: when, how often, and the limits."""

    kind: ScheduleKind
    start_time: int = 0
    interval_seconds: int = 0
    cron: str = ""
    max_runs: int = 1
    end_time: int = 0
    skip_window_seconds: int = 0
    keeper_reward_lamports: int = DEFAULT_KEEPER_REWARD_LAMPORTS

    def args(self, schedule_id: int) -> dict[str, Any]:
        """The borsh arguments."""
        return {
            "schedule_id": schedule_id,
            "kind": int(self.kind),
            "start_time": self.start_time,
            "interval_seconds": self.interval_seconds,
            "cron_expression": encode_cron(self.cron),
            "max_runs": self.max_runs,
            "end_time": self.end_time,
            "skip_window_seconds": self.skip_window_seconds,
            "keeper_reward_lamports": self.keeper_reward_lamports,
        }


@dataclass(frozen=True)
class ScheduledOrderSpec:
    """The order a schedule places: place_order_v2's arguments (any order type).

    The program checks them at creation as place_order_v2 does, and each run
    goes through the same execution path as place_order_v2, every option
    included: ``time_in_force`` (GTC/IOC/FOK/post-only/post-only-slide),
    ``reduce_only``, ``self_trade_behavior``, ``expiry_timestamp`` (absolute
    unix seconds, 0 = never; a run after it fails with OrderExpired),
    ``iceberg_display_lots`` and ``max_oracle_deviation_bps``. A market order
    that fills nothing still counts as a run; an order the path refuses (a FOK
    that cannot fill, a post-only that would cross, a reduce-only with nothing
    to reduce) fails the run, which stays due (retryable) until it succeeds or
    its skip window passes.
    """

    side: int
    order_type: int
    price: int
    max_base_lots: int
    client_order_id: int = 0
    match_limit: int = DEFAULT_MATCH_LIMIT
    time_in_force: int = TimeInForce.GTC
    self_trade_behavior: int = SelfTradeBehavior.CANCEL_RESTING
    reduce_only: bool = False
    expiry_timestamp: int = 0
    iceberg_display_lots: int = 0
    max_oracle_deviation_bps: int = 0

    def args(self) -> dict[str, Any]:
        """The borsh PlaceOrderV2Args."""
        return {
            "side": int(self.side),
            "order_type": int(self.order_type),
            "time_in_force": int(self.time_in_force),
            "self_trade_behavior": int(self.self_trade_behavior),
            "reduce_only": bool(self.reduce_only),
            "price": self.price,
            "max_base_lots": self.max_base_lots,
            "client_order_id": self.client_order_id,
            "match_limit": self.match_limit,
            "expiry_timestamp": self.expiry_timestamp,
            "iceberg_display_lots": self.iceberg_display_lots,
            "max_oracle_deviation_bps": self.max_oracle_deviation_bps,
        }


# --- TWAP and scheduled orders (client.twap, client.schedules) ------------------------


@dataclass(frozen=True)
class CreateTwapOrderParams:
    """A TWAP order in a market (a random ``twap_id`` unless given) (``create_twap_order``)."""

    market_index: int
    order: TwapParams
    twap_id: int | None = None
    account_index: int = 0


@dataclass(frozen=True)
class ExecuteTwapSliceParams:
    """Execute a TWAP order's due slice (the wallet is the keeper) (``execute_twap_slice``)."""

    twap_order: Pubkey
    slice_index: int | None = None


@dataclass(frozen=True)
class SetTwapPausedParams:
    """Pause or resume the wallet's TWAP order (``set_twap_paused``)."""

    twap_order: Pubkey
    paused: bool


@dataclass(frozen=True)
class CancelTwapOrderParams:
    """Cancel the wallet's TWAP order (``cancel_twap_order``)."""

    twap_order: Pubkey


@dataclass(frozen=True)
class CreateScheduledOrderParams:
    """Arguments of ``create_scheduled_order``.

    A scheduled order in a market (a random ``schedule_id`` unless given).
    """

    market_index: int
    schedule: ScheduleParams
    order: ScheduledOrderSpec
    schedule_id: int | None = None
    account_index: int = 0


@dataclass(frozen=True)
class ExecuteScheduledOrderParams:
    """Arguments of ``execute_scheduled_order``.

    Run (or skip, when late) a scheduled order's due occurrence (the wallet is the keeper).
    """

    scheduled_order: Pubkey
    run_index: int | None = None


@dataclass(frozen=True)
class CancelScheduledOrderParams:
    """Cancel the wallet's scheduled order (``cancel_scheduled_order``)."""

    scheduled_order: Pubkey


# --- liquidation (client.liquidation) -------------------------------------------------


@dataclass(frozen=True)
class ForceCancelOrdersParams:
    """Arguments of ``force_cancel_orders``.

    Cancel a liquidatable account's orders in one market (or clear its flag).
    """

    margin_account: Pubkey
    market_index: int
    limit: int = 16


@dataclass(frozen=True)
class ResolveBankruptcyParams:
    """Arguments of ``resolve_bankruptcy``.

    Cover a bankrupt account from insurance, socialize the rest (``market_index``: by default
    the market :func:`kairos.math.liquidation.bankruptcy_market` picks).
    """

    margin_account: Pubkey
    market_index: int | None = None


@dataclass(frozen=True)
class LiquidatePerpParams:
    """Arguments of ``liquidate_perp``.

    Take over part of ``liqee``'s position with the wallet's margin account (the program sizes
    it; ``max_base_lots`` caps it).
    """

    liqee: Pubkey
    market_index: int
    max_base_lots: int = NO_LIMIT
    account_index: int = 0


@dataclass(frozen=True)
class LiquidateCollateralParams:
    """Arguments of ``liquidate_collateral``.

    Buy part of ``liqee``'s collateral at the discount, for quote (``max_amount`` caps it).
    """

    liqee: Pubkey
    mint: Pubkey
    max_amount: int = NO_LIMIT
    account_index: int = 0


# --- borrowing and funding (client.borrow, client.funding) ----------------------------


@dataclass(frozen=True)
class AccrueBorrowInterestParams:
    """Arguments of ``accrue_borrow_interest``.

    Checkpoint the borrow interest of ``margin_accounts`` (permissionless).
    """

    margin_accounts: Sequence[Pubkey]


@dataclass(frozen=True)
class UpdateFundingParams:
    """Arguments of ``update_funding``.

    Crank a market's funding; the reward to ``reward_account`` (the wallet's margin account 0 by
    default).
    """

    market_index: int
    reward_account: Pubkey | None = None


# --- risk limits (client.risk) -----------------------------------------------------------


@dataclass(frozen=True)
class SetRiskPublisherParams:
    """The risk keeper's key allowed to publish (``set_risk_publisher``)."""

    publisher: Pubkey


@dataclass(frozen=True)
class SetRiskFactorsParams:
    """Factors: the oracles of these PerpMarket/CollateralAsset accounts (``set_risk_factors``)."""

    sources: Sequence[Pubkey]


@dataclass(frozen=True)
class SetRiskLimitCapsParams:
    """Caps (loosest allowed) and defaults of per-account limits (``set_risk_limit_caps``)."""

    caps: RiskLimitValues
    defaults: RiskLimitValues


@dataclass(frozen=True)
class PublishRiskParams:
    """Volatilities and correlations, see :mod:`kairos.risk` (``publish_risk_params``)."""

    volatility_ppm: Sequence[int]
    correlation_bps: Sequence[int]
    max_staleness_slots: int
    half_life_seconds: int
    factor_count: int


@dataclass(frozen=True)
class CreateRiskLimitsParams:
    """A margin account's RiskLimits, enforced from then on (``create_risk_limits``)."""

    limits: RiskLimitValues
    account_index: int = 0
    delegate: Pubkey | None = None


@dataclass(frozen=True)
class SetRiskLimitsParams:
    """New limits by the owner or delegate; loosening waits the cooldown (``set_risk_limits``)."""

    limits: RiskLimitValues
    margin_account: Pubkey
    delegate: Pubkey | None = None


@dataclass(frozen=True)
class ResetHighWaterMarkParams:
    """After the cooldown, the high-water mark := equity (``reset_high_water_mark``)."""

    account_index: int = 0


@dataclass(frozen=True)
class ComputeRiskParams:
    """The compute_risk view of a margin account with risk limits (``compute_risk``)."""

    account_index: int = 0
    address: Pubkey | None = None


@dataclass(frozen=True)
class SetRebalancePolicyParams:
    """The owner's rebalancing policy over up to 8 of its margin accounts."""

    members: tuple[RebalanceMember, ...]
    asset_mask: int
    max_utilization_bps: int
    delegate: Pubkey | None = None


@dataclass(frozen=True)
class RebalanceCollateralParams:
    """Move ``amount`` of ``mint`` between two member accounts (owner or delegate)."""

    from_margin_account: Pubkey
    to_margin_account: Pubkey
    mint: Pubkey
    amount: int
    owner: Pubkey | None = None
