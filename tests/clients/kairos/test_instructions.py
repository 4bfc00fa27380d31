"""kairos.instructions: IDL-driven encoding, account lists, health-account assembly."""

from __future__ import annotations

import inspect

import pytest
from kairos import errors
from kairos import instructions as ix
from kairos import scheduled_orders as timed
from kairos.accounts import RebalanceMember, RiskLimitValues, coder
from kairos.client import KairosClient
from kairos.constants import (
    OrderType,
    SelfTradeBehavior,
    Side,
    SideFilter,
    TimeInForce,
    TriggerKind,
)
from kairos.pda import (
    collateral_asset_address,
    exchange_address,
    margin_account_address,
    oracle_address,
    perp_market_address,
    vault_address,
)
from kairos.program import PROGRAM_ID, load_idl
from kairos.scheduled_orders import ScheduledOrderSpec, ScheduleKind, ScheduleParams, TwapParams
from pyheck import snake
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from .. import factories as f

OWNER = Pubkey.new_unique()
MINT = Pubkey.new_unique()
KEY = Pubkey.new_unique()
RISK_LIMITS = RiskLimitValues(500, 0, 0, 300, 0, 0, 0, 0, 0, 86_400)


def builders() -> dict[str, Instruction]:
    health = [AccountMeta(KEY, is_signer=False, is_writable=False)]
    return {
        "initialize_exchange": ix.initialize_exchange(
            admin=OWNER, quote_mint=MINT, keeper_reward_lamports=7
        ),
        "set_instruction_gate": ix.set_instruction_gate(admin=OWNER, gate=5),
        "create_oracle": ix.create_oracle(
            authority=OWNER, seed=3, price=10, confidence=1, exponent=-6
        ),
        "update_oracle": ix.update_oracle(authority=OWNER, oracle=KEY, price=11, confidence=2),
        "add_collateral_asset": ix.add_collateral_asset(
            admin=OWNER,
            mint=MINT,
            oracle=KEY,
            deposit_cap=1,
            max_staleness_slots=2,
            init_asset_weight_bps=3,
            maint_asset_weight_bps=4,
            max_confidence_bps=5,
        ),
        "create_perp_market": ix.create_perp_market(
            admin=OWNER,
            market_index=2,
            orderbook=KEY,
            event_queue=KEY,
            oracle=KEY,
            name="ETH-PERP",
            base_lot_size=1,
            tick_size=2,
            min_order_lots=3,
            open_interest_cap_lots=4,
            max_staleness_slots=5,
            init_margin_bps=6,
            maint_margin_bps=7,
            init_pnl_weight_bps=8,
            taker_fee_bps=9,
            maker_fee_bps=-2,
            max_confidence_bps=11,
            base_decimals=12,
        ),
        "create_margin_account": ix.create_margin_account(owner=OWNER, account_index=4),
        "deposit": ix.deposit(owner=OWNER, mint=MINT, amount=9, owner_token_account=KEY),
        "withdraw": ix.withdraw(
            owner=OWNER, mint=MINT, amount=9, destination_token_account=KEY, health_accounts=health
        ),
        "place_order": ix.place_order(
            owner=OWNER,
            market_index=1,
            orderbook=KEY,
            event_queue=KEY,
            oracle=KEY,
            side=Side.ASK,
            price=100,
            max_base_lots=5,
            health_accounts=health,
            order_type=OrderType.MARKET,
            client_order_id=77,
            match_limit=3,
        ),
        "cancel_order": ix.cancel_order(
            owner=OWNER, market_index=1, orderbook=KEY, order_id=8, is_client_id=True
        ),
        "cancel_all_orders": ix.cancel_all_orders(
            owner=OWNER, market_index=1, orderbook=KEY, side_filter=SideFilter.ASKS, limit=4
        ),
        "consume_events": ix.consume_events(
            market_index=1, event_queue=KEY, cranker=OWNER, limit=6, maker_accounts=[KEY, MINT]
        ),
        "settle_pnl": ix.settle_pnl(
            margin_account=KEY, market_index=1, oracle=KEY, quote_mint=MINT
        ),
        "close_margin_account": ix.close_margin_account(owner=OWNER, destination=KEY),
        "compute_health": ix.compute_health(margin_account=KEY, health_accounts=health),
        "create_twap_order": timed.create_twap_order(
            owner=OWNER,
            market_index=1,
            twap_id=9,
            params=TwapParams(
                side=0,
                total_base_lots=10,
                start_time=5,
                interval_seconds=60,
                slice_count=2,
                limit_price=100,
            ),
        ),
        "execute_twap_slice": timed.execute_twap_slice(
            twap_order=KEY,
            margin_account=KEY,
            market=KEY,
            market_accounts=(KEY, KEY, KEY),
            keeper=OWNER,
            health_accounts=health,
            slice_index=3,
        ),
        "set_twap_paused": timed.set_twap_paused(twap_order=KEY, owner=OWNER, paused=True),
        "cancel_twap_order": timed.cancel_twap_order(twap_order=KEY, owner=OWNER),
        "create_scheduled_order": timed.create_scheduled_order(
            owner=OWNER,
            market_index=1,
            schedule_id=4,
            params=ScheduleParams(kind=ScheduleKind.CRON, cron="*/5 * * * *", max_runs=3),
            order=ScheduledOrderSpec(side=0, order_type=1, price=100, max_base_lots=1),
        ),
        "execute_scheduled_order": timed.execute_scheduled_order(
            scheduled_order=KEY,
            margin_account=KEY,
            market=KEY,
            market_accounts=(KEY, KEY, KEY),
            keeper=OWNER,
            health_accounts=health,
            run_index=2,
        ),
        "cancel_scheduled_order": timed.cancel_scheduled_order(scheduled_order=KEY, owner=OWNER),
        "set_liquidation_params": ix.set_liquidation_params(
            admin=OWNER, small_position_quote=5, liquidation_buffer_bps=100,
            insurance_fee_share_bps=200,
        ),
        "set_perp_liquidation_fee": ix.set_perp_liquidation_fee(
            admin=OWNER, market_index=1, liquidation_fee_bps=50
        ),
        "set_asset_liquidation_discount": ix.set_asset_liquidation_discount(
            admin=OWNER, mint=MINT, liquidation_discount_bps=50
        ),
        "force_cancel_orders": ix.force_cancel_orders(
            margin_account=KEY, market_index=1, orderbook=KEY, health_accounts=health, limit=3
        ),
        "liquidate_perp": ix.liquidate_perp(
            liqee=KEY, liquidator=MINT, liquidator_owner=OWNER, market_index=1, oracle=KEY,
            quote_mint=MINT, liqee_health_accounts=health, liquidator_health_accounts=health,
            max_base_lots=9,
        ),
        "liquidate_collateral": ix.liquidate_collateral(
            liqee=KEY, liquidator=MINT, liquidator_owner=OWNER, mint=MINT, oracle=KEY,
            quote_mint=MINT, liqee_health_accounts=health, liquidator_health_accounts=health,
            max_amount=9,
        ),
        "resolve_bankruptcy": ix.resolve_bankruptcy(
            margin_account=KEY, market_index=1, quote_mint=MINT
        ),
        "sweep_fees_to_insurance": ix.sweep_fees_to_insurance(
            admin=OWNER, market_index=1, event_queue=KEY, quote_mint=MINT
        ),
        "set_market_order_rules": ix.set_market_order_rules(
            admin=OWNER, market_index=1, fill_band_bps=500, rest_band_bps=2_000, min_rest_lots=2
        ),
        "set_asset_risk_params": ix.set_asset_risk_params(
            admin=OWNER, mint=MINT, init_weight_scale_threshold=10, concentration_limit_bps=4_000
        ),
        "health_guard": ix.health_guard(
            margin_account=KEY, health_accounts=health, min_init_health=-5
        ),
        "place_order_v2": ix.place_order_v2(
            owner=OWNER,
            market_index=1,
            orderbook=KEY,
            event_queue=KEY,
            oracle=KEY,
            side=Side.BID,
            price=100,
            max_base_lots=5,
            health_accounts=health,
            time_in_force=TimeInForce.POST_ONLY,
            self_trade_behavior=SelfTradeBehavior.ABORT,
            reduce_only=True,
            expiry_timestamp=9,
            iceberg_display_lots=2,
        ),
        "create_trigger_order": ix.create_trigger_order(
            owner=OWNER,
            market_index=1,
            trigger_id=3,
            side=Side.ASK,
            kind=TriggerKind.STOP_LIMIT,
            trigger_price=90,
            limit_price=89,
            max_base_lots=2,
            keeper_reward_lamports=10_000,
        ),
        "cancel_trigger_order": ix.cancel_trigger_order(owner=OWNER, trigger_order=KEY),
        "trigger_order": ix.trigger_order(
            trigger_order=KEY,
            margin_account=KEY,
            owner=OWNER,
            market_index=1,
            orderbook=KEY,
            event_queue=KEY,
            oracle=KEY,
            keeper=MINT,
            health_accounts=health,
        ),
        "update_trailing_stop": ix.update_trailing_stop(
            trigger_order=KEY, market_index=1, oracle=KEY
        ),
        # Issue 6: JIT liquidity auctions.
        "open_auction": ix.open_auction(
            owner=OWNER,
            market_index=1,
            oracle=KEY,
            auction_id=9,
            side=Side.ASK,
            size_lots=5,
            limit_price=90,
            health_accounts=health,
        ),
        "submit_bid": ix.submit_bid(
            provider=OWNER, auction=KEY, market_index=1, oracle=KEY, price=95, base_lots=2,
            health_accounts=health,
        ),
        "improve_bid": ix.improve_bid(
            provider=OWNER, auction=KEY, market_index=1, oracle=KEY, price=96, base_lots=2,
            health_accounts=health,
        ),
        "cancel_bid": ix.cancel_bid(provider=OWNER, auction=KEY),
        "settle_auction": ix.settle_auction(
            auction=KEY, taker_margin_account=KEY, taker_owner=OWNER, market_index=1,
            orderbook=KEY, oracle=KEY, settler=MINT, provider_accounts=[],
        ),
        "expire_auction": ix.expire_auction(
            auction=KEY, taker_margin_account=KEY, taker_owner=OWNER, expirer=MINT
        ),
        "accrue_borrow_interest": ix.accrue_borrow_interest(
            quote_mint=MINT, margin_accounts=[KEY, OWNER]
        ),
        "set_borrow_rate_params": ix.set_borrow_rate_params(
            admin=OWNER, quote_mint=MINT, base_rate_bps=100, optimal_rate_bps=800,
            max_rate_bps=20_000, optimal_utilization_bps=9_000,
        ),
        "update_funding": ix.update_funding(
            market_index=2, orderbook=KEY, event_queue=KEY, oracle=KEY,
            reward_account=KEY,
        ),
        "set_funding_params": ix.set_funding_params(
            admin=OWNER, market_index=2, period_seconds=3_600, max_rate_bps=50,
            mark_band_bps=500, paused=True, crank_reward=10,
        ),
        "initialize_risk_parameters": ix.initialize_risk_parameters(admin=OWNER),
        "set_risk_publisher": ix.set_risk_publisher(admin=OWNER, publisher=KEY),
        "set_risk_factors": ix.set_risk_factors(admin=OWNER, sources=[KEY, MINT]),
        "set_risk_limit_caps": ix.set_risk_limit_caps(
            admin=OWNER, caps=RISK_LIMITS, defaults=RISK_LIMITS
        ),
        "publish_risk_params": ix.publish_risk_params(
            publisher=OWNER, volatility_ppm=[0] * 16, correlation_bps=[0] * 256,
            max_staleness_slots=100, half_life_seconds=3_600, factor_count=1,
        ),
        "create_risk_limits": ix.create_risk_limits(
            owner=OWNER, margin_account=KEY, limits=RISK_LIMITS, delegate=MINT
        ),
        "set_risk_limits": ix.set_risk_limits(
            authority=OWNER, margin_account=KEY, limits=RISK_LIMITS
        ),
        "reset_high_water_mark": ix.reset_high_water_mark(
            owner=OWNER, margin_account=KEY, health_accounts=[]
        ),
        "compute_risk": ix.compute_risk(margin_account=KEY, health_accounts=[]),
        "set_rebalance_policy": ix.set_rebalance_policy(
            owner=OWNER, members=[RebalanceMember(KEY, 1_000, 5_000)], asset_mask=1,
            max_utilization_bps=8_000, delegate=MINT,
        ),
        "rebalance_collateral": ix.rebalance_collateral(
            authority=MINT, owner=OWNER, from_margin_account=KEY, to_margin_account=MINT,
            collateral_asset=KEY, amount=5, from_health_accounts=[], to_health_accounts=[],
        ),
    }


# Where each instruction is built on a client: (namespace, method).
CLIENT_METHODS = {
    "initialize_exchange": ("admin", "initialize_exchange"),
    "set_instruction_gate": ("admin", "set_instruction_gate"),
    "set_market_order_rules": ("admin", "set_market_order_rules"),
    "add_collateral_asset": ("admin", "add_collateral_asset"),
    "create_perp_market": ("admin", "create_perp_market"),
    "set_borrow_rate_params": ("admin", "set_borrow_rate_params"),
    "set_funding_params": ("admin", "set_funding_params"),
    "set_liquidation_params": ("admin", "set_liquidation_params"),
    "set_perp_liquidation_fee": ("admin", "set_perp_liquidation_fee"),
    "set_asset_liquidation_discount": ("admin", "set_asset_liquidation_discount"),
    "set_asset_risk_params": ("admin", "set_asset_risk_params"),
    "sweep_fees_to_insurance": ("admin", "sweep_fees_to_insurance"),
    "create_oracle": ("oracles", "create"),
    "update_oracle": ("oracles", "update"),
    "create_margin_account": ("margin", "create"),
    "close_margin_account": ("margin", "close"),
    "deposit": ("margin", "deposit"),
    "withdraw": ("margin", "withdraw"),
    "settle_pnl": ("margin", "settle_pnl"),
    "compute_health": ("margin", "compute_health"),
    "health_guard": ("margin", "health_guard"),
    "place_order": ("orders", "place"),
    "place_order_v2": ("orders", "place_v2"),
    "cancel_order": ("orders", "cancel"),
    "cancel_all_orders": ("orders", "cancel_all"),
    "consume_events": ("orders", "consume_events"),
    "create_trigger_order": ("triggers", "create"),
    "cancel_trigger_order": ("triggers", "cancel"),
    "trigger_order": ("triggers", "fire"),
    "update_trailing_stop": ("triggers", "update_trailing_stop"),
    "open_auction": ("auctions", "open"),
    "submit_bid": ("auctions", "submit_bid"),
    "improve_bid": ("auctions", "improve_bid"),
    "cancel_bid": ("auctions", "cancel_bid"),
    "settle_auction": ("auctions", "settle"),
    "expire_auction": ("auctions", "expire"),
    "create_twap_order": ("twap", "create"),
    "execute_twap_slice": ("twap", "execute_slice"),
    "set_twap_paused": ("twap", "set_paused"),
    "cancel_twap_order": ("twap", "cancel"),
    "create_scheduled_order": ("schedules", "create"),
    "execute_scheduled_order": ("schedules", "execute"),
    "cancel_scheduled_order": ("schedules", "cancel"),
    "force_cancel_orders": ("liquidation", "force_cancel_orders"),
    "resolve_bankruptcy": ("liquidation", "resolve_bankruptcy"),
    "liquidate_perp": ("liquidation", "liquidate_perp"),
    "liquidate_collateral": ("liquidation", "liquidate_collateral"),
    "accrue_borrow_interest": ("borrow", "accrue_interest"),
    "update_funding": ("funding", "update"),
    "initialize_risk_parameters": ("risk", "initialize_risk_parameters"),
    "set_risk_publisher": ("risk", "set_risk_publisher"),
    "set_risk_factors": ("risk", "set_risk_factors"),
    "set_risk_limit_caps": ("risk", "set_risk_limit_caps"),
    "publish_risk_params": ("risk", "publish_risk_params"),
    "create_risk_limits": ("risk", "create_risk_limits"),
    "set_risk_limits": ("risk", "set_risk_limits"),
    "reset_high_water_mark": ("risk", "reset_high_water_mark"),
    "compute_risk": ("risk", "compute_risk"),
    "set_rebalance_policy": ("risk", "set_rebalance_policy"),
    "rebalance_collateral": ("risk", "rebalance_collateral"),
}


def test_every_instruction_has_a_builder_and_client_methods() -> None:
    names = {snake(i.name) for i in load_idl().instructions}
    assert names == set(builders())
    assert names == set(CLIENT_METHODS)
    client = KairosClient("http://127.0.0.1:1", Keypair())
    for name in names:
        assert callable(getattr(ix, name, None) or getattr(timed, name))
        namespace, method = CLIENT_METHODS[name]
        assert inspect.iscoroutinefunction(getattr(getattr(client, namespace), method))


@pytest.mark.parametrize("name", sorted(builders()))
def test_account_flags_follow_the_idl(name: str) -> None:
    instruction = builders()[name]
    idl_ix = next(i for i in load_idl().instructions if snake(i.name) == name)
    assert instruction.program_id == PROGRAM_ID
    for meta, idl_account in zip(instruction.accounts, idl_ix.accounts, strict=False):
        assert meta.is_signer == idl_account.is_signer, idl_account.name
        assert meta.is_writable == idl_account.is_mut, idl_account.name
    if idl_ix.accounts[0].name == "exchange":
        assert instruction.accounts[0].pubkey == exchange_address()


def decoded_args(instruction: Instruction) -> dict[str, object]:
    parsed = coder().instruction.parse(bytes(instruction.data))
    return {k: v for k, v in parsed.data.items() if not k.startswith("_")}


def test_arguments_round_trip_through_the_coder() -> None:
    built = builders()
    place = decoded_args(built["place_order"])["args"]
    assert (place.side, place.order_type, place.price, place.max_base_lots) == (1, 1, 100, 5)
    assert (place.client_order_id, place.match_limit) == (77, 3)
    market = decoded_args(built["create_perp_market"])["args"]
    assert bytes(market.name).rstrip(b"\0") == b"ETH-PERP"
    assert market.maker_fee_bps == -2 and market.base_decimals == 12
    assert decoded_args(built["cancel_order"]) == {"order_id": 8, "is_client_id": True}
    assert decoded_args(built["cancel_all_orders"]) == {"side_filter": 1, "limit": 4}
    assert decoded_args(built["set_instruction_gate"]) == {"gate": 5}
    assert len(built["settle_pnl"].data) == 8


def test_pdas_in_account_lists() -> None:
    built = builders()
    init = built["initialize_exchange"].accounts
    assert init[3].pubkey == collateral_asset_address(MINT)
    assert init[4].pubkey == vault_address(MINT)
    assert built["create_oracle"].accounts[1].pubkey == oracle_address(OWNER, 3)
    assert built["create_perp_market"].accounts[2].pubkey == perp_market_address(2)
    assert built["create_margin_account"].accounts[1].pubkey == margin_account_address(OWNER, 4)
    place = built["place_order"].accounts
    assert place[1].pubkey == margin_account_address(OWNER, 0)
    assert place[3].pubkey == perp_market_address(1)
    assert place[-1] == AccountMeta(KEY, is_signer=False, is_writable=False)
    crank = built["consume_events"].accounts
    assert crank[-2:] == [
        AccountMeta(KEY, is_signer=False, is_writable=True),
        AccountMeta(MINT, is_signer=False, is_writable=True),
    ]


def test_build_instruction_validates() -> None:
    with pytest.raises(ValueError, match="not provided"):
        ix.build_instruction("set_instruction_gate", {"gate": 1}, {"exchange": KEY})
    with pytest.raises(ValueError, match="unknown accounts"):
        ix.build_instruction(
            "set_instruction_gate", {"gate": 1}, {"exchange": KEY, "admin": KEY, "x": KEY}
        )
    with pytest.raises(ValueError, match="expected args"):
        ix.build_instruction("set_instruction_gate", {}, {"exchange": KEY, "admin": KEY})
    with pytest.raises(KeyError):
        ix.build_instruction("nope", {}, {})
    with pytest.raises(ValueError, match="16"):
        ix.market_name_bytes("X" * 17)


# --- health accounts -------------------------------------------------------------------


def _universe() -> tuple[dict[int, object], dict[int, object]]:
    # Index 0 is the quote asset: it heads every list (the borrow index).
    assets = {i: f.asset(i, Pubkey.new_unique()) for i in range(0, 6)}
    markets = {i: f.market(i, Pubkey.new_unique()) for i in range(0, 6)}
    return assets, markets


def keys_of(assets, markets, asset_ids, market_ids) -> list[Pubkey]:  # type: ignore[no-untyped-def]
    expected = [collateral_asset_address(assets[0].mint)]
    for i in asset_ids:
        expected += [collateral_asset_address(assets[i].mint), assets[i].oracle]
    for i in market_ids:
        expected += [perp_market_address(i), markets[i].oracle]
    return expected


def test_health_accounts_in_slot_order() -> None:
    assets, markets = _universe()
    account = f.margin_account(
        0, [f.holding(3, 1), None, f.holding(1, 5)], [None, f.perp(4), f.perp(2)]
    )
    metas = ix.health_accounts(account, assets=assets, markets=markets)  # type: ignore[arg-type]
    assert [m.pubkey for m in metas] == keys_of(assets, markets, [3, 1], [4, 2])
    assert all(not m.is_signer and not m.is_writable for m in metas)


def test_new_positions_take_the_first_free_slot() -> None:
    assets, markets = _universe()
    account = f.margin_account(0, [f.holding(3, 1), None, f.holding(1, 5)], [None, f.perp(4)])
    metas = ix.health_accounts(
        account,
        assets=assets,
        markets=markets,
        new_asset_index=5,
        new_market_index=0,  # type: ignore[arg-type]
    )
    assert [m.pubkey for m in metas] == keys_of(assets, markets, [3, 5, 1], [0, 4])
    # An existing position is not added twice; the quote asset is never a position.
    same = ix.health_accounts(
        account,
        assets=assets,
        markets=markets,
        new_asset_index=0,
        new_market_index=4,  # type: ignore[arg-type]
    )
    assert [m.pubkey for m in same] == keys_of(assets, markets, [3, 1], [4])
    fresh = ix.health_accounts(None, assets=assets, markets=markets, new_market_index=2)  # type: ignore[arg-type]
    assert [m.pubkey for m in fresh] == keys_of(assets, markets, [], [2])


def test_removed_collateral_is_not_listed() -> None:
    assets, markets = _universe()
    account = f.margin_account(0, [f.holding(3, 1), f.holding(1, 5)])
    metas = ix.health_accounts(account, assets=assets, markets=markets, removed_asset_index=3)  # type: ignore[arg-type]
    assert [m.pubkey for m in metas] == keys_of(assets, markets, [1], [])


def test_full_slots_and_missing_accounts() -> None:
    assets, markets = _universe()
    full = f.margin_account(0, [], [f.perp(i) for i in range(4)])
    with pytest.raises(errors.PerpPositionLimit):
        ix.health_accounts(full, assets=assets, markets=markets, new_market_index=5)  # type: ignore[arg-type]
    with pytest.raises(KeyError):
        ix.health_accounts(f.margin_account(0, [f.holding(9, 1)]), assets=assets, markets=markets)  # type: ignore[arg-type]


def test_order_option_and_trigger_builders_encode_their_arguments() -> None:
    built = builders()
    v2 = decoded_args(built["place_order_v2"])["args"]
    assert (v2.time_in_force, v2.self_trade_behavior, v2.reduce_only) == (3, 2, True)
    assert (v2.expiry_timestamp, v2.iceberg_display_lots, v2.max_oracle_deviation_bps) == (9, 2, 0)
    trigger = decoded_args(built["create_trigger_order"])["args"]
    # A sell stop triggers below (the only condition the program accepts).
    assert (trigger.kind, trigger.condition, trigger.side) == (1, 1, 1)
    accounts = built["create_trigger_order"].accounts
    from kairos.pda import trigger_order_address

    assert accounts[1].pubkey == trigger_order_address(margin_account_address(OWNER), 3)
    assert accounts[5].pubkey == PROGRAM_ID  # no OCO partner
