"""Protected execution on the localnet: no fill beyond the tolerance, routes sent on chain.

A market of its own (own oracle) on the session's exchange, so other tests' orders
never sit in its book.
"""

from __future__ import annotations

import pytest
from kairos import errors
from kairos.client import KairosClient, PerpMarketParams
from kairos.constants import OrderType, Side, TimeInForce
from kairos.events import OrderFilled, events_of_type
from kairos.execution.client import ExecutionClient
from kairos.execution.routes import RouteKind, template
from kairos.params import CreateOracleParams, ExecuteScheduledOrderParams, PlaceOrderV2Params

from ...conftest import BASE_DECIMALS, STALENESS_SLOTS, Setup
from ..test_client_e2e import new_trader

PRICE = 1_000_000  # 100 USDC per SOL, quote native per 0.01-SOL lot
ASKS = [(PRICE, 10), (PRICE + 2_000, 10), (PRICE * 105 // 100, 50)]


async def new_market(setup: Setup, seed: int) -> int:
    async with setup.client() as admin:
        await admin.send(admin.oracles.create(CreateOracleParams(seed, 100_000_000, 20_000, -6)))
        created = await admin.admin.create_perp_market(
            PerpMarketParams(
                name="EXEC-PERP",
                oracle=admin.oracle_address(seed),
                base_lot_size=10_000_000,
                tick_size=100,
                base_decimals=BASE_DECIMALS,
                max_staleness_slots=STALENESS_SLOTS,
                taker_fee_bps=10,
            )
        )
        await admin.send(created)
        return created.market_index


async def quote_asks(maker: KairosClient, market_index: int) -> None:
    for price, lots in ASKS:
        await maker.send(
            maker.orders.place_v2(PlaceOrderV2Params(market_index, Side.ASK, price, lots))
        )


async def fills(client: KairosClient, signature: object) -> list[OrderFilled]:
    return events_of_type(await client.get_transaction_events(signature), OrderFilled)  # type: ignore[arg-type]


async def test_a_fill_beyond_the_tolerance_is_impossible(kairos_setup: Setup) -> None:
    market_index = await new_market(kairos_setup, 2_020)
    maker = await new_trader(kairos_setup)
    trader = await new_trader(kairos_setup)
    sandwich = await new_trader(kairos_setup)
    async with maker, trader, sandwich:
        await quote_asks(maker, market_index)
        executor = ExecutionClient(trader)
        estimate = await executor.pre_trade(market_index, Side.BID, 20)
        assert estimate.book_slippage_bps == pytest.approx(10.0)
        assert estimate.limits is not None
        worst = estimate.limits.worst_price
        assert PRICE + 2_000 <= worst < PRICE * 105 // 100
        assert 0 < estimate.limits.max_oracle_deviation_bps < 500

        # A front-runner takes the two near levels between the estimate and the order.
        await sandwich.send(
            sandwich.orders.place_v2(
                PlaceOrderV2Params(
                    market_index, Side.BID, PRICE + 2_000, 20, time_in_force=TimeInForce.IOC
                )
            )
        )
        # The protected order: the program refuses every fill beyond the worst price.
        signature = (
            await trader.send(
                trader.orders.place_v2(
                    PlaceOrderV2Params(
                        market_index,
                        Side.BID,
                        worst,
                        20,
                        time_in_force=TimeInForce.IOC,
                        max_oracle_deviation_bps=estimate.limits.max_oracle_deviation_bps,
                    )
                )
            )
        ).signature
        assert await fills(trader, signature) == []
        position = (await trader.get_margin_account()).perp_position(market_index)
        assert position is None or position.base_lots == 0
        # The band alone binds too: an unlimited price still cannot reach the 105 level.
        with pytest.raises(errors.NoFill):
            await trader.send(
                trader.orders.place_v2(
                    PlaceOrderV2Params(
                        market_index,
                        Side.BID,
                        0,
                        20,
                        order_type=OrderType.MARKET,
                        max_oracle_deviation_bps=estimate.limits.max_oracle_deviation_bps,
                    )
                )
            )
        # Unprotected, the same order would have paid 5%.
        view = await trader.get_orderbook_view(market_index)
        assert view.best_ask == PRICE * 105 // 100


async def test_speed_first_takes_and_best_price_splits_on_chain(kairos_setup: Setup) -> None:
    market_index = await new_market(kairos_setup, 2_021)
    maker = await new_trader(kairos_setup)
    trader = await new_trader(kairos_setup)
    async with maker, trader:
        await quote_asks(maker, market_index)
        executor = ExecutionClient(trader)
        taken = await executor.execute(market_index, Side.BID, 15, template("Speed First"))
        assert taken.route.kind == RouteKind.TAKE == taken.ranked_first
        filled = await fills(trader, taken.signatures[0])
        assert sum(f.base_lots for f in filled) == 15
        assert all(f.price <= taken.worst_price for f in filled)

        split = await executor.execute(market_index, Side.BID, 40, template("Best Price"))
        assert split.route.kind == split.ranked_first
        assert split.route.kind == RouteKind.TWAP and split.account is not None
        twap = await trader.twap.get(split.account)
        assert twap.total_base_lots == 40 and twap.slice_count == split.route.slices > 1
        assert twap.limit_price == split.worst_price
        assert twap.max_deviation_bps == split.max_oracle_deviation_bps
        # A route the preferences forbid is refused, nothing sent.
        with pytest.raises(ValueError, match="not allowed"):
            await executor.execute(
                market_index, Side.BID, 5, template("MEV Protected"), route=RouteKind.TAKE
            )


async def test_vwap_split_runs_as_scheduled_orders_with_the_limits(kairos_setup: Setup) -> None:
    market_index = await new_market(kairos_setup, 2_023)
    maker = await new_trader(kairos_setup)
    trader = await new_trader(kairos_setup)
    keeper = kairos_setup.client()
    async with maker, trader, keeper:
        await quote_asks(maker, market_index)
        executor = ExecutionClient(trader)
        result = await executor.execute(
            market_index, Side.BID, 20, template("Best Price"), route=RouteKind.SCHEDULED,
            volume_profile=[3.0, 1.0],
        )  # fmt: skip
        assert result.route.kind == RouteKind.SCHEDULED and result.account is not None
        first = await trader.schedules.get(result.account)
        assert first.order_max_base_lots == 15  # 3:1 of 20 lots
        assert first.order_price == result.worst_price
        assert first.order_max_oracle_deviation_bps == result.max_oracle_deviation_bps
        # A keeper runs the due bucket: every fill within the worst price.
        signature = (
            await keeper.send(keeper.schedules.execute(ExecuteScheduledOrderParams(result.account)))
        ).signature
        filled = await fills(trader, signature)
        assert sum(f.base_lots for f in filled) == 15
        assert all(f.price <= result.worst_price for f in filled)
        with pytest.raises(ValueError):
            await executor.create_vwap_orders(market_index, Side.BID, [], result_limits(result))


def result_limits(result: object) -> object:
    from kairos.execution.impact import ProtectiveLimits

    return ProtectiveLimits(result.worst_price, result.max_oracle_deviation_bps)  # type: ignore[attr-defined]
