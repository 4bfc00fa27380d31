"""The ``interest`` keeper: which accounts it picks, and a run on the localnet."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Awaitable, Callable, Iterator

import pytest
from kairos.client import KairosClient
from kairos.constants import OrderType, Side
from kairos.params import PlaceOrderParams, SetBorrowRateParams
from kairos_keepers.config import KeeperConfig
from kairos_keepers.keepers.interest import InterestKeeper, InterestSettings, due_accounts
from kairos_keepers.lifecycle import KeeperRuntime
from prometheus_client import CollectorRegistry
from solders.keypair import Keypair
from solders.pubkey import Pubkey

from tests.clients import factories as f
from tests.clients.conftest import Setup, own_exchange
from tests.clients.kairos.test_borrow_e2e import MONTH, _open_borrow, _vault_is_owed
from tests.clients.kairos.test_client_e2e import PRICE_100, new_trader

ONE = 10**12


def _borrower(balance: int, principal: int, snapshot: int = ONE) -> object:
    account = f.margin_account(balance)
    return dataclasses.replace(
        account, borrow_principal=principal, borrow_index_snapshot=snapshot
    )


def test_due_accounts_picks_fee_borrows_repaid_and_owing_accounts() -> None:
    keys = [Pubkey.new_unique() for _ in range(6)]
    accounts = [
        (keys[0], _borrower(-500, 0, 0)),  # borrowed through a fee: never checkpointed
        (keys[1], _borrower(0, 700)),  # repaid by fees/rebates: principal still recorded
        (keys[2], _borrower(-10**9, 10**9)),  # owes 10^9 × 1% = 10^7
        (keys[3], _borrower(-10**5, 10**5)),  # owes 1,000: exactly the threshold
        (keys[4], _borrower(-10**4, 10**4)),  # owes 100: below it
        (keys[5], _borrower(5_000, 0, 0)),  # a lender: nothing to do
    ]
    due = due_accounts(accounts, index=ONE + ONE // 100, min_interest=1_000)  # type: ignore[arg-type]
    assert [(d.address, d.reason, d.interest) for d in due] == [
        (keys[2], "interest", 10**7),
        (keys[3], "interest", 1_000),
        (keys[0], "fee_borrow", 0),
        (keys[1], "repaid", 0),
    ]


@pytest.fixture(scope="module")
def setup() -> Iterator[Setup]:
    with own_exchange() as exchange:
        yield exchange


async def _fee_borrower(setup: Setup) -> Keypair:
    """An account whose only quote movement is a taker fee: negative, no principal."""
    maker = await new_trader(setup, quote=10_000 * 10**6)
    taker = await new_trader(setup, quote=0, base=10 * 10**9)
    async with maker, taker:
        # At the oracle (90 since _open_borrow): no PnL, only the fee, and in the band.
        price = PRICE_100 * 9 // 10
        await maker.send(
            maker.orders.place(PlaceOrderParams(setup.market_index, Side.ASK, price, 10))
        )
        await taker.send(
            taker.orders.place(
                PlaceOrderParams(
                    setup.market_index, Side.BID, price, 10, order_type=OrderType.MARKET
                )
            )
        )
        account = await taker.get_margin_account()
    assert account.quote_balance < 0 and account.borrow_principal == 0
    return taker.wallet


async def _run_keeper(
    setup: Setup, until: Callable[[KairosClient], Awaitable[bool]]
) -> InterestKeeper:
    config = KeeperConfig(
        rpc_url=setup.cluster.rpc_url,
        ws_url=setup.cluster.ws_url,
        poll_interval=0.2,
        metrics_enabled=False,
        confirm_poll_interval=0.05,
    )
    runtime = KeeperRuntime(
        InterestKeeper,
        config,
        InterestSettings(min_interest=1_000, batch_size=1),
        payer=setup.admin,
        registry=CollectorRegistry(),
        install_signal_handlers=False,
    )
    task = asyncio.create_task(runtime.run())
    async with setup.client() as client:
        deadline = asyncio.get_running_loop().time() + 20
        while not await until(client):
            assert asyncio.get_running_loop().time() < deadline, "the keeper did not act"
            await asyncio.sleep(0.1)
    runtime.request_stop("test over")
    assert await task == 0
    keeper = runtime.keeper
    assert isinstance(keeper, InterestKeeper)
    return keeper


async def _set_curve(setup: Setup) -> None:
    async with setup.client() as admin:
        curve = SetBorrowRateParams(
            base_rate_bps=500,
            optimal_rate_bps=2_000,
            max_rate_bps=10_000,
            optimal_utilization_bps=8_000,
        )
        await admin.send(admin.admin.set_borrow_rate_params(curve))


def test_the_keeper_checkpoints_borrowers_on_the_localnet(setup: Setup) -> None:
    # 5% a year at any utilization: a month on 9.1 USDC is ~37,000 native units.
    asyncio.run(_set_curve(setup))
    borrower = asyncio.run(_open_borrow(setup))
    fee_borrower = asyncio.run(_fee_borrower(setup))

    async def state(wallet: Keypair) -> tuple[Pubkey, int, int, int]:
        async with KairosClient(setup.cluster.rpc_url, wallet) as client:
            account = await client.get_margin_account()
            return (
                client.margin_account_address(),
                account.quote_balance,
                account.borrow_principal,
                account.borrow_index_snapshot,
            )

    borrower_key, balance, principal, snapshot = asyncio.run(state(borrower))
    fee_key, fee_balance, _, _ = asyncio.run(state(fee_borrower))
    setup.cluster.warp_time(MONTH)

    async def both_checkpointed(client: KairosClient) -> bool:
        account = await client.get_margin_account_at(borrower_key)
        fee_account = await client.get_margin_account_at(fee_key)
        return account.borrow_index_snapshot != snapshot and fee_account.borrow_principal != 0

    keeper = asyncio.run(_run_keeper(setup, both_checkpointed))

    async def quote_index() -> int:
        async with setup.client() as admin:
            return (await admin.get_collateral_asset(setup.quote_mint)).borrow_index

    # The borrower paid exactly its interest up to the index its checkpoint rolled to
    # (its new snapshot; the fee borrower's checkpoint may have rolled it further since).
    _, balance_after, principal_after, snapshot_after = asyncio.run(state(borrower))
    assert asyncio.run(quote_index()) >= snapshot_after > snapshot
    interest = -(-principal * snapshot_after // snapshot) - principal
    assert interest > 0
    assert balance_after == balance - interest and principal_after == principal + interest
    # The fee-only borrower now has its principal recorded: it accrues from here.
    _, fee_after, fee_principal, _ = asyncio.run(state(fee_borrower))
    assert fee_after == fee_balance and fee_principal == -fee_balance
    asyncio.run(_vault_is_owed(setup))
    registry = keeper.metrics.registry
    reasons = {
        reason: registry.get_sample_value(
            "kairos_keeper_interest_checkpointed_accounts_total",
            {"keeper": "interest", "reason": reason},
        )
        for reason in ("interest", "fee_borrow")
    }
    assert reasons == {"interest": 1.0, "fee_borrow": 1.0}
    charged = registry.get_sample_value(
        "kairos_keeper_interest_charged_quote_total", {"keeper": "interest"}
    )
    assert charged is not None and charged > 0
