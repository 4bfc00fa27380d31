"""KairosCore.send: what it accepts, the compute budget it sets, what it refuses."""

from __future__ import annotations

import pytest
from kairos import errors
from kairos.client import KairosClient
from kairos.constants import Side
from kairos.core import MAX_COMPUTE_UNITS, Bundle, TxParams
from kairos.events import (
    HealthComputed,
    OrderPlaced,
    ScheduledOrderExecuted,
    TwapSliceExecuted,
)
from kairos.params import (
    CreateScheduledOrderParams,
    CreateTwapOrderParams,
    ExecuteScheduledOrderParams,
    ExecuteTwapSliceParams,
    PlaceOrderParams,
    ScheduledOrderSpec,
    ScheduleKind,
    ScheduleParams,
    TwapParams,
    WithdrawParams,
)
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.keypair import Keypair

from ..conftest import Setup
from .test_client_e2e import PRICE_100, new_trader


def test_limit_from_a_simulation_has_headroom_and_a_ceiling() -> None:
    params = TxParams()
    assert params.limit_for(10_000) == 35_000  # ceil(10,000 x 1.5) + 20,000
    assert params.limit_for(1_300_000) == MAX_COMPUTE_UNITS
    assert TxParams(cu_margin=1.0, cu_add=0).limit_for(7) == 7
    budget = TxParams(compute_unit_price=5).budget(35_000)
    assert [ix.program_id for ix in budget] == [COMPUTE_BUDGET_ID, COMPUTE_BUDGET_ID]
    assert TxParams().budget(None) == []


async def test_send_refuses_what_is_not_an_instruction() -> None:
    # Refused before any request: the URL is never contacted.
    async with KairosClient("http://127.0.0.1:9", Keypair()) as client:
        with pytest.raises(ValueError, match="nothing to send"):
            await client.send()
        with pytest.raises(ValueError, match="nothing to send"):
            await client.send(Bundle(()))
        with pytest.raises(TypeError, match="not an Instruction or Bundle"):
            await client.send("place_order")  # type: ignore[arg-type]


async def test_send_sets_the_limit_from_the_simulation_and_decodes_events(
    kairos_setup: Setup,
) -> None:
    trader = await new_trader(kairos_setup)
    async with trader:
        market = kairos_setup.market_index
        # Two namespaces' instructions, one transaction, one result.
        result = await trader.send(
            trader.margin.compute_health(),
            trader.orders.place(PlaceOrderParams(market, Side.BID, PRICE_100 - 50_000, 1)),
        )
        assert [type(e) for e in result.events if isinstance(e, (HealthComputed, OrderPlaced))] == [
            HealthComputed,
            OrderPlaced,
        ]
        assert result.events_of(OrderPlaced)[0].resting_base_lots == 1
        assert result.compute_units is not None and result.compute_unit_limit is not None
        assert result.compute_units < result.compute_unit_limit < MAX_COMPUTE_UNITS
        assert result.events == tuple(await trader.get_transaction_events(result.signature))
        # A fixed limit is used as given (no simulation).
        fixed = await trader.send(
            trader.orders.place(PlaceOrderParams(market, Side.BID, PRICE_100 - 50_000, 1)),
            tx_params=TxParams(compute_unit_limit=400_000),
        )
        assert fixed.compute_unit_limit == 400_000


async def test_a_failing_simulation_sends_nothing(kairos_setup: Setup) -> None:
    trader = await new_trader(kairos_setup, quote=100 * 10**6)
    async with trader:
        lamports = (await trader.connection.get_balance(trader.authority)).value
        signatures = await trader.connection.get_signatures_for_address(trader.authority)
        with pytest.raises(errors.InsufficientBalance) as caught:
            await trader.send(
                trader.margin.withdraw(WithdrawParams(kairos_setup.quote_mint, 101 * 10**6))
            )
        assert caught.value.logs  # the simulation's logs name the failure
        # No fee paid, no transaction recorded: the simulation refused it.
        assert (await trader.connection.get_balance(trader.authority)).value == lamports
        after = await trader.connection.get_signatures_for_address(trader.authority)
        assert len(after.value) == len(signatures.value)


async def test_a_keeper_executes_a_twap_slice_and_a_scheduled_run(kairos_setup: Setup) -> None:
    trader, keeper = await new_trader(kairos_setup), await new_trader(kairos_setup)
    async with trader, keeper:
        market = kairos_setup.market_index
        now = await trader.get_unix_timestamp()
        # One slice, due now, that may trade at most 1% away from the oracle.
        twap = await trader.twap.create(
            CreateTwapOrderParams(
                market,
                TwapParams(
                    side=int(Side.BID), total_base_lots=1, start_time=now - 1,
                    interval_seconds=60, slice_count=1, max_deviation_bps=100,
                ),
            )
        )  # fmt: skip
        await trader.send(twap)
        assert twap.address is not None
        result = await keeper.send(keeper.twap.execute_slice(ExecuteTwapSliceParams(twap.address)))
        [executed] = result.events_of(TwapSliceExecuted)
        assert executed.slice_index == 0
        schedule = await trader.schedules.create(
            CreateScheduledOrderParams(
                market,
                ScheduleParams(ScheduleKind.ONE_SHOT, start_time=now - 1),
                ScheduledOrderSpec(int(Side.BID), 0, PRICE_100 - 50_000, 1),
            )
        )
        await trader.send(schedule)
        assert schedule.address is not None
        ran = await keeper.send(
            keeper.schedules.execute(ExecuteScheduledOrderParams(schedule.address))
        )
        assert ran.events_of(ScheduledOrderExecuted)
