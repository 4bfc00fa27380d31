"""Builders for the TWAP and scheduled-order instructions on the perp harness."""

from __future__ import annotations

from typing import Any

from anchorpy import Context
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.transaction_metadata import TransactionMetadata

from ..conftest import LAMPORTS_PER_SOL, Trader, pda
from ..perp.conftest import ASK, MARKET, Market, Perp

CATCH_UP, SKIP = 0, 1
ONE_SHOT, INTERVAL, CRON = 0, 1, 2
EXECUTED, SKIPPED = 0, 1
CRON_BYTES = 48
TWAP_REWARD = 10_000


def twap_pda(margin: Pubkey, twap_id: int) -> Pubkey:
    return pda(b"twap", bytes(margin), twap_id.to_bytes(8, "little"))


def schedule_pda(margin: Pubkey, schedule_id: int) -> Pubkey:
    return pda(b"schedule", bytes(margin), schedule_id.to_bytes(8, "little"))


class Orders:
    """TWAP and scheduled orders of one market."""

    def __init__(self, perp: Perp, market: Market) -> None:
        self.perp = perp
        self.kairos = perp.kairos
        self.chain = perp.chain
        self.program = perp.program
        self.market = market

    def lamports(self, key: Pubkey) -> int:
        """Lamports of `key` (0 when the account does not exist)."""
        account = self.chain.svm.get_account(key)
        return 0 if account is None else int(account.lamports)

    def position_lots(self, margin: Pubkey) -> int:
        """Base lots of `margin`'s position in the market (0 when it has none)."""
        position = self.perp.position(margin, self.market)
        return 0 if position is None else int(position.base_lots)

    def now(self) -> int:
        return int(self.chain.clock().unix_timestamp)

    def warp_seconds(self, seconds: int) -> None:
        self.chain.warp(0, seconds)

    def liquidity(self, lots: int = 200, price: int = 101, side: int = ASK) -> Trader:
        maker = self.perp.trader()
        self.perp.place(maker, self.market, side, price, lots)
        return maker

    def keeper(self) -> Keypair:
        return self.chain.fund(LAMPORTS_PER_SOL)

    # ---- TWAP ----

    def twap_args(self, **changes: Any) -> Any:
        fields: dict[str, Any] = {
            "twap_id": 1,
            "side": 0,
            "total_base_lots": 100,
            "slice_count": 10,
            "slice_base_lots": 0,
            "start_time": self.now() + 60,
            "interval_seconds": 60,
            "random_window_seconds": 0,
            "limit_price": 110,
            "max_deviation_bps": 0,
            "missed_slice_policy": CATCH_UP,
            "match_limit": 4,
            "keeper_reward_lamports": TWAP_REWARD,
        }
        fields.update(changes)
        return self.program.type["CreateTwapOrderArgs"](**fields)

    def create_twap_ix(
        self, trader: Trader, args: Any, *, address: Pubkey | None = None, **accounts: Pubkey
    ) -> Instruction:
        keys = {
            "exchange": self.kairos.exchange.address,
            "twap_order": address or twap_pda(trader.margin, args.twap_id),
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "perp_market": self.market.address,
            "system_program": SYSTEM_PROGRAM_ID,
            **accounts,
        }
        return self.program.instruction["create_twap_order"](args, ctx=Context(accounts=keys))

    def create_twap(self, trader: Trader, **changes: Any) -> Pubkey:
        args = self.twap_args(**changes)
        self.kairos.send([self.create_twap_ix(trader, args)], [trader.owner])
        return twap_pda(trader.margin, args.twap_id)

    def execute_accounts(
        self, order_name: str, order: Pubkey, margin: Pubkey, keeper: Pubkey
    ) -> dict[str, Pubkey]:
        return {
            "exchange": self.kairos.exchange.address,
            order_name: order,
            "margin_account": margin,
            "perp_market": self.market.address,
            "orderbook": self.market.orderbook,
            "event_queue": self.market.event_queue,
            "oracle": self.market.oracle.address,
            "keeper": keeper,
        }

    def execute_slice_ix(
        self, twap: Pubkey, keeper: Keypair, slice_index: int | None = None, **accounts: Pubkey
    ) -> Instruction:
        state = self.chain.decode(twap)
        if slice_index is None:
            slice_index = state.next_slice
        keys = {
            **self.execute_accounts("twap_order", twap, state.margin_account, keeper.pubkey()),
            **accounts,
        }
        health = self.perp.health_accounts_after_order(state.margin_account, self.market)
        return self.program.instruction["execute_twap_slice"](
            slice_index, ctx=Context(accounts=keys, remaining_accounts=health)
        )

    def execute_slice(
        self, twap: Pubkey, keeper: Keypair, slice_index: int | None = None
    ) -> TransactionMetadata:
        return self.kairos.send([self.execute_slice_ix(twap, keeper, slice_index)], [keeper])

    def set_paused_ix(self, twap: Pubkey, owner: Keypair, paused: int) -> Instruction:
        keys = {
            "exchange": self.kairos.exchange.address,
            "twap_order": twap,
            "owner": owner.pubkey(),
        }
        return self.program.instruction["set_twap_paused"](paused, ctx=Context(accounts=keys))

    def cancel_twap_ix(self, twap: Pubkey, owner: Keypair) -> Instruction:
        keys = {
            "exchange": self.kairos.exchange.address,
            "twap_order": twap,
            "owner": owner.pubkey(),
        }
        return self.program.instruction["cancel_twap_order"](ctx=Context(accounts=keys))

    # ---- scheduled ----

    def schedule_args(self, **changes: Any) -> Any:
        cron = changes.pop("cron", "")
        fields: dict[str, Any] = {
            "schedule_id": 1,
            "kind": ONE_SHOT,
            "start_time": self.now() + 60,
            "interval_seconds": 0,
            "cron_expression": list(cron.encode().ljust(CRON_BYTES, b"\0")),
            "max_runs": 1,
            "end_time": 0,
            "skip_window_seconds": 0,
            "keeper_reward_lamports": TWAP_REWARD,
        }
        fields.update(changes)
        return self.program.type["CreateScheduledOrderArgs"](**fields)

    def order_args(self, **changes: Any) -> Any:
        fields: dict[str, Any] = {
            "side": 0,
            "order_type": MARKET,
            "price": 110,
            "max_base_lots": 5,
            "client_order_id": 7,
            "match_limit": 4,
            "time_in_force": 0,
            "self_trade_behavior": 0,
            "reduce_only": False,
            "expiry_timestamp": 0,
            "iceberg_display_lots": 0,
            "max_oracle_deviation_bps": 0,
        }
        fields.update(changes)
        return self.program.type["PlaceOrderV2Args"](**fields)

    def create_schedule_ix(
        self,
        trader: Trader,
        args: Any,
        order: Any,
        *,
        address: Pubkey | None = None,
        **accounts: Pubkey,
    ) -> Instruction:
        keys = {
            "exchange": self.kairos.exchange.address,
            "scheduled_order": address or schedule_pda(trader.margin, args.schedule_id),
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "perp_market": self.market.address,
            "system_program": SYSTEM_PROGRAM_ID,
            **accounts,
        }
        return self.program.instruction["create_scheduled_order"](
            args, order, ctx=Context(accounts=keys)
        )

    def create_schedule(
        self, trader: Trader, order: dict[str, Any] | None = None, **changes: Any
    ) -> Pubkey:
        args = self.schedule_args(**changes)
        self.kairos.send(
            [self.create_schedule_ix(trader, args, self.order_args(**(order or {})))],
            [trader.owner],
        )
        return schedule_pda(trader.margin, args.schedule_id)

    def execute_schedule_ix(
        self, schedule: Pubkey, keeper: Keypair, run_index: int | None = None, **accounts: Pubkey
    ) -> Instruction:
        state = self.chain.decode(schedule)
        if run_index is None:
            run_index = state.run_count + state.skipped_count
        keys = {
            **self.execute_accounts(
                "scheduled_order", schedule, state.margin_account, keeper.pubkey()
            ),
            **accounts,
        }
        health = self.perp.health_accounts_after_order(state.margin_account, self.market)
        return self.program.instruction["execute_scheduled_order"](
            run_index, ctx=Context(accounts=keys, remaining_accounts=health)
        )

    def execute_schedule(self, schedule: Pubkey, keeper: Keypair) -> TransactionMetadata:
        return self.kairos.send([self.execute_schedule_ix(schedule, keeper)], [keeper])

    def cancel_schedule_ix(self, schedule: Pubkey, owner: Keypair) -> Instruction:
        keys = {
            "exchange": self.kairos.exchange.address,
            "scheduled_order": schedule,
            "owner": owner.pubkey(),
        }
        return self.program.instruction["cancel_scheduled_order"](ctx=Context(accounts=keys))
