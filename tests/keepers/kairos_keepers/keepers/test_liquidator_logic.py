"""The liquidator keeper's decisions, without a chain: who acts on what, in which order,
with which of its own accounts, and what it counts."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator

import pytest
from kairos.accounts import MarginAccount
from kairos.pda import margin_account_address
from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.liquidator import (
    LIQUIDATE,
    Action,
    LiquidatorKeeper,
    LiquidatorSettings,
    rendezvous_owner,
    rendezvous_weight,
)
from kairos_keepers.lifecycle import KeeperRuntime
from prometheus_client import CollectorRegistry
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from tests.clients import factories as f
from tests.clients.kairos.test_liquidation_plan import LOT, SLOT, USDC, _view


def test_rendezvous_gives_every_account_one_owner_spread_evenly() -> None:
    team = [Pubkey.new_unique() for _ in range(3)]
    accounts = [Pubkey.new_unique() for _ in range(3_000)]
    owners = [rendezvous_owner(team, account) for account in accounts]
    # Same answer whatever the order a keeper lists its team in.
    assert owners == [rendezvous_owner(list(reversed(team)), account) for account in accounts]
    counts = [owners.count(keeper) for keeper in team]
    assert all(800 < count < 1_200 for count in counts), counts
    # A keeper leaving moves only its own accounts.
    rest = team[:2]
    for account, owner in zip(accounts, owners, strict=True):
        if owner in rest:
            assert rendezvous_owner(rest, account) == owner
    assert rendezvous_weight(team[0], accounts[0]) != rendezvous_weight(team[1], accounts[0])


def _keeper(payer: Keypair, **settings: object) -> LiquidatorKeeper:
    runtime = KeeperRuntime(
        LiquidatorKeeper,
        KeeperConfig(metrics_enabled=False),
        LiquidatorSettings(**settings),  # type: ignore[arg-type]
        payer=payer,
        registry=CollectorRegistry(),
        install_signal_handlers=False,
    )
    keeper = LiquidatorKeeper(runtime)
    view = _view(markets=2, assets=1)
    keeper.state.exchange = view.exchange
    keeper.state.assets = dict(view.assets)
    keeper.state.markets = dict(view.markets)
    keeper.state.oracles = dict(view.oracles)
    keeper.state.slot = SLOT
    keeper.state.clock_seen = float("inf")
    return keeper


def _own(keeper: LiquidatorKeeper, count: int) -> list[Pubkey]:
    owner = keeper.payer.pubkey()
    keys = [margin_account_address(owner, i, keeper.config.program_id) for i in range(count)]
    for key in keys:
        keeper.state.margins[key] = f.margin_account(10**9 * USDC)
    return keys


def _failing(lots: int, markets: tuple[int, ...] = (0,)) -> MarginAccount:
    """Long ``lots`` per market bought at 1 USDC a lot, now 0.9: liquidatable, not bankrupt."""
    perps = [f.perp(m, lots, -lots * LOT) for m in markets]
    return f.margin_account(1_100 * USDC * len(markets) * lots // 11_000, [], perps)


def _owned_by(team: list[Pubkey], me: Pubkey, mine: bool) -> Pubkey:
    while True:
        key = Pubkey.new_unique()
        if (rendezvous_owner(team, key) == me) == mine:
            return key


@pytest.fixture
def loop() -> Iterator[asyncio.AbstractEventLoop]:
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


def test_scan_serves_the_largest_value_at_risk_first_and_never_skips_zero_reward_work() -> None:
    keeper = _keeper(Keypair(), min_net_reward=10**15)
    _own(keeper, 1)
    small, large = Pubkey.new_unique(), Pubkey.new_unique()
    keeper.state.margins[small] = _failing(11_000)
    keeper.state.margins[large] = _failing(22_000)
    bankrupt = Pubkey.new_unique()
    keeper.state.margins[bankrupt] = f.margin_account(-50 * USDC)
    due = keeper.scan()
    assert [d.address for d in due][:2] == [large, small]
    assert bankrupt in [d.address for d in due]
    # The bankruptcy path pays no reward and is planned anyway.
    action = keeper.plan(bankrupt, keeper.state.margins[bankrupt], due[-1].health)
    assert action is not None and action.action == "resolve_bankruptcy"
    # A liquidation below min_net_reward is skipped (prerequisites are not: see below).
    assert keeper.plan(large, keeper.state.margins[large], due[0].health) is None


def test_a_peer_owned_account_waits_for_the_peer_until_it_stalls() -> None:
    me, peer = Keypair(), Keypair()
    keeper = _keeper(me, peers=(str(peer.pubkey()),), takeover_slots=4)
    _own(keeper, 1)
    team = [me.pubkey(), peer.pubkey()]
    mine = _owned_by(team, me.pubkey(), True)
    theirs = _owned_by(team, me.pubkey(), False)
    keeper.state.margins[mine] = _failing(11_000)
    keeper.state.margins[theirs] = _failing(11_000)
    assert [d.address for d in keeper.scan()] == [mine]
    keeper.state.slot += 3
    assert theirs not in [d.address for d in keeper.scan()]
    # The peer made progress (the account changed) at slot + 3: the wait starts again.
    keeper.state.changed_slot[theirs] = keeper.state.slot
    keeper.state.slot += 3
    assert theirs not in [d.address for d in keeper.scan()]
    keeper.state.slot += 1
    assert theirs in [d.address for d in keeper.scan()]


def test_liquidations_that_open_positions_use_separate_own_accounts(
    loop: asyncio.AbstractEventLoop,
) -> None:
    keeper = _keeper(Keypair(), pool_size=2)
    own = _own(keeper, 2)
    victims = [Pubkey.new_unique() for _ in range(3)]
    for victim in victims:
        keeper.state.margins[victim] = _failing(11_000)

    async def launch_all() -> list[Action | None]:
        planned = []
        for victim in victims:
            account = keeper.state.margins[victim]
            action = keeper.plan(victim, account, keeper.state.health(account))
            planned.append(action)
            if action is not None:
                # In flight until the test ends (a send that never returns).
                keeper.in_flight[victim] = (action, loop.create_future())  # type: ignore[assignment]
        return planned

    planned = loop.run_until_complete(launch_all())
    first, second, third = planned
    assert first is not None and second is not None
    assert first.action == LIQUIDATE and first.opens and second.opens
    assert {first.liquidator, second.liquidator} == set(own)
    # Both own accounts carry a liquidation that opens a slot: a third must wait.
    assert third is None
    # Once an own account holds the market, liquidations there open nothing and share it.
    keeper.in_flight.clear()
    veteran = dataclasses.replace(
        keeper.state.margins[own[0]],
        perp_positions=(f.perp(0, 1, 0),) + keeper.state.margins[own[0]].perp_positions[1:],
    )
    keeper.state.margins[own[0]] = veteran
    keeper.state.margins[own[1]] = veteran
    planned = loop.run_until_complete(launch_all())
    assert all(a is not None and not a.opens for a in planned)


def test_a_race_seen_in_the_view_is_not_sent() -> None:
    keeper = _keeper(Keypair())
    _own(keeper, 1)
    victim = Pubkey.new_unique()
    keeper.state.margins[victim] = _failing(11_000)
    account = keeper.state.margins[victim]
    action = keeper.plan(victim, account, keeper.state.health(account))
    assert action is not None and not keeper.lost_before_sending(action)
    # Another keeper's liquidation landed: the view shows a different account.
    keeper.state.margins[victim] = dataclasses.replace(account, being_liquidated=1)
    assert keeper.lost_before_sending(action)


def test_one_counter_per_concept() -> None:
    keeper = _keeper(Keypair())
    names = {metric.name for metric in keeper.metrics.registry.collect()}
    # Outcomes are counted by the runtime's action counters only.
    assert "kairos_keeper_actions_outcompeted" in names
    assert not any(
        name.startswith("kairos_keeper_liquidation_")
        and name.endswith(("outcompeted", "attempts", "successes"))
        for name in names
    )
    assert "kairos_keeper_liquidation_transactions_sent" in names


def test_a_gain_the_pool_cannot_pay_settles_the_losers_first() -> None:
    keeper = _keeper(Keypair())
    _own(keeper, 1)
    market = keeper.state.markets[0]
    keeper.state.markets[0] = dataclasses.replace(market, pnl_pool=0)
    # Bankrupt: nothing but an emptied short's gain the empty pool cannot pay.
    bankrupt = Pubkey.new_unique()
    keeper.state.margins[bankrupt] = f.margin_account(-500 * USDC, [], [f.perp(0, 0, 80 * USDC)])
    loser, winner = Pubkey.new_unique(), Pubkey.new_unique()
    keeper.state.margins[loser] = f.margin_account(10**6 * USDC, [], [f.perp(0, 100, -100 * LOT)])
    keeper.state.margins[winner] = f.margin_account(10**6 * USDC, [], [f.perp(0, -100, 100 * LOT)])
    account = keeper.state.margins[bankrupt]
    action = keeper.plan(bankrupt, account, keeper.state.health(account))
    assert action is not None and action.action == "settle_pnl"
    settled = [instruction.accounts[1].pubkey for instruction in action.instructions]
    # The loser (−10 USDC at 0.9) first, then the account itself; never the winner.
    assert settled == [loser, bankrupt]
