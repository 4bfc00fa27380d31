"""The kairos CLI: argument parsing, unit conversion, --json output, error exits (fake client)."""

from __future__ import annotations

import inspect
import json
from pathlib import Path
from typing import Any

import pytest
from kairos import errors
from kairos.constants import OrderType, Side, SideFilter, instruction_gate_bit
from kairos.core import TxResult
from kairos.events import OrderPlaced
from kairos.math.health import HealthContext
from kairos.math.orderbook import MarketUnits, OrderbookView
from kairos.params import (
    CancelOrderParams,
    CreateOracleParams,
    PlaceOrderParams,
    SetInstructionGateParams,
    UpdateOracleParams,
)
from kairos.wallet import save_keypair
from kairos_cli import app as cli
from kairos_cli import common as cli_common
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.signature import Signature
from typer.testing import CliRunner

from .. import factories as f

SIGNATURE = Signature.new_unique()
MINT = Pubkey.new_unique()
ORACLE = Pubkey.new_unique()
runner = CliRunner()
ASSET_ADDRESS = Pubkey.new_unique()


class FakeNamespace:
    """A client namespace: builders record (``"ns.method"``, params); reads are the fake's."""

    def __init__(self, client: FakeClient, name: str) -> None:
        self.client, self.name = client, name

    def __getattr__(self, method: str) -> Any:
        read = getattr(type(self.client), f"{self.name}__{method}", None)
        if read is not None:
            return read.__get__(self.client)

        async def build(params: Any = None, **kwargs: Any) -> Any:
            self.client.calls.append((f"{self.name}.{method}", params))
            return params

        return build


class FakeClient:
    """Records the params each namespace builder is given; returns canned accounts."""

    NAMESPACES = (
        "admin", "oracles", "margin", "orders", "triggers", "auctions", "twap", "schedules",
        "liquidation", "borrow", "funding", "risk", "tokens",
    )  # fmt: skip

    def __init__(self) -> None:
        self.calls: list[tuple[str, Any]] = []
        self.market = f.market(0, ORACLE, base_lot_size=10**7, tick_size=100, base_decimals=9)
        self.raise_on_send: Exception | None = None
        self.exchange_address = Pubkey.new_unique()
        self.gate = 0

    def __getattr__(self, name: str) -> Any:
        if name in self.NAMESPACES:
            return FakeNamespace(self, name)
        raise AttributeError(name)

    async def send(self, *items: Any, **kwargs: Any) -> TxResult:
        for item in items:
            if inspect.isawaitable(item):
                await item
        if self.raise_on_send is not None:
            raise self.raise_on_send
        events = await self.get_transaction_events(SIGNATURE)
        return TxResult(SIGNATURE, tuple(events), None, None)

    async def close(self) -> None:
        pass

    async def get_transaction_events(self, signature: Signature) -> list[Any]:
        return [OrderPlaced(Pubkey.default(), Pubkey.default(), 42, 0, 0, 0, 1, 1, 0, 0, 1, 0)]

    async def find_perp_market(self, key: int | str) -> Any:
        if key not in (0, "SOL-PERP"):
            from kairos.accounts import AccountNotFoundError

            raise AccountNotFoundError(f"no perp market named {key!r}")
        return self.market

    async def get_collateral_asset(self, mint: Pubkey) -> Any:
        return f.asset(1, Pubkey.new_unique(), mint=mint)

    async def get_quote_decimals(self) -> int:
        return 6

    async def get_perp_markets(self) -> dict[int, Any]:
        return {0: self.market}

    async def get_collateral_assets(self) -> dict[int, Any]:
        return {1: f.asset(1, ORACLE, mint=MINT)}

    def perp_market_address(self, index: int) -> Pubkey:
        return Pubkey.default()  # what the canned OrderPlaced event names

    def collateral_asset_address(self, mint: Pubkey) -> Pubkey:
        return ASSET_ADDRESS

    async def get_mint_decimals(self, mint: Pubkey) -> int:
        return 6

    async def get_margin_account_at(self, address: Pubkey) -> Any:
        return f.margin_account()  # no risk limits: `order place` sends without a check

    async def get_oracle(self, key: Pubkey) -> Any:
        return f.oracle(100_000_000, 0, -6)

    async def get_exchange(self) -> Any:
        return _with_gate(f.exchange(), self.gate)

    def oracle_address(self, seed: int) -> Pubkey:
        return ORACLE

    def margin_account_address(self, index: int = 0, owner: Pubkey | None = None) -> Pubkey:
        return Pubkey.new_unique()

    async def get_orderbook_view(self, market_index: int) -> OrderbookView:
        from kairos.accounts import BookOrder

        maker = Pubkey.new_unique()
        book = f.orderbook(
            [BookOrder(2, 990_000, 50, 7, 0, maker, 0), BookOrder(1, 995_000, 150, 9, 0, maker, 1)],
            [BookOrder(3, 1_010_000, 200, 0, 0, maker, 2)],
        )
        return OrderbookView.of(book, MarketUnits.of(self.market, 6))

    async def get_health_context(self, *args: Any, **kwargs: Any) -> HealthContext:
        sol_oracle = Pubkey.new_unique()
        return HealthContext(
            account=f.margin_account(
                1_000_000_000,
                [f.holding(1, 10 * 10**9)],
                [f.perp(0, 100, -100_000_000)],
            ),
            assets={1: f.asset(1, sol_oracle, mint=MINT)},
            markets={0: self.market},
            oracles={
                sol_oracle: f.oracle(20_000_000, 0, -6, publish_slot=10),
                ORACLE: f.oracle(100_000_000, 0, -6, publish_slot=10),
            },
            quote_decimals=6,
            slot=10,
        )


def _with_gate(exchange: Any, gate: int) -> Any:
    import dataclasses

    return dataclasses.replace(exchange, instruction_gate=gate)


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> FakeClient:
    client = FakeClient()
    monkeypatch.setattr(cli_common, "make_client", lambda state: client)
    monkeypatch.setenv("KAIROS_CONFIG", str(tmp_path / "none.toml"))
    return client


def invoke(*args: str) -> Any:
    return runner.invoke(cli.app, list(args))


def test_existing_commands_are_kept() -> None:
    assert invoke("build", "--help").exit_code == 0
    assert invoke("localnet", "--help").exit_code == 0


def test_order_place_converts_human_units(fake: FakeClient) -> None:
    result = invoke("--json", "order", "place", "SOL-PERP", "buy", "1.5", "--price", "99.5")
    assert result.exit_code == 0, result.output
    name, params = fake.calls[-1]
    assert (name, params) == ("orders.place", PlaceOrderParams(0, Side.BID, 995_000, 150))
    assert params.order_type is OrderType.LIMIT
    output = json.loads(result.output)
    assert output["signature"] == str(SIGNATURE)
    assert (output["base_lots"], output["price"]) == (150, 995_000)
    assert output["events"][0]["event"] == "OrderPlaced"
    assert output["events"][0]["order_id"] == 42


def test_sell_rounds_price_up_and_json_after_the_command(fake: FakeClient) -> None:
    result = invoke(
        "order", "place", "0", "sell", "2", "--price", "100.00001", "--type", "market", "--json"
    )
    assert result.exit_code == 0, result.output
    _, params = fake.calls[-1]
    assert params == PlaceOrderParams(0, Side.ASK, 1_000_100, 200, order_type=OrderType.MARKET)
    assert params.order_type is OrderType.MARKET
    assert json.loads(result.stdout)["price"] == 1_000_100
    # The rounding is stated, on stderr so that stdout stays one JSON document.
    assert "rounded up to 100.01" in result.stderr


def test_native_units(fake: FakeClient) -> None:
    result = invoke(
        "order", "place", "0", "bid", "7", "--price", "1200", "--native", "--client-id", "9"
    )
    assert result.exit_code == 0, result.output
    _, params = fake.calls[-1]
    assert params == PlaceOrderParams(0, Side.BID, 1200, 7, client_order_id=9)
    assert "Signature:" in result.output and str(SIGNATURE) in result.output


def test_usage_errors(fake: FakeClient) -> None:
    assert invoke("order", "place", "0", "sideways", "1", "--price", "1").exit_code == 2
    assert invoke("order", "place", "0", "buy", "1", "--price", "x").exit_code == 2
    assert (
        invoke("order", "place", "0", "buy", "1", "--price", "1", "--type", "stop").exit_code == 2
    )
    assert invoke("account", "deposit", "notakey", "1").exit_code == 2
    assert invoke("order", "cancel-all", "0", "--side", "up").exit_code == 2
    assert fake.calls == []


def test_size_below_one_lot_is_refused(fake: FakeClient) -> None:
    result = invoke("order", "place", "0", "buy", "0.001", "--price", "99")
    assert result.exit_code == 1 and "below one lot" in result.output


def test_program_error_exits_with_its_name(fake: FakeClient) -> None:
    fake.raise_on_send = errors.InsufficientHealth()
    result = invoke("order", "place", "0", "buy", "1", "--price", "99")
    assert result.exit_code == 1
    assert "InsufficientHealth (6017): Initial health would be negative" in result.output
    result = invoke("--json", "order", "place", "0", "buy", "1", "--price", "99")
    assert result.exit_code == 1
    error = json.loads(result.output)["error"]
    assert (error["name"], error["code"]) == ("InsufficientHealth", 6017)


def test_unknown_market(fake: FakeClient) -> None:
    result = invoke("order", "cancel", "BTC-PERP", "5")
    assert result.exit_code == 1 and "no perp market named 'BTC-PERP'" in result.output


def test_cancel_and_crank_and_settle(fake: FakeClient) -> None:
    assert invoke("order", "cancel", "0", "5", "--client-id").exit_code == 0
    assert fake.calls[-1] == ("orders.cancel", CancelOrderParams(0, 5, True, 0))
    assert (
        invoke("order", "cancel-all", "SOL-PERP", "--side", "asks", "--limit", "3").exit_code == 0
    )
    assert fake.calls[-1][1].side_filter is SideFilter.ASKS
    assert invoke("crank", "consume-events", "0", "--limit", "8").exit_code == 0
    assert fake.calls[-1][0] == "orders.consume_events" and fake.calls[-1][1].limit == 8
    owner = str(Pubkey.new_unique())
    assert invoke("settle-pnl", "0", "--owner", owner).exit_code == 0
    assert fake.calls[-1][0] == "margin.settle_pnl"


def test_oracle_and_deposit_amounts(fake: FakeClient) -> None:
    result = invoke("oracle", "create", "1", "--price", "100.5", "--confidence", "0.01")
    assert result.exit_code == 0, result.output
    assert fake.calls[-1] == ("oracles.create", CreateOracleParams(1, 100_500_000, 10_000, -6))
    assert invoke("oracle", "update", str(ORACLE), "--price", "101").exit_code == 0
    assert fake.calls[-1] == ("oracles.update", UpdateOracleParams(ORACLE, 101_000_000, 0))
    assert invoke("account", "deposit", str(MINT), "12.5").exit_code == 0
    assert (fake.calls[-1][1].mint, fake.calls[-1][1].amount) == (MINT, 12_500_000)
    assert invoke("account", "deposit", str(MINT), "1.0000001").exit_code == 2
    assert invoke("account", "deposit", str(MINT), "5", "--native").exit_code == 0
    assert (fake.calls[-1][1].mint, fake.calls[-1][1].amount) == (MINT, 5)


def test_withdraw_max_uses_local_health(fake: FakeClient) -> None:
    result = invoke("--json", "account", "withdraw", str(MINT), "max")
    assert result.exit_code == 0, result.output
    amount = fake.calls[-1][1].amount
    # 10 SOL at 20 count 160 USDC of init health; 1000 USDC already covers the long.
    assert amount == 10 * 10**9
    assert json.loads(result.output)["amount"] == amount


def test_admin_gate(fake: FakeClient) -> None:
    fake.gate = instruction_gate_bit("withdraw")
    result = invoke("--json", "admin", "gate", "--halt", "place-order", "--resume", "withdraw")
    assert result.exit_code == 0, result.output
    assert fake.calls[-1] == (
        "admin.set_instruction_gate",
        SetInstructionGateParams(instruction_gate_bit("place_order")),
    )
    assert json.loads(result.output)["halted_instructions"] == ["place_order"]
    shown = invoke("--json", "admin", "gate")
    assert json.loads(shown.output) == {"gate": fake.gate, "halted_instructions": ["withdraw"]}
    assert invoke("admin", "gate", "--halt", "launch_rockets").exit_code == 2


def test_account_show_json_and_table(fake: FakeClient) -> None:
    result = invoke("account", "show", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    # Quote 1000 + 10 SOL × 20 × 80 % − 10 % margin of the 1 SOL long at 100.
    assert report["health"]["init"] == 1_000_000_000 + 160_000_000 - 10_000_000
    assert report["collateral"][0]["amount_ui"] == "10.000000000"
    position = report["perp_positions"][0]
    assert position["market"] == "SOL-PERP" and position["size_ui"] == "1.000000000"
    assert position["liquidation_price_ui"] is None  # 1160 USDC cannot be lost on 1 SOL
    table = invoke("account", "show")
    assert table.exit_code == 0 and "Perp positions" in table.output and "SOL-PERP" in table.output


def test_market_book(fake: FakeClient) -> None:
    result = invoke("--json", "market", "book", "SOL-PERP")
    assert result.exit_code == 0, result.output
    book = json.loads(result.output)
    assert book["level"] == "l2"
    assert [(lv["price"], lv["base_lots"]) for lv in book["bids"]] == [
        (995_000, 150),
        (990_000, 50),
    ]
    l3 = json.loads(invoke("--json", "market", "book", "0", "--l3").output)
    assert [o["order_id"] for o in l3["bids"]] == [1, 2] and l3["asks"][0]["side"] == "ask"
    table = invoke("market", "book", "0")
    assert table.exit_code == 0 and "99.5" in table.output and "spread: 1.5" in table.output


def test_missing_keypair_is_a_clean_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KAIROS_CONFIG", str(tmp_path / "none.toml"))
    result = invoke("--keypair", str(tmp_path / "absent.json"), "exchange", "show")
    assert result.exit_code == 1 and "not found" in result.output


def test_unreachable_cluster_is_a_clean_error(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("KAIROS_CONFIG", str(tmp_path / "none.toml"))
    keypair = save_keypair(Keypair(), tmp_path / "id.json")
    result = invoke(
        "--url", "http://127.0.0.1:9", "--keypair", str(keypair), "--json", "exchange", "show"
    )
    assert result.exit_code == 1
    assert "cannot reach http://127.0.0.1:9" in json.loads(result.output)["error"]["message"]


def test_bad_input_is_refused_by_name_without_a_traceback(fake: FakeClient) -> None:
    """Issue 13: a negative size reaches the argument and is refused clearly; no call."""
    for args, words in [
        (("order", "place", "SOL-PERP", "buy", "-2", "--price", "100"), "must be positive"),
        (("order", "place", "SOL-PERP", "buy", "2", "--price", "-100"), "must be positive"),
        (("account", "deposit", str(MINT), "-5"), "must not be negative"),
        (("account", "deposit", "DOGE", "5"), "neither a mint address nor"),
    ]:
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert words in result.output and "Traceback" not in result.output
    assert fake.calls == []
    # A value the SDK or the encoder cannot hold (a u8 index) is "invalid input", exit 1.
    from construct import FormatFieldError

    for raised in (
        ValueError("margin account index must be a u8, got 300"),
        FormatFieldError("Error in path (building) -> consume_events -> limit\nstruct '<B'"),
    ):
        fake.raise_on_send = raised
        result = invoke("account", "create", "--index", "300")
        assert result.exit_code == 1 and "Error: invalid input: " in result.output, result.output
        assert isinstance(result.exception, SystemExit) and "\n" not in result.output.strip()


def test_human_output_is_in_ui_units_and_off_tick_is_stated(fake: FakeClient) -> None:
    result = invoke("order", "place", "SOL-PERP", "buy", "1.505", "--price", "99.505")
    assert result.exit_code == 0, result.output
    params = fake.calls[-1][1]
    assert (params.market_index, params.side, params.price, params.max_base_lots) == (
        0,
        Side.BID,
        995_000,
        150,
    )
    assert "Size: 1.5" in result.stdout and "Price: 99.5" in result.stdout
    assert "Base lots" not in result.stdout and "995000" not in result.stdout
    # The event too: its market's price and sizes in UI units (the fake logs 1 and 1).
    assert "price=0.0001," in result.stdout and "max_size=0.01," in result.stdout
    assert "rounded down to 99.5" in result.stderr and "rounded down to 1.5" in result.stderr
    deposit = invoke("account", "deposit", str(MINT), "12.5")
    assert "Amount: 12.500000" in deposit.stdout
    as_json = json.loads(invoke("--json", "account", "deposit", str(MINT), "12.5").stdout)
    assert as_json["amount"] == 12_500_000 and as_json["amount_ui"] == "12.500000"


def test_missing_keypair_explains_the_default_path(tmp_path: Path) -> None:
    result = runner.invoke(
        cli.app,
        ["--keypair", str(tmp_path / "id.json"), "account", "show"],
        env={"KAIROS_CONFIG": str(tmp_path / "none.toml")},
    )
    assert result.exit_code == 1
    assert "kairos wallet new" in result.output and "~/.config/solana/id.json" in result.output


def test_wallet_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "id.json"
    env = {"KAIROS_CONFIG": str(tmp_path / "none.toml")}
    first = runner.invoke(cli.app, ["--keypair", str(path), "--json", "wallet", "new"], env=env)
    assert first.exit_code == 0, first.output
    pubkey = json.loads(first.stdout)["pubkey"]
    again = runner.invoke(cli.app, ["--keypair", str(path), "wallet", "new"], env=env)
    assert again.exit_code == 1 and pubkey in again.output and "--force" in again.output
    assert json.loads(path.read_text()) and oct(path.stat().st_mode & 0o777) == "0o600"


def test_piped_tables_are_not_cut(fake: FakeClient) -> None:
    result = invoke("market", "book", "SOL-PERP", "--l3")
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
