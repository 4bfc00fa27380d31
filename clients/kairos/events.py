"""Kairos events parsed from transaction logs, as typed dataclasses.

The program emits each event as ``sol_log_data(sha256("event:<Name>")[:8] ‖
borsh(fields))``, which the runtime logs as a ``Program data:`` line. AnchorPy's
``EventParser`` tracks which program is executing (so another program's data lines
are ignored) and its coder decodes the bytes; this module turns the result into the
dataclasses below (field lists checked against the IDL by a test).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TypeVar

from anchorpy.coder.event import _event_discriminator
from anchorpy.program.common import Event
from anchorpy.program.event import EventParser
from solders.pubkey import Pubkey

from kairos.accounts import IdlStruct, coder
from kairos.program import PROGRAM_ID

_PROGRAM_DATA = "Program data: "

E = TypeVar("E", bound="KairosEvent")


class KairosEvent(IdlStruct):
    """Base class of every Kairos event."""

    @classmethod
    def discriminator(cls) -> bytes:
        """``sha256("event:<Name>")[:8]``."""
        return _event_discriminator(cls.idl_name())

    def encode(self) -> bytes:
        """The bytes the program logs for this event (discriminator + borsh fields)."""
        layout = coder().events.layouts[self.idl_name()]
        body: bytes = layout.build(self.to_idl_dict())
        return self.discriminator() + body


@dataclasses.dataclass(frozen=True)
class ExchangeInitialized(KairosEvent):
    """initialize_exchange created the Exchange."""

    exchange: Pubkey
    admin: Pubkey
    quote_mint: Pubkey
    keeper_reward_lamports: int


@dataclasses.dataclass(frozen=True)
class InstructionGateSet(KairosEvent):
    """The admin changed the instruction gate."""

    admin: Pubkey
    previous_gate: int
    gate: int


@dataclasses.dataclass(frozen=True)
class OracleCreated(KairosEvent):
    """A price feed was created."""

    oracle: Pubkey
    authority: Pubkey
    price: int
    confidence: int
    exponent: int


@dataclasses.dataclass(frozen=True)
class OracleUpdated(KairosEvent):
    """A price feed's authority published a price."""

    oracle: Pubkey
    price: int
    confidence: int
    slot: int
    unix_timestamp: int


@dataclasses.dataclass(frozen=True)
class CollateralAssetAdded(KairosEvent):
    """A collateral asset was listed."""

    asset: Pubkey
    mint: Pubkey
    oracle: Pubkey
    index: int
    init_asset_weight_bps: int
    maint_asset_weight_bps: int
    deposit_cap: int


@dataclasses.dataclass(frozen=True)
class PerpMarketCreated(KairosEvent):
    """A perp market was created."""

    market: Pubkey
    oracle: Pubkey
    index: int
    base_lot_size: int
    tick_size: int


@dataclasses.dataclass(frozen=True)
class MarginAccountCreated(KairosEvent):
    """A margin account was created."""

    margin_account: Pubkey
    owner: Pubkey
    account_index: int


@dataclasses.dataclass(frozen=True)
class Deposited(KairosEvent):
    """Tokens were deposited into a margin account."""

    margin_account: Pubkey
    asset: Pubkey
    amount: int
    balance_after: int
    asset_total_deposits: int
    asset_deposit_cap: int


@dataclasses.dataclass(frozen=True)
class Withdrawn(KairosEvent):
    """Tokens were withdrawn from a margin account.

    Carries the asset's utilization of its cap and the account's (maintenance
    requirement over weighted collateral) after the withdrawal.
    """

    margin_account: Pubkey
    asset: Pubkey
    amount: int
    balance_after: int
    init_health_after: int
    asset_total_deposits: int
    asset_deposit_cap: int
    maint_requirement: int
    weighted_collateral: int


@dataclasses.dataclass(frozen=True)
class OrderPlaced(KairosEvent):
    """An order was placed: what it filled at once and what rests."""

    margin_account: Pubkey
    market: Pubkey
    order_id: int
    client_order_id: int
    side: int
    order_type: int
    price: int
    max_base_lots: int
    filled_base_lots: int
    filled_quote: int
    resting_base_lots: int
    taker_fee: int


@dataclasses.dataclass(frozen=True)
class OrderFilled(KairosEvent):
    """A taker matched a maker order (the maker's side is applied by the crank)."""

    market: Pubkey
    maker: Pubkey
    taker: Pubkey
    maker_order_id: int
    taker_side: int
    price: int
    base_lots: int
    seq: int


@dataclasses.dataclass(frozen=True)
class OrderCancelled(KairosEvent):
    """A resting order was cancelled."""

    margin_account: Pubkey
    market: Pubkey
    order_id: int
    client_order_id: int
    side: int
    price: int
    base_lots: int


@dataclasses.dataclass(frozen=True)
class EventsConsumed(KairosEvent):
    """The crank applied queued fills to makers and was paid."""

    market: Pubkey
    cranker: Pubkey
    count: int
    reward: int
    remaining: int


@dataclasses.dataclass(frozen=True)
class PnlSettled(KairosEvent):
    """A position's PnL moved between the account and the market's PnL pool."""

    margin_account: Pubkey
    market: Pubkey
    amount: int
    quote_balance_after: int
    pnl_pool_after: int
    socialized_loss: int
    """The position's share of socialized bankruptcy losses charged before settling."""


@dataclasses.dataclass(frozen=True)
class MarginAccountClosed(KairosEvent):
    """A margin account was closed."""

    margin_account: Pubkey
    owner: Pubkey


@dataclasses.dataclass(frozen=True)
class HealthComputed(KairosEvent):
    """compute_health's result."""

    margin_account: Pubkey
    init_health: int
    maint_health: int


@dataclasses.dataclass(frozen=True)
class AuctionOpened(KairosEvent):
    """open_auction: a taker opened a JIT liquidity auction."""

    auction: Pubkey
    market: Pubkey
    taker_margin_account: Pubkey
    auction_id: int
    side: int
    size_lots: int
    limit_price: int
    min_fill_lots: int
    deadline_slot: int
    rest_action: int
    reward_lamports: int


@dataclasses.dataclass(frozen=True)
class AuctionBidSubmitted(KairosEvent):
    """submit_bid: a provider bid (``replaced`` is the evicted provider, or the zero key)."""

    auction: Pubkey
    provider: Pubkey
    price: int
    base_lots: int
    seq: int
    replaced: Pubkey


@dataclasses.dataclass(frozen=True)
class AuctionBidImproved(KairosEvent):
    """improve_bid: a provider improved its bid."""

    auction: Pubkey
    provider: Pubkey
    price: int
    base_lots: int
    seq: int


@dataclasses.dataclass(frozen=True)
class AuctionBidCancelled(KairosEvent):
    """cancel_bid: a provider withdrew its bid."""

    auction: Pubkey
    provider: Pubkey


@dataclasses.dataclass(frozen=True)
class AuctionFilled(KairosEvent):
    """settle_auction: one winning bid's fill (its clearing price and lots)."""

    auction: Pubkey
    market: Pubkey
    provider: Pubkey
    taker: Pubkey
    taker_side: int
    price: int
    base_lots: int
    maker_fee: int


@dataclasses.dataclass(frozen=True)
class AuctionBidSkipped(KairosEvent):
    """settle_auction: a provider failed initial health with its fill and was skipped."""

    auction: Pubkey
    provider: Pubkey
    price: int
    base_lots: int


@dataclasses.dataclass(frozen=True)
class AuctionSettled(KairosEvent):
    """settle_auction filled some lots (``rest_order_id`` 0: no rest order placed)."""

    auction: Pubkey
    market: Pubkey
    taker: Pubkey
    side: int
    filled_lots: int
    filled_quote: int
    winner_count: int
    taker_fee: int
    rest_lots: int
    rest_action: int
    rest_order_id: int
    settler: Pubkey
    reward_lamports: int
    accepted_early: int


@dataclasses.dataclass(frozen=True)
class AuctionExpired(KairosEvent):
    """settle_auction filled nothing (no bids, or fewer lots than the minimum fill)."""

    auction: Pubkey
    market: Pubkey
    taker: Pubkey
    rest_lots: int
    rest_action: int
    rest_order_id: int
    settler: Pubkey
    reward_lamports: int


@dataclasses.dataclass(frozen=True)
class AuctionLapsed(KairosEvent):
    """expire_auction closed an auction without trading (``reason``: AuctionLapseReason)."""

    auction: Pubkey
    market: Pubkey
    taker: Pubkey
    size_lots: int
    voided_bids: int
    reason: int
    expirer: Pubkey
    reward_lamports: int


@dataclasses.dataclass(frozen=True)
class TwapOrderCreated(KairosEvent):
    """Issue 7: TwapOrderCreated (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    twap_order: Pubkey
    margin_account: Pubkey
    market: Pubkey
    twap_id: int
    side: int
    total_base_lots: int
    slice_count: int
    start_time: int
    interval_seconds: int
    escrow_lamports: int


@dataclasses.dataclass(frozen=True)
class TwapSliceExecuted(KairosEvent):
    """Issue 7: TwapSliceExecuted (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    twap_order: Pubkey
    keeper: Pubkey
    slice_index: int
    skipped_slices: int
    due_time: int
    executed_time: int
    requested_base_lots: int
    filled_base_lots: int
    filled_quote: int
    worst_price: int
    keeper_reward: int
    finished: int


@dataclasses.dataclass(frozen=True)
class TwapOrderPaused(KairosEvent):
    """Issue 7: TwapOrderPaused (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    twap_order: Pubkey
    paused: int


@dataclasses.dataclass(frozen=True)
class TwapOrderCancelled(KairosEvent):
    """Issue 7: TwapOrderCancelled (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    twap_order: Pubkey
    executed_slices: int
    filled_base_lots: int
    refunded_lamports: int


@dataclasses.dataclass(frozen=True)
class ScheduledOrderCreated(KairosEvent):
    """Issue 7: ScheduledOrderCreated (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    scheduled_order: Pubkey
    margin_account: Pubkey
    market: Pubkey
    schedule_id: int
    kind: int
    next_run_time: int
    max_runs: int
    escrow_lamports: int


@dataclasses.dataclass(frozen=True)
class ScheduledOrderExecuted(KairosEvent):
    """Issue 7: ScheduledOrderExecuted (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    scheduled_order: Pubkey
    keeper: Pubkey
    run_index: int
    outcome: int
    scheduled_time: int
    executed_time: int
    next_run_time: int
    filled_base_lots: int
    filled_quote: int
    keeper_reward: int
    finished: int


@dataclasses.dataclass(frozen=True)
class ScheduledOrderCancelled(KairosEvent):
    """Issue 7: ScheduledOrderCancelled (docs/ARCHITECTURE.md, "TWAP and scheduled orders")."""

    scheduled_order: Pubkey
    run_count: int
    refunded_lamports: int


@dataclasses.dataclass(frozen=True)
class TriggerOrderCreated(KairosEvent):
    """A trigger order was created (issue 4; ``linked_trigger``: its OCO partner)."""

    margin_account: Pubkey
    trigger_order: Pubkey
    linked_trigger: Pubkey
    id: int
    kind: int
    side: int
    condition: int
    trailing_mode: int
    trigger_price: int
    max_base_lots: int


@dataclasses.dataclass(frozen=True)
class TriggerOrderCancelled(KairosEvent):
    """A trigger order was closed without firing (cancel, expiry, or its OCO partner fired)."""

    margin_account: Pubkey
    trigger_order: Pubkey
    id: int


@dataclasses.dataclass(frozen=True)
class TriggerOrderTriggered(KairosEvent):
    """A keeper fired a trigger order (``cancelled_linked``: the OCO partner closed with it)."""

    margin_account: Pubkey
    trigger_order: Pubkey
    keeper: Pubkey
    id: int
    oracle_price: int
    trigger_price: int
    order_id: int
    filled_base_lots: int
    keeper_reward: int
    cancelled_linked: Pubkey


@dataclasses.dataclass(frozen=True)
class TrailingStopUpdated(KairosEvent):
    """A trailing stop moved with the oracle (prices per lot)."""

    trigger_order: Pubkey
    reference_price: int
    trigger_price: int


@dataclasses.dataclass(frozen=True)
class LiquidationParamsSet(KairosEvent):
    """set_liquidation_params: the exchange-wide liquidation parameters."""

    small_position_quote: int
    liquidation_buffer_bps: int
    insurance_fee_share_bps: int


@dataclasses.dataclass(frozen=True)
class PerpLiquidationFeeSet(KairosEvent):
    """set_perp_liquidation_fee: a market's liquidation fee."""

    market: Pubkey
    liquidation_fee_bps: int


@dataclasses.dataclass(frozen=True)
class AssetLiquidationDiscountSet(KairosEvent):
    """set_asset_liquidation_discount: an asset's liquidation discount."""

    asset: Pubkey
    liquidation_discount_bps: int


@dataclasses.dataclass(frozen=True)
class OrdersForceCancelled(KairosEvent):
    """force_cancel_orders: orders cancelled (or the flag cleared), maint health, requirement."""

    margin_account: Pubkey
    market: Pubkey
    cancelled: int
    maint_health: int
    maint_requirement: int
    being_liquidated: int


@dataclasses.dataclass(frozen=True)
class PerpLiquidated(KairosEvent):
    """liquidate_perp: lots taken over (signed like the position), fees, healths after."""

    liqee: Pubkey
    liquidator: Pubkey
    market: Pubkey
    base_lots: int
    price: int
    liquidation_fee: int
    insurance_fee: int
    maint_health_before: int
    maint_health_after: int
    maint_requirement_after: int
    weighted_collateral_after: int
    liquidator_init_health_after: int
    being_liquidated: int


@dataclasses.dataclass(frozen=True)
class CollateralLiquidated(KairosEvent):
    """liquidate_collateral: amount bought, quote paid, discount split, healths after."""

    liqee: Pubkey
    liquidator: Pubkey
    asset: Pubkey
    amount: int
    quote_paid: int
    discount: int
    insurance_fee: int
    maint_health_before: int
    maint_health_after: int
    maint_requirement_after: int
    weighted_collateral_after: int
    liquidator_init_health_after: int
    being_liquidated: int


@dataclasses.dataclass(frozen=True)
class BankruptcyResolved(KairosEvent):
    """resolve_bankruptcy: the loss, what insurance covered, what was socialized."""

    margin_account: Pubkey
    market: Pubkey
    loss: int
    insurance_covered: int
    socialized: int
    insurance_remaining: int
    pnl_pool_after: int
    socialized_loss_per_lot: int
    """What each lot of every open position in the market owes of ``socialized``."""


@dataclasses.dataclass(frozen=True)
class FeesSweptToInsurance(KairosEvent):
    """sweep_fees_to_insurance: fees and insurance share moved to the insurance vault."""

    market: Pubkey
    fees: int
    insurance_share: int
    insurance_vault_after: int
    borrow_interest: int
    """Borrow interest charged to borrowers (kairos.borrow), swept with the fees."""
    rebates_owed: int = 0
    """Maker rebates of the fills still in the event queue: left in the market's fees."""


@dataclasses.dataclass(frozen=True)
class AssetRiskParamsSet(KairosEvent):
    """set_asset_risk_params: deposit-scaled initial weight and concentration limit."""

    asset: Pubkey
    init_weight_scale_threshold: int
    concentration_limit_bps: int


@dataclasses.dataclass(frozen=True)
class BorrowInterestAccrued(KairosEvent):
    """A borrow checkpoint (kairos.borrow): interest charged and the quote asset's borrowing."""

    margin_account: Pubkey
    interest: int
    borrow_after: int
    borrow_index: int
    total_borrows: int
    total_deposits: int
    utilization_bps: int
    borrow_rate_bps: int
    timestamp: int


@dataclasses.dataclass(frozen=True)
class BorrowRateParamsSet(KairosEvent):
    """set_borrow_rate_params: the new curve, from the index it was rolled to."""

    base_rate_bps: int
    optimal_rate_bps: int
    max_rate_bps: int
    optimal_utilization_bps: int
    borrow_index: int


@dataclasses.dataclass(frozen=True)
class FundingUpdated(KairosEvent):
    """update_funding started a market's funding or rolled its index (kairos.funding)."""

    market: Pubkey
    funding_index: int
    delta: int
    """Added to the index: quote native per lot × FUNDING_INDEX_ONE (positive: longs pay)."""
    funding_rate: int
    """The period's rate in FUNDING_INDEX_ONE units of the oracle TWAP."""
    mark_twap: int
    oracle_twap: int
    elapsed_seconds: int
    clamped: int
    """1 when the per-period clamp bounded the rate."""
    paused: int
    """1 when the market's funding is paused (the roll moved nothing)."""
    reward: int
    """Quote native paid to the crank's reward account out of the market's fees."""
    timestamp: int


@dataclasses.dataclass(frozen=True)
class FundingPaid(KairosEvent):
    """A position settled its funding into its unsettled PnL (negative: it received)."""

    margin_account: Pubkey
    market_index: int
    amount: int
    base_lots: int
    funding_index: int


@dataclasses.dataclass(frozen=True)
class FundingParamsSet(KairosEvent):
    """set_funding_params: a market's funding parameters."""

    market: Pubkey
    period_seconds: int
    max_rate_bps: int
    mark_band_bps: int
    paused: int
    crank_reward: int


@dataclasses.dataclass(frozen=True)
class MarketOrderRulesSet(KairosEvent):
    """set_market_order_rules: a market's price bands and minimum resting size."""

    market: Pubkey
    fill_band_bps: int
    rest_band_bps: int
    min_rest_lots: int


@dataclasses.dataclass(frozen=True)
class OrderEvicted(KairosEvent):
    """A better order took the place of the worst order of a full book side (Out event)."""

    market: Pubkey
    owner: Pubkey
    order_id: int
    side: int
    price: int
    base_lots: int
    by_order_id: int


@dataclasses.dataclass(frozen=True)
class RiskParametersInitialized(KairosEvent):
    """initialize_risk_parameters created the exchange's RiskParameters."""

    risk_parameters: Pubkey
    publisher: Pubkey


@dataclasses.dataclass(frozen=True)
class RiskPublisherSet(KairosEvent):
    """set_risk_publisher: the key that may publish risk parameters besides the admin."""

    publisher: Pubkey


@dataclasses.dataclass(frozen=True)
class RiskFactorsSet(KairosEvent):
    """set_risk_factors: the risk factors changed (published figures cleared)."""

    factor_count: int


@dataclasses.dataclass(frozen=True)
class RiskLimitCapsSet(KairosEvent):
    """set_risk_limit_caps: the caps and defaults of per-account limits (flattened)."""

    caps_max_leverage_bps: int
    caps_max_position_bps: int
    caps_max_concentration_bps: int
    caps_max_daily_loss_bps: int
    caps_max_drawdown_bps: int
    caps_max_var_bps: int
    caps_max_correlated_exposure_bps: int
    caps_max_liquidity_take_bps: int
    caps_liquidity_band_bps: int
    caps_loosen_cooldown_seconds: int
    defaults_max_leverage_bps: int
    defaults_max_position_bps: int
    defaults_max_concentration_bps: int
    defaults_max_daily_loss_bps: int
    defaults_max_drawdown_bps: int
    defaults_max_var_bps: int
    defaults_max_correlated_exposure_bps: int
    defaults_max_liquidity_take_bps: int
    defaults_liquidity_band_bps: int
    defaults_loosen_cooldown_seconds: int


@dataclasses.dataclass(frozen=True)
class RiskParamsPublished(KairosEvent):
    """publish_risk_params: volatilities and correlations published (PSD checked)."""

    publisher: Pubkey
    publish_slot: int
    factor_count: int
    half_life_seconds: int
    max_staleness_slots: int
    min_pivot: int


@dataclasses.dataclass(frozen=True)
class RiskLimitsCreated(KairosEvent):
    """create_risk_limits: a margin account's limits exist and are enforced."""

    margin_account: Pubkey
    risk_limits: Pubkey
    owner: Pubkey
    delegate: Pubkey


@dataclasses.dataclass(frozen=True)
class RiskLimitsSet(KairosEvent):
    """set_risk_limits: the limits in force and a pending loosening (flattened)."""

    margin_account: Pubkey
    authority: Pubkey
    active_max_leverage_bps: int
    active_max_position_bps: int
    active_max_concentration_bps: int
    active_max_daily_loss_bps: int
    active_max_drawdown_bps: int
    active_max_var_bps: int
    active_max_correlated_exposure_bps: int
    active_max_liquidity_take_bps: int
    active_liquidity_band_bps: int
    active_loosen_cooldown_seconds: int
    pending_max_leverage_bps: int
    pending_max_position_bps: int
    pending_max_concentration_bps: int
    pending_max_daily_loss_bps: int
    pending_max_drawdown_bps: int
    pending_max_var_bps: int
    pending_max_correlated_exposure_bps: int
    pending_max_liquidity_take_bps: int
    pending_liquidity_band_bps: int
    pending_loosen_cooldown_seconds: int
    pending_effective_timestamp: int


@dataclasses.dataclass(frozen=True)
class RiskLimitBreached(KairosEvent):
    """A daily-loss or drawdown breach put the account into reduce-only.

    ``limit`` is a :class:`kairos.risk.RiskLimitKind`; value and bound in bps.
    """

    margin_account: Pubkey
    limit: int
    value: int
    bound: int
    reduce_only_until: int


@dataclasses.dataclass(frozen=True)
class HighWaterMarkReset(KairosEvent):
    """reset_high_water_mark: high-water mark and day-open equity set to the equity."""

    margin_account: Pubkey
    high_water_mark: int


@dataclasses.dataclass(frozen=True)
class RiskComputed(KairosEvent):
    """compute_risk's result: RiskMetrics flattened (headroom per RiskLimitKind)."""

    margin_account: Pubkey
    equity: int
    day_open_equity: int
    high_water_mark: int
    gross_notional: int
    leverage_bps: int
    max_position_bps: int
    concentration_bps: int
    daily_loss_bps: int
    drawdown_bps: int
    var_quote: int
    var_bps: int
    correlated_exposure_quote: int
    correlated_exposure_bps: int
    maint_requirement: int
    weighted_collateral: int
    utilization_bps: int
    reduce_only_until: int
    headroom_leverage: int
    headroom_position_size: int
    headroom_concentration: int
    headroom_daily_loss: int
    headroom_drawdown: int
    headroom_value_at_risk: int
    headroom_correlated_exposure: int
    headroom_liquidity: int


@dataclasses.dataclass(frozen=True)
class RebalancePolicySet(KairosEvent):
    """set_rebalance_policy: an owner's rebalancing policy was created or replaced."""

    owner: Pubkey
    delegate: Pubkey
    asset_mask: int
    max_utilization_bps: int
    member_count: int


@dataclasses.dataclass(frozen=True)
class CollateralRebalanced(KairosEvent):
    """rebalance_collateral: free collateral moved between two accounts of one owner.

    Utilization (maintenance requirement / weighted collateral, bps), initial health
    and the asset's balance of both accounts after the move.
    """

    from_margin_account: Pubkey
    to_margin_account: Pubkey
    asset: Pubkey
    amount: int
    from_utilization_bps: int
    to_utilization_bps: int
    from_init_health: int
    to_init_health: int
    from_asset_balance: int
    to_asset_balance: int


EVENT_TYPES: dict[str, type[KairosEvent]] = {
    cls.idl_name(): cls
    for cls in (
        ExchangeInitialized,
        InstructionGateSet,
        OracleCreated,
        OracleUpdated,
        CollateralAssetAdded,
        PerpMarketCreated,
        MarginAccountCreated,
        Deposited,
        Withdrawn,
        OrderPlaced,
        OrderFilled,
        OrderCancelled,
        EventsConsumed,
        PnlSettled,
        MarginAccountClosed,
        HealthComputed,
        AuctionOpened,
        AuctionBidSubmitted,
        AuctionBidImproved,
        AuctionBidCancelled,
        AuctionFilled,
        AuctionBidSkipped,
        AuctionSettled,
        AuctionExpired,
        TwapOrderCreated,
        TwapSliceExecuted,
        TwapOrderPaused,
        TwapOrderCancelled,
        ScheduledOrderCreated,
        ScheduledOrderExecuted,
        ScheduledOrderCancelled,
        TriggerOrderCreated,
        TriggerOrderCancelled,
        TriggerOrderTriggered,
        TrailingStopUpdated,
        LiquidationParamsSet,
        PerpLiquidationFeeSet,
        AssetLiquidationDiscountSet,
        OrdersForceCancelled,
        PerpLiquidated,
        CollateralLiquidated,
        BankruptcyResolved,
        FeesSweptToInsurance,
        AssetRiskParamsSet,
        BorrowInterestAccrued,
        BorrowRateParamsSet,
        AuctionLapsed,
        FundingUpdated,
        FundingPaid,
        FundingParamsSet,
        MarketOrderRulesSet,
        OrderEvicted,
        RiskParametersInitialized,
        RiskPublisherSet,
        RiskFactorsSet,
        RiskLimitCapsSet,
        RiskParamsPublished,
        RiskLimitsCreated,
        RiskLimitsSet,
        RiskLimitBreached,
        HighWaterMarkReset,
        RiskComputed,
        RebalancePolicySet,
        CollateralRebalanced,
    )
}
"""Event classes by IDL event name."""


class _DataLineParser(EventParser):
    """AnchorPy's parser restricted to ``Program data:`` lines.

    Anchor's own parser also tries every ``Program log:`` line as base64, which can
    decode a plain text log (``0x1771, 0x0``) into garbage; Kairos emits events
    only through ``sol_log_data``.
    """

    def handle_program_log(self, log: str) -> tuple[Event | None, str | None, bool]:
        if log.startswith(_PROGRAM_DATA):
            try:
                return super().handle_program_log(log)
            except Exception:  # noqa: BLE001 - another encoder's data line is not ours
                return None, None, False
        if log.startswith("Program log: "):
            return None, None, False
        return (None, *self.handle_system_log(log))


def event_from_anchorpy(event: Event) -> KairosEvent | None:
    """Convert AnchorPy's decoded event to its typed class (None if unknown)."""
    cls = EVENT_TYPES.get(event.name)
    return None if cls is None else cls.from_decoded(event.data)


def parse_events(logs: Sequence[str], program_id: Pubkey = PROGRAM_ID) -> list[KairosEvent]:
    """Every Kairos event in a transaction's logs, in emission order."""
    if not logs:
        return []
    raw: list[Event] = []
    _DataLineParser(program_id, coder()).parse_logs(list(logs), raw.append)
    events = [event_from_anchorpy(event) for event in raw]
    return [event for event in events if event is not None]


def events_of_type(events: Sequence[KairosEvent], cls: type[E]) -> list[E]:
    """The events of one class (``events_of_type(events, OrderPlaced)``)."""
    return [event for event in events if isinstance(event, cls)]
