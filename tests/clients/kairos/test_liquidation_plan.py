"""The one-transaction liquidation plan (kairos.liquidation_plan), on synthetic state."""

from __future__ import annotations

import dataclasses

import pytest
from kairos import instructions as ix
from kairos import liquidation_plan as plans
from kairos.accounts import MarginAccount, OpenOrder
from kairos.constants import MAX_COLLATERAL_POSITIONS, MAX_OPEN_ORDERS, MAX_PERP_POSITIONS
from kairos.liquidation_plan import ChainView
from kairos.math import liquidation as liq
from solders.address_lookup_table_account import AddressLookupTableAccount
from solders.instruction import Instruction
from solders.pubkey import Pubkey

from tests.clients import factories as f

SLOT = 100
USDC = 10**6
LOT = 1_000_000  # one lot = 0.01 of a 100-USDC asset
LIQUIDATOR = Pubkey.new_unique()
OWNER = Pubkey.new_unique()
LIQEE = Pubkey.new_unique()


def _view(markets: int = 1, assets: int = 1, price: int = 90_000_000) -> ChainView:
    """``markets`` perp markets and ``assets`` collateral assets, all at ``price`` (e-6)."""
    oracles = {}
    market_map = {}
    asset_map = {0: f.asset(0, Pubkey.new_unique(), decimals=6)}
    for index in range(max(markets, assets)):
        key = Pubkey.new_unique()
        oracles[key] = f.oracle(price, publish_slot=SLOT)
        if index < markets:
            market_map[index] = dataclasses.replace(
                f.market(index, key), liquidation_fee_bps=100, position_lots=10**6
            )
        if index < assets:
            asset_map[index + 1] = dataclasses.replace(
                f.asset(index + 1, key), liquidation_discount_bps=200
            )
    exchange = dataclasses.replace(
        f.exchange(), liquidation_buffer_bps=5_000, insurance_fee_share_bps=2_000
    )
    return ChainView(exchange, asset_map, market_map, oracles, SLOT)


def _order(market: int, order_id: int) -> OpenOrder:
    return OpenOrder(order_id, 0, LOT // 2, market, 0, 1)


def _victim(view: ChainView, *, lots: int = 10_000, sol: int = 10**9) -> MarginAccount:
    """Long ``lots`` bought at 1 USDC per lot in every market, ``sol`` units of each asset."""
    perps = [f.perp(index, lots, -lots * LOT) for index in view.markets]
    held = [f.holding(index, sol) for index in view.assets if index != 0]
    return f.margin_account(1_200 * USDC * len(perps), held, perps)


def _plan(view: ChainView, account: MarginAccount, own: MarginAccount | None = None):  # type: ignore[no-untyped-def]
    return plans.plan_liquidation(
        view,
        LIQEE,
        account,
        liquidator=LIQUIDATOR,
        liquidator_owner=OWNER,
        liquidator_account=own,
    )


def _remaining(instruction: Instruction, name: str) -> list[Pubkey]:
    return [meta.pubkey for meta in instruction.accounts[ix.named_account_count(name) :]]


def test_a_healthy_account_has_no_plan() -> None:
    view = _view()
    assert _plan(view, _victim(view, lots=100)) is None


def test_the_plan_cancels_first_then_liquidates_until_the_target() -> None:
    view = _view(markets=2, assets=1)
    account = dataclasses.replace(
        _victim(view, lots=11_000),
        open_orders=(_order(1, 7), _order(0, 8)) + (f.EMPTY_ORDER,) * (MAX_OPEN_ORDERS - 2),
    )
    account = dataclasses.replace(
        account,
        perp_positions=tuple(
            dataclasses.replace(p, bids_base_lots=10, bids_quote=10 * LOT // 2) if p.active else p
            for p in account.perp_positions
        ),
    )
    assert liq.is_liquidatable(view.exchange, account, view.health(account))
    plan = _plan(view, account)
    assert plan is not None
    actions = [step.action for step in plan.steps]
    # One cancel per market with orders, markets in order, before anything else.
    assert actions[:2] == ["force_cancel_orders", "force_cancel_orders"]
    assert [step.index for step in plan.steps[:2]] == [0, 1]
    assert set(actions[2:]) <= {"liquidate_perp", "liquidate_collateral"} and actions[2:]
    assert len(plan.instructions) == len(plan.steps)
    # Every step but the last takes all of its position (else the target was reached).
    assert all(step.full for step in plan.steps[2:-1])
    assert plan.reaches_target
    # No step is capped by the plan: the program sizes each.
    for step, instruction in zip(plan.steps, plan.instructions, strict=True):
        if step.action == "liquidate_perp":
            assert int.from_bytes(bytes(instruction.data)[8:16], "little") == plans.NO_LIMIT


def test_each_step_names_the_health_accounts_the_program_will_see() -> None:
    view = _view(markets=1, assets=3)
    # Deep under water: every holding is sold in full, then the perp.
    account = _victim(view, lots=30_000, sol=10**8)
    plan = _plan(view, account)
    assert plan is not None
    collateral_steps = [
        (step, instruction)
        for step, instruction in zip(plan.steps, plan.instructions, strict=True)
        if step.action == "liquidate_collateral"
    ]
    assert len(collateral_steps) >= 2 and collateral_steps[0][0].full
    emptied: set[int] = set()
    own = plans.fresh_account()
    for step, instruction in zip(plan.steps, plan.instructions, strict=True):
        liqee_now = dataclasses.replace(
            account,
            collateral=tuple(
                f.EMPTY_COLLATERAL if c.active and c.asset_index in emptied else c
                for c in account.collateral
            ),
        )
        expected_liqee = [
            m.pubkey
            for m in ix.health_accounts(liqee_now, assets=view.assets, markets=view.markets)
        ]
        own = plans.open_positions(own, [step])
        expected_own = [
            m.pubkey for m in ix.health_accounts(own, assets=view.assets, markets=view.markets)
        ]
        assert _remaining(instruction, step.action) == expected_liqee + expected_own
        if step.action == "liquidate_collateral" and step.full:
            emptied.add(step.index)


def test_a_cheaper_holding_goes_before_a_perp() -> None:
    view = _view(markets=1, assets=1)
    account = _victim(view, lots=12_000, sol=5 * 10**9)
    # Fee 1 %, maintenance 5 %, buffer 50 %: 100 / 650 of fee per unit of shortfall
    # removed; a 2 % discount on a 90 %-weighted asset costs 2 / 13: the same, so the
    # larger gain (the perp) goes first ...
    plan = _plan(view, account)
    assert plan is not None and plan.steps[0].action == "liquidate_perp"
    # ... and at a 1 % discount (1 / 14) the holding is cheaper for the account.
    cheap = {**view.assets, 1: dataclasses.replace(view.assets[1], liquidation_discount_bps=100)}
    plan = _plan(dataclasses.replace(view, assets=cheap), account)
    assert plan is not None and plan.steps[0].action == "liquidate_collateral"


def test_cancels_alone_may_reach_the_target() -> None:
    view = _view(markets=1, assets=0)
    base = _victim(view, lots=6_000)
    reserved = dataclasses.replace(
        base.perp_positions[0], bids_base_lots=40_000, bids_quote=40_000 * LOT
    )
    account = dataclasses.replace(
        base,
        perp_positions=(reserved,) + base.perp_positions[1:],
        open_orders=(_order(0, 1),) + (f.EMPTY_ORDER,) * (MAX_OPEN_ORDERS - 1),
    )
    assert liq.is_liquidatable(view.exchange, account, view.health(account))
    plan = _plan(view, account)
    assert plan is not None and [s.action for s in plan.steps] == ["force_cancel_orders"]
    assert plan.reaches_target and plan.reward == 0


def _largest(view: ChainView) -> MarginAccount:
    perps = [f.perp(i, 50_000, -50_000 * LOT) for i in range(MAX_PERP_POSITIONS)]
    held = [f.holding(i + 1, 10**8) for i in range(MAX_COLLATERAL_POSITIONS)]
    orders = tuple(_order(i % MAX_PERP_POSITIONS, i + 1) for i in range(MAX_OPEN_ORDERS))
    account = f.margin_account(100 * USDC, held, perps)
    return dataclasses.replace(account, open_orders=orders)


def test_the_largest_account_and_what_fits_one_transaction() -> None:
    view = _view(markets=MAX_PERP_POSITIONS, assets=MAX_COLLATERAL_POSITIONS)
    account = _largest(view)
    plan = _plan(view, account)
    assert plan is not None
    # Deep under water: 4 cancels, then every position and holding.
    assert len(plan.steps) == MAX_PERP_POSITIONS + MAX_PERP_POSITIONS + MAX_COLLATERAL_POSITIONS
    table = AddressLookupTableAccount(
        Pubkey.new_unique(), plans.lookup_table_addresses(view, ix.PROGRAM_ID)
    )
    with_table = plans.fit_transaction(plan, OWNER, [table])
    without = plans.fit_transaction(plan, OWNER)
    assert plans.transaction_size(OWNER, with_table.instructions, [table]) <= 1232
    assert len(without.steps) < len(with_table.steps)
    # A truncated plan no longer claims to reach the target.
    assert not with_table.reaches_target or len(with_table.steps) == len(plan.steps)
    # With an experienced liquidator (a position in every market and asset) the lists
    # are as long as they get: fewer steps fit.
    veteran = f.margin_account(
        10**12,
        [f.holding(i + 1, 1) for i in range(MAX_COLLATERAL_POSITIONS)],
        [f.perp(i, 1, 0) for i in range(MAX_PERP_POSITIONS)],
    )
    heavy = plans.fit_transaction(_plan(view, account, veteran), OWNER, [table])  # type: ignore[arg-type]
    assert 4 < len(heavy.steps) <= len(with_table.steps)


def test_nothing_fits_raises() -> None:
    view = _view()
    plan = _plan(view, _victim(view, lots=20_000))
    assert plan is not None
    huge = [ix.health_guard(margin_account=LIQEE, health_accounts=[], min_init_health=0)] * 60
    with pytest.raises(ValueError, match="not even one"):
        plans.fit_transaction(plan, OWNER, extra=huge)


def test_value_at_risk_adds_the_missing_margin() -> None:
    view = _view()
    healthy = view.health(_victim(view, lots=100))
    failing = view.health(_victim(view, lots=30_000))
    assert plans.value_at_risk(healthy) == healthy.maint_requirement
    assert failing.maint < 0
    assert plans.value_at_risk(failing) == failing.maint_requirement - failing.maint


def test_bankruptcy_path_settles_then_resolves() -> None:
    view = _view(markets=2, assets=0)
    emptied = f.margin_account(-5 * USDC, [], [f.perp(0, 0, -300 * USDC), f.perp(1, 0, 10)])
    found = plans.bankruptcy_instructions(view, LIQEE, emptied)
    assert found is not None and found[0] == "settle_pnl" and len(found[1]) == 2
    settled = f.margin_account(-5 * USDC)
    found = plans.bankruptcy_instructions(view, LIQEE, settled)
    assert found is not None and found[0] == "resolve_bankruptcy"
    assert plans.bankruptcy_instructions(view, LIQEE, f.margin_account(5 * USDC)) is None
    holding_left = f.margin_account(-5 * USDC, [f.holding(1, 1)])
    assert plans.bankruptcy_instructions(view, LIQEE, holding_left) is None
