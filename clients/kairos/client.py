"""``KairosClient``: the async SDK entry point (driftpy style).

For every instruction of the IDL there is a builder, ``await
client.get_<name>_ix(...)`` returning a solders ``Instruction``, and a sender,
``await client.<name>(...)`` that builds, signs with the client's wallet, sends,
confirms and returns the signature. Builders are coroutines because some need
chain state: the health accounts of a margin account, a market's order book and
event queue, the next market index. Static links (an asset's mint and oracle, a
market's book, queue and oracle) never change once created, so the client caches
them; margin accounts are always read fresh.

Failures raise :mod:`kairos.errors` exceptions (``InsufficientHealth``,
``StaleOracle``, ``AccountNotSigner``...). The pure, I/O-free builders are in
:mod:`kairos.instructions`.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar

from anchorpy.program.core import Program
from anchorpy.provider import Provider, Wallet
from solana.rpc.async_api import AsyncClient
from solana.rpc.commitment import Commitment, Confirmed
from solana.rpc.core import RPCException
from solana.rpc.types import TxOpts
from solders.compute_budget import set_compute_unit_limit, set_compute_unit_price
from solders.hash import Hash
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.message import Message
from solders.pubkey import Pubkey
from solders.rpc.responses import RpcBlockhash, RpcSimulateTransactionResult
from solders.signature import Signature
from solders.system_program import CreateAccountParams, create_account
from solders.sysvar import CLOCK as CLOCK_SYSVAR
from solders.transaction import Transaction
from spl.token.constants import MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeAccountParams,
    InitializeMintParams,
    MintToParams,
    create_idempotent_associated_token_account,
    get_associated_token_address,
    initialize_account,
    initialize_mint,
    mint_to,
)

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import (
    AccountNotFoundError,
    CollateralAsset,
    EventQueue,
    Exchange,
    KairosAccount,
    MarginAccount,
    Oracle,
    Orderbook,
    PerpMarket,
    fetch_account,
    fetch_accounts,
    fetch_all_accounts,
    memcmp_filter,
)
from kairos.borrow import BorrowState
from kairos.constants import (
    MAX_MATCHES_PER_ORDER,
    MAX_OPEN_ORDERS,
    QUOTE_ASSET_INDEX,
    U64_MAX,
    OrderType,
    Side,
    SideFilter,
)
from kairos.events import HealthComputed, KairosEvent, parse_events
from kairos.funding_client import FundingMixin
from kairos.health import HealthContext
from kairos.liquidation_client import LiquidationMixin
from kairos.orderbook import MarketUnits, OrderbookView
from kairos.orders import OrderOptionsMixin, chain_unix_timestamp, clock_unix_timestamp
from kairos.pda import (
    collateral_asset_address,
    exchange_address,
    margin_account_address,
    oracle_address,
    perp_market_address,
)
from kairos.program import PROGRAM_ID, load_idl
from kairos.risk_client import RiskMixin

if TYPE_CHECKING:
    from kairos.auctions import AuctionClient
    from kairos.scheduled_orders import (
        ScheduledOrdersClient,
        ScheduledOrderSpec,
        ScheduleParams,
        TwapParams,
    )

A = TypeVar("A", bound=KairosAccount)

# Distinct maker accounts one consume_events transaction names: a legacy
# transaction (1,232 bytes) fits about 30 keys beside the crank's own accounts.
DEFAULT_MAX_MAKERS = 20
DEFAULT_CRANK_LIMIT = 16
TOKEN_ACCOUNT_LEN = 165
# Agave's preflight text for a byte-identical transaction that already landed.
_ALREADY_PROCESSED = "already been processed"
_DUPLICATE_RESIGN_ATTEMPTS = 2
_NEW_BLOCKHASH_TIMEOUT_SECONDS = 5.0


@dataclasses.dataclass(frozen=True)
class TxParams:
    """Compute-budget settings added to a transaction (both optional).

    ``compute_unit_limit`` caps the transaction's compute units;
    ``compute_unit_price`` is the priority fee in micro-lamports per compute unit.
    """

    compute_unit_limit: int | None = None
    compute_unit_price: int | None = None

    def instructions(self) -> list[Instruction]:
        """The ComputeBudget instructions these settings need (first in a transaction)."""
        result: list[Instruction] = []
        if self.compute_unit_limit is not None:
            result.append(set_compute_unit_limit(self.compute_unit_limit))
        if self.compute_unit_price is not None:
            result.append(set_compute_unit_price(self.compute_unit_price))
        return result


@dataclasses.dataclass(frozen=True)
class PerpMarketParams:
    """The parameters of ``create_perp_market`` (units: docs/ARCHITECTURE.md, "Units")."""

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


@dataclasses.dataclass(frozen=True)
class PerpMarketSetup:
    """The instructions and extra signers that create a market in one transaction."""

    instructions: list[Instruction]
    signers: list[Keypair]
    market_index: int
    market: Pubkey
    orderbook: Pubkey
    event_queue: Pubkey


class KairosClient(OrderOptionsMixin, LiquidationMixin, FundingMixin, RiskMixin):
    """Async client for the Kairos program: builders, senders, fetchers.

    ``connection`` is a solana-py ``AsyncClient`` or an RPC URL (the client then
    owns the connection and closes it in :meth:`close`). ``wallet`` signs and pays
    for every transaction and is the admin, authority or owner the instructions
    name. ``tx_params`` sets default compute-budget instructions.
    """

    def __init__(
        self,
        connection: AsyncClient | str,
        wallet: Keypair,
        *,
        program_id: Pubkey = PROGRAM_ID,
        commitment: Commitment = Confirmed,
        tx_params: TxParams | None = None,
        skip_preflight: bool = False,
        confirm_poll_seconds: float = 0.1,
    ) -> None:
        if isinstance(connection, str):
            self._connection = AsyncClient(connection, commitment=commitment)
            self._owns_connection = True
        else:
            self._connection = connection
            self._owns_connection = False
        self.wallet = wallet
        self.program_id = program_id
        self.commitment = commitment
        self.tx_params = tx_params or TxParams()
        self.skip_preflight = skip_preflight
        self.confirm_poll_seconds = confirm_poll_seconds
        self._program: Program | None = None
        self._assets: dict[int, CollateralAsset] = {}
        self._markets: dict[int, PerpMarket] = {}
        self._quote_decimals: int | None = None

    # --- lifecycle and identity -----------------------------------------------------

    async def close(self) -> None:
        """Close the connection if the client opened it."""
        if self._owns_connection:
            await self._connection.close()

    async def __aenter__(self) -> KairosClient:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def connection(self) -> AsyncClient:
        """The solana-py client."""
        return self._connection

    @property
    def authority(self) -> Pubkey:
        """The wallet's public key."""
        return self.wallet.pubkey()

    @property
    def program(self) -> Program:
        """An AnchorPy ``Program`` for the IDL on the same connection and wallet."""
        if self._program is None:
            provider = Provider(self._connection, Wallet(self.wallet))
            self._program = Program(load_idl(), self.program_id, provider)
        return self._program

    @property
    def auctions(self) -> AuctionClient:
        """The JIT liquidity auction instructions (:class:`kairos.auctions.AuctionClient`)."""
        from kairos.auctions import AuctionClient

        return AuctionClient(self)

    @property
    def scheduled_orders(self) -> ScheduledOrdersClient:
        """TWAP and scheduled orders (:class:`kairos.scheduled_orders.ScheduledOrdersClient`)."""
        from kairos.scheduled_orders import ScheduledOrdersClient

        return ScheduledOrdersClient(self)

    # JIT liquidity auctions: thin delegations to ``self.auctions`` (kairos.auctions),
    # one get_<name>_ix and one sender per instruction like every other one.

    async def get_open_auction_ix(
        self, market_index: int, side: Side, size_lots: int, limit_price: int, **options: Any
    ) -> tuple[Instruction, Pubkey]:
        """:meth:`kairos.auctions.AuctionClient.get_open_auction_ix` (ix, auction address)."""
        return await self.auctions.get_open_auction_ix(
            market_index, side, size_lots, limit_price, **options
        )

    async def open_auction(
        self, market_index: int, side: Side, size_lots: int, limit_price: int, **options: Any
    ) -> tuple[Signature, Pubkey]:
        """:meth:`kairos.auctions.AuctionClient.open_auction` (signature, auction address)."""
        return await self.auctions.open_auction(
            market_index, side, size_lots, limit_price, **options
        )

    async def get_submit_bid_ix(
        self, auction: Pubkey, price: int, base_lots: int, *, account_index: int = 0
    ) -> Instruction:
        """submit_bid from the wallet's margin account."""
        return await self.auctions.get_bid_ix(
            auction, price, base_lots, account_index=account_index
        )

    async def submit_bid(
        self, auction: Pubkey, price: int, base_lots: int, *, account_index: int = 0
    ) -> Signature:
        """Send :meth:`get_submit_bid_ix`."""
        return await self.auctions.submit_bid(
            auction, price, base_lots, account_index=account_index
        )

    async def get_improve_bid_ix(
        self, auction: Pubkey, price: int, base_lots: int, *, account_index: int = 0
    ) -> Instruction:
        """improve_bid of the wallet's bid."""
        return await self.auctions.get_bid_ix(
            auction, price, base_lots, improve=True, account_index=account_index
        )

    async def improve_bid(
        self, auction: Pubkey, price: int, base_lots: int, *, account_index: int = 0
    ) -> Signature:
        """Send :meth:`get_improve_bid_ix`."""
        return await self.auctions.improve_bid(
            auction, price, base_lots, account_index=account_index
        )

    async def get_cancel_bid_ix(self, auction: Pubkey, *, account_index: int = 0) -> Instruction:
        """cancel_bid of the wallet's bid."""
        return self.auctions.get_cancel_bid_ix(auction, account_index=account_index)

    async def cancel_bid(self, auction: Pubkey, *, account_index: int = 0) -> Signature:
        """Send :meth:`get_cancel_bid_ix`."""
        return await self.auctions.cancel_bid(auction, account_index=account_index)

    async def get_settle_auction_ix(self, auction: Pubkey, **options: Any) -> Instruction:
        """:meth:`kairos.auctions.AuctionClient.get_settle_auction_ix`."""
        return await self.auctions.get_settle_auction_ix(auction, **options)

    async def settle_auction(self, auction: Pubkey) -> Signature:
        """:meth:`kairos.auctions.AuctionClient.settle_auction` (the wallet settles)."""
        return await self.auctions.settle_auction(auction)

    async def get_expire_auction_ix(self, auction: Pubkey, **options: Any) -> Instruction:
        """:meth:`kairos.auctions.AuctionClient.get_expire_auction_ix`."""
        return await self.auctions.get_expire_auction_ix(auction, **options)

    async def expire_auction(self, auction: Pubkey) -> Signature:
        """:meth:`kairos.auctions.AuctionClient.expire_auction` (the wallet expires)."""
        return await self.auctions.expire_auction(auction)

    @property
    def exchange_address(self) -> Pubkey:
        """The Exchange PDA."""
        return exchange_address(self.program_id)

    def margin_account_address(self, account_index: int = 0, owner: Pubkey | None = None) -> Pubkey:
        """A margin account PDA (the wallet's by default)."""
        return margin_account_address(owner or self.authority, account_index, self.program_id)

    def oracle_address(self, seed: int, authority: Pubkey | None = None) -> Pubkey:
        """An oracle PDA (the wallet's by default)."""
        return oracle_address(authority or self.authority, seed, self.program_id)

    def perp_market_address(self, market_index: int) -> Pubkey:
        """A perp market PDA."""
        return perp_market_address(market_index, self.program_id)

    def collateral_asset_address(self, mint: Pubkey) -> Pubkey:
        """A collateral asset PDA."""
        return collateral_asset_address(mint, self.program_id)

    # --- sending --------------------------------------------------------------------

    async def _next_blockhash(self, current: Hash) -> RpcBlockhash:
        """Wait for a blockhash other than ``current`` (a new slot)."""
        deadline = asyncio.get_running_loop().time() + _NEW_BLOCKHASH_TIMEOUT_SECONDS
        while True:
            latest = (await self._connection.get_latest_blockhash(self.commitment)).value
            if latest.blockhash != current or asyncio.get_running_loop().time() > deadline:
                return latest
            await asyncio.sleep(self.confirm_poll_seconds)

    async def send_ixs(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Sign (wallet + ``signers``), send, confirm; raise a KairosError on failure."""
        budget = (tx_params or self.tx_params).instructions()
        all_ixs = [*budget, *instructions]
        programs = [instruction.program_id for instruction in all_ixs]
        latest = (await self._connection.get_latest_blockhash(self.commitment)).value
        for attempt in range(_DUPLICATE_RESIGN_ATTEMPTS + 1):
            tx = self._sign(all_ixs, signers, latest.blockhash)
            try:
                response = await self._connection.send_raw_transaction(
                    bytes(tx),
                    opts=TxOpts(
                        skip_confirmation=True,
                        skip_preflight=self.skip_preflight,
                        preflight_commitment=self.commitment,
                    ),
                )
                break
            except RPCException as exc:
                # The same instructions signed by the same keys under the same blockhash
                # are byte-identical to a transaction that already landed (two equal
                # sends within one slot). Each call means one execution, so sign again
                # under the next blockhash rather than report the first one's result.
                if _ALREADY_PROCESSED in str(exc) and attempt < _DUPLICATE_RESIGN_ATTEMPTS:
                    latest = await self._next_blockhash(latest.blockhash)
                    continue
                errors.raise_for_error(
                    exc, program_id=self.program_id, instruction_programs=programs
                )
        signature = response.value
        status = await self._connection.confirm_transaction(
            signature,
            self.commitment,
            sleep_seconds=self.confirm_poll_seconds,
            last_valid_block_height=latest.last_valid_block_height,
        )
        result = status.value[0]
        if result is not None and result.err is not None:
            logs = await self.get_transaction_logs(signature)
            raise errors.error_from_transaction_error(
                result.err, logs, program_id=self.program_id, instruction_programs=programs
            )
        return signature

    async def simulate_ixs(
        self,
        instructions: Sequence[Instruction],
        signers: Sequence[Keypair] = (),
        *,
        tx_params: TxParams | None = None,
    ) -> RpcSimulateTransactionResult:
        """Simulate a transaction; raise its KairosError if it fails, else return the result."""
        budget = (tx_params or self.tx_params).instructions()
        all_ixs = [*budget, *instructions]
        latest = (await self._connection.get_latest_blockhash(self.commitment)).value
        tx = self._sign(all_ixs, signers, latest.blockhash)
        try:
            response = await self._connection.simulate_transaction(
                tx, sig_verify=False, commitment=self.commitment
            )
        except RPCException as exc:
            errors.raise_for_error(exc, program_id=self.program_id)
        errors.raise_for_simulation(
            response.value,
            program_id=self.program_id,
            instruction_programs=[instruction.program_id for instruction in all_ixs],
        )
        return response.value

    def _sign(
        self, instructions: Sequence[Instruction], signers: Sequence[Keypair], blockhash: Hash
    ) -> Transaction:
        message = Message.new_with_blockhash(list(instructions), self.authority, blockhash)
        required = set(message.account_keys[: message.header.num_required_signatures])
        chosen: dict[Pubkey, Keypair] = {}
        for keypair in [self.wallet, *signers]:
            if keypair.pubkey() in required:
                chosen.setdefault(keypair.pubkey(), keypair)
        missing = required - set(chosen)
        if missing:
            raise ValueError(f"missing signers: {sorted(str(key) for key in missing)}")
        return Transaction(list(chosen.values()), message, blockhash)

    async def get_transaction_logs(self, signature: Signature) -> list[str]:
        """The log messages of a confirmed transaction (empty if unavailable)."""
        response = await self._connection.get_transaction(
            signature, commitment=self.commitment, max_supported_transaction_version=0
        )
        if response.value is None:
            return []
        meta = response.value.transaction.meta
        if meta is None or meta.log_messages is None:
            return []
        return list(meta.log_messages)

    async def get_transaction_events(self, signature: Signature) -> list[KairosEvent]:
        """The Kairos events a confirmed transaction emitted."""
        return parse_events(await self.get_transaction_logs(signature), self.program_id)

    # --- fetching -------------------------------------------------------------------

    async def _require(self, cls: type[A], address: Pubkey, what: str) -> A:
        account = await fetch_account(self._connection, cls, address, commitment=self.commitment)
        if account is None:
            raise AccountNotFoundError(f"{what} {address} does not exist")
        return account

    async def get_exchange(self) -> Exchange:
        """The Exchange account."""
        exchange = await self._require(Exchange, self.exchange_address, "exchange")
        self._quote_decimals = exchange.quote_decimals
        return exchange

    async def get_quote_decimals(self) -> int:
        """The quote mint's decimals (cached: they never change)."""
        if self._quote_decimals is None:
            await self.get_exchange()
        assert self._quote_decimals is not None
        return self._quote_decimals

    async def get_collateral_asset(self, mint: Pubkey) -> CollateralAsset:
        """The collateral asset of a mint."""
        asset = await self._require(
            CollateralAsset, self.collateral_asset_address(mint), "collateral asset"
        )
        self._assets[asset.index] = asset
        return asset

    async def get_collateral_assets(self) -> dict[int, CollateralAsset]:
        """Every listed collateral asset by index (index 0 is the quote)."""
        found = await fetch_all_accounts(
            self._connection,
            CollateralAsset,
            program_id=self.program_id,
            commitment=self.commitment,
        )
        assets = {asset.index: asset for _, asset in found}
        self._assets.update(assets)
        return dict(sorted(assets.items()))

    async def get_oracle(self, address: Pubkey) -> Oracle:
        """An oracle account."""
        return await self._require(Oracle, address, "oracle")

    async def get_oracles(self, addresses: Iterable[Pubkey]) -> dict[Pubkey, Oracle]:
        """Several oracles by address (missing ones raise AccountNotFoundError)."""
        keys = list(dict.fromkeys(addresses))
        found = await fetch_accounts(self._connection, Oracle, keys, commitment=self.commitment)
        result: dict[Pubkey, Oracle] = {}
        for key, oracle in zip(keys, found, strict=True):
            if oracle is None:
                raise AccountNotFoundError(f"oracle {key} does not exist")
            result[key] = oracle
        return result

    async def get_perp_market(self, market_index: int) -> PerpMarket:
        """A perp market by index."""
        market = await self._require(
            PerpMarket, self.perp_market_address(market_index), "perp market"
        )
        self._markets[market.index] = market
        return market

    async def get_perp_markets(self) -> dict[int, PerpMarket]:
        """Every perp market by index."""
        exchange = await self.get_exchange()
        addresses = [self.perp_market_address(i) for i in range(exchange.perp_market_count)]
        found = await fetch_accounts(
            self._connection, PerpMarket, addresses, commitment=self.commitment
        )
        markets = {market.index: market for market in found if market is not None}
        self._markets.update(markets)
        return markets

    async def find_perp_market(self, market: int | str) -> PerpMarket:
        """A perp market by index, or by name (``"SOL-PERP"``)."""
        if isinstance(market, int) or market.isdigit():
            return await self.get_perp_market(int(market))
        for candidate in (await self.get_perp_markets()).values():
            if candidate.name_str == market:
                return candidate
        raise AccountNotFoundError(f"no perp market named {market!r}")

    async def get_orderbook(self, market_index: int) -> Orderbook:
        """A market's Orderbook account."""
        market = await self._static_market(market_index)
        return await self._require(Orderbook, market.orderbook, "orderbook")

    async def get_orderbook_view(self, market_index: int) -> OrderbookView:
        """A market's book as L3 orders, best first, with its units."""
        market = await self._static_market(market_index)
        book = await self._require(Orderbook, market.orderbook, "orderbook")
        units = MarketUnits.of(market, await self.get_quote_decimals())
        return OrderbookView.of(book, units)

    async def get_event_queue(self, market_index: int) -> EventQueue:
        """A market's EventQueue account."""
        market = await self._static_market(market_index)
        return await self._require(EventQueue, market.event_queue, "event queue")

    async def get_margin_account(
        self, account_index: int = 0, *, owner: Pubkey | None = None
    ) -> MarginAccount:
        """A margin account (the wallet's by default)."""
        address = self.margin_account_address(account_index, owner)
        return await self._require(MarginAccount, address, "margin account")

    async def get_margin_account_at(self, address: Pubkey) -> MarginAccount:
        """A margin account by address."""
        return await self._require(MarginAccount, address, "margin account")

    async def get_margin_accounts(
        self, owner: Pubkey | None = None
    ) -> list[tuple[Pubkey, MarginAccount]]:
        """Every margin account of ``owner`` (the wallet by default)."""
        filters = [memcmp_filter(MarginAccount, "owner", owner or self.authority)]
        return await fetch_all_accounts(
            self._connection,
            MarginAccount,
            program_id=self.program_id,
            filters=filters,
            commitment=self.commitment,
        )

    async def get_all_margin_accounts(self) -> list[tuple[Pubkey, MarginAccount]]:
        """Every margin account of every owner (one getProgramAccounts call)."""
        return await fetch_all_accounts(
            self._connection,
            MarginAccount,
            program_id=self.program_id,
            filters=[],
            commitment=self.commitment,
        )

    async def get_slot(self) -> int:
        """The cluster's current slot at the client's commitment."""
        return (await self._connection.get_slot(self.commitment)).value

    async def get_unix_timestamp(self) -> int:
        """The cluster's Clock ``unix_timestamp`` (what borrow interest and expiries use)."""
        return await chain_unix_timestamp(self._connection)

    # --- static links (cached) --------------------------------------------------------

    async def _static_assets(self, indexes: Iterable[int]) -> dict[int, CollateralAsset]:
        wanted = set(indexes)
        if not wanted <= set(self._assets):
            await self.get_collateral_assets()
        missing = wanted - set(self._assets)
        if missing:
            raise AccountNotFoundError(f"no collateral asset with index {sorted(missing)}")
        return self._assets

    async def quote_mint(self) -> Pubkey:
        """The exchange's quote mint (cached, from the quote collateral asset)."""
        return (await self._static_assets([QUOTE_ASSET_INDEX]))[QUOTE_ASSET_INDEX].mint

    async def _static_markets(self, indexes: Iterable[int]) -> dict[int, PerpMarket]:
        missing = sorted(set(indexes) - set(self._markets))
        if missing:
            addresses = [self.perp_market_address(i) for i in missing]
            found = await fetch_accounts(
                self._connection, PerpMarket, addresses, commitment=self.commitment
            )
            for index, market in zip(missing, found, strict=True):
                if market is None:
                    raise AccountNotFoundError(f"no perp market with index {index}")
                self._markets[index] = market
        return self._markets

    async def _static_market(self, market_index: int) -> PerpMarket:
        return (await self._static_markets([market_index]))[market_index]

    async def health_accounts(
        self,
        margin_account: MarginAccount | None,
        *,
        new_market_index: int | None = None,
        new_asset_index: int | None = None,
        removed_asset_index: int | None = None,
    ) -> list[AccountMeta]:
        """The health accounts of a margin account (:func:`kairos.instructions.health_accounts`)."""
        asset_indexes: set[int] = {QUOTE_ASSET_INDEX}
        market_indexes: set[int] = set()
        if margin_account is not None:
            asset_indexes |= {p.asset_index for p in margin_account.active_collateral()}
            market_indexes = {p.market_index for p in margin_account.active_perp_positions()}
        if new_asset_index is not None:
            asset_indexes.add(new_asset_index)
        if new_market_index is not None:
            market_indexes.add(new_market_index)
        return ix.health_accounts(
            margin_account,
            assets=await self._static_assets(asset_indexes),
            markets=await self._static_markets(market_indexes),
            new_asset_index=new_asset_index,
            new_market_index=new_market_index,
            removed_asset_index=removed_asset_index,
            program_id=self.program_id,
        )

    async def order_health_accounts(
        self, margin_account: MarginAccount, market_index: int
    ) -> list[AccountMeta]:
        """Health accounts for an order in ``market_index``.

        The market is listed even when the account has no position there yet, since
        the order may open one.
        """
        new_market = market_index if margin_account.perp_position(market_index) is None else None
        return await self.health_accounts(margin_account, new_market_index=new_market)

    # --- health ---------------------------------------------------------------------

    async def get_health_context(
        self, account_index: int = 0, *, owner: Pubkey | None = None, address: Pubkey | None = None
    ) -> HealthContext:
        """A margin account and every account its health reads, in one request (one slot)."""
        margin_key = address or self.margin_account_address(account_index, owner)
        margin = await self.get_margin_account_at(margin_key)
        assets = await self._static_assets(
            [QUOTE_ASSET_INDEX, *(p.asset_index for p in margin.active_collateral())]
        )
        markets = await self._static_markets(p.market_index for p in margin.active_perp_positions())
        # The quote asset first: it holds the borrow index health rolls forward.
        asset_list = [
            assets[QUOTE_ASSET_INDEX],
            *(assets[p.asset_index] for p in margin.active_collateral()),
        ]
        market_list = [markets[p.market_index] for p in margin.active_perp_positions()]
        oracle_keys = list(
            dict.fromkeys([a.oracle for a in asset_list[1:]] + [m.oracle for m in market_list])
        )
        keys = [
            margin_key,
            self.exchange_address,
            *(self.collateral_asset_address(a.mint) for a in asset_list),
            *(self.perp_market_address(m.index) for m in market_list),
            *oracle_keys,
            CLOCK_SYSVAR,
        ]
        response = await self._connection.get_multiple_accounts(
            keys, commitment=self.commitment, encoding="base64"
        )
        datas = [None if account is None else bytes(account.data) for account in response.value]
        if any(data is None for data in datas):
            missing = [str(key) for key, data in zip(keys, datas, strict=True) if data is None]
            raise AccountNotFoundError(f"accounts do not exist: {missing}")
        position = 0

        def take(cls: type[A]) -> A:
            nonlocal position
            data = datas[position]
            position += 1
            assert data is not None
            return cls.decode(data)

        margin = take(MarginAccount)
        exchange = take(Exchange)
        fresh_assets = [take(CollateralAsset) for _ in asset_list]
        fresh_markets = [take(PerpMarket) for _ in market_list]
        oracles = {key: take(Oracle) for key in oracle_keys}
        clock = datas[position]
        assert clock is not None
        return HealthContext(
            account=margin,
            assets={asset.index: asset for asset in fresh_assets},
            markets={market.index: market for market in fresh_markets},
            oracles=oracles,
            quote_decimals=exchange.quote_decimals,
            slot=response.context.slot,
            unix_timestamp=clock_unix_timestamp(clock),
        )

    async def simulate_compute_health(
        self, account_index: int = 0, *, owner: Pubkey | None = None, address: Pubkey | None = None
    ) -> HealthComputed:
        """Run the ``compute_health`` view in a simulation and return its event."""
        instruction = await self.get_compute_health_ix(account_index, owner=owner, address=address)
        result = await self.simulate_ixs([instruction])
        for event in parse_events(result.logs or [], self.program_id):
            if isinstance(event, HealthComputed):
                return event
        raise errors.TransactionError("compute_health emitted no HealthComputed event")

    # --- builders and senders, in IDL order --------------------------------------------

    async def get_initialize_exchange_ix(
        self, quote_mint: Pubkey, keeper_reward_lamports: int = 0
    ) -> Instruction:
        """Create the Exchange with the wallet as admin."""
        return ix.initialize_exchange(
            admin=self.authority,
            quote_mint=quote_mint,
            keeper_reward_lamports=keeper_reward_lamports,
            program_id=self.program_id,
        )

    async def initialize_exchange(
        self,
        quote_mint: Pubkey,
        keeper_reward_lamports: int = 0,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_initialize_exchange_ix`."""
        instruction = await self.get_initialize_exchange_ix(quote_mint, keeper_reward_lamports)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_instruction_gate_ix(self, gate: int) -> Instruction:
        """Admin: set the instruction gate bitmask."""
        return ix.set_instruction_gate(admin=self.authority, gate=gate, program_id=self.program_id)

    async def set_instruction_gate(
        self, gate: int, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_set_instruction_gate_ix`."""
        instruction = await self.get_set_instruction_gate_ix(gate)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_market_order_rules_ix(
        self, market_index: int, fill_band_bps: int, rest_band_bps: int, min_rest_lots: int
    ) -> Instruction:
        """Admin: a market's price bands around the oracle and its minimum resting size."""
        return ix.set_market_order_rules(
            admin=self.authority,
            market_index=market_index,
            fill_band_bps=fill_band_bps,
            rest_band_bps=rest_band_bps,
            min_rest_lots=min_rest_lots,
            program_id=self.program_id,
        )

    async def set_market_order_rules(
        self,
        market_index: int,
        fill_band_bps: int,
        rest_band_bps: int,
        min_rest_lots: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_market_order_rules_ix`."""
        instruction = await self.get_set_market_order_rules_ix(
            market_index, fill_band_bps, rest_band_bps, min_rest_lots
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_create_oracle_ix(
        self, seed: int, price: int, confidence: int, exponent: int
    ) -> Instruction:
        """Create an oracle with the wallet as authority at ``oracle_address(seed)``."""
        return ix.create_oracle(
            authority=self.authority,
            seed=seed,
            price=price,
            confidence=confidence,
            exponent=exponent,
            program_id=self.program_id,
        )

    async def create_oracle(
        self,
        seed: int,
        price: int,
        confidence: int,
        exponent: int,
        *,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_create_oracle_ix`."""
        instruction = await self.get_create_oracle_ix(seed, price, confidence, exponent)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_update_oracle_ix(
        self, oracle: Pubkey, price: int, confidence: int
    ) -> Instruction:
        """Publish a price (the wallet must be the oracle's authority)."""
        return ix.update_oracle(
            authority=self.authority,
            oracle=oracle,
            price=price,
            confidence=confidence,
            program_id=self.program_id,
        )

    async def update_oracle(
        self, oracle: Pubkey, price: int, confidence: int, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_update_oracle_ix`."""
        instruction = await self.get_update_oracle_ix(oracle, price, confidence)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_add_collateral_asset_ix(
        self,
        mint: Pubkey,
        oracle: Pubkey,
        *,
        deposit_cap: int = U64_MAX,
        max_staleness_slots: int = 150,
        init_asset_weight_bps: int = 8_000,
        maint_asset_weight_bps: int = 9_000,
        max_confidence_bps: int = 200,
    ) -> Instruction:
        """Admin: list ``mint`` as collateral priced by ``oracle``."""
        return ix.add_collateral_asset(
            admin=self.authority,
            mint=mint,
            oracle=oracle,
            deposit_cap=deposit_cap,
            max_staleness_slots=max_staleness_slots,
            init_asset_weight_bps=init_asset_weight_bps,
            maint_asset_weight_bps=maint_asset_weight_bps,
            max_confidence_bps=max_confidence_bps,
            program_id=self.program_id,
        )

    async def add_collateral_asset(
        self,
        mint: Pubkey,
        oracle: Pubkey,
        *,
        deposit_cap: int = U64_MAX,
        max_staleness_slots: int = 150,
        init_asset_weight_bps: int = 8_000,
        maint_asset_weight_bps: int = 9_000,
        max_confidence_bps: int = 200,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_add_collateral_asset_ix`."""
        instruction = await self.get_add_collateral_asset_ix(
            mint,
            oracle,
            deposit_cap=deposit_cap,
            max_staleness_slots=max_staleness_slots,
            init_asset_weight_bps=init_asset_weight_bps,
            maint_asset_weight_bps=maint_asset_weight_bps,
            max_confidence_bps=max_confidence_bps,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_create_perp_market_ix(
        self,
        params: PerpMarketParams,
        orderbook: Pubkey,
        event_queue: Pubkey,
        *,
        market_index: int | None = None,
    ) -> Instruction:
        """Admin: the create_perp_market instruction alone.

        ``orderbook`` and ``event_queue`` must be created (zeroed, program-owned,
        exact size) earlier in the same transaction: :meth:`get_create_perp_market_ixs`
        builds all three. ``market_index`` defaults to the Exchange's market count.
        """
        if market_index is None:
            market_index = (await self.get_exchange()).perp_market_count
        return ix.create_perp_market(
            admin=self.authority,
            market_index=market_index,
            orderbook=orderbook,
            event_queue=event_queue,
            oracle=params.oracle,
            name=params.name,
            base_lot_size=params.base_lot_size,
            tick_size=params.tick_size,
            min_order_lots=params.min_order_lots,
            open_interest_cap_lots=params.open_interest_cap_lots,
            max_staleness_slots=params.max_staleness_slots,
            init_margin_bps=params.init_margin_bps,
            maint_margin_bps=params.maint_margin_bps,
            init_pnl_weight_bps=params.init_pnl_weight_bps,
            taker_fee_bps=params.taker_fee_bps,
            maker_fee_bps=params.maker_fee_bps,
            max_confidence_bps=params.max_confidence_bps,
            base_decimals=params.base_decimals,
            program_id=self.program_id,
        )

    async def get_create_perp_market_ixs(
        self, params: PerpMarketParams, *, market_index: int | None = None
    ) -> PerpMarketSetup:
        """The system-program creation of the order book and event queue, then the market.

        The two accounts are too large for the program to allocate by CPI, so they
        are created here: new keypairs, sizes from the IDL (AnchorPy layout + 8),
        rent-exempt, owned by the program.
        """
        if market_index is None:
            market_index = (await self.get_exchange()).perp_market_count
        orderbook, event_queue = Keypair(), Keypair()
        creations = [
            await self._create_program_account_ix(orderbook.pubkey(), Orderbook.size()),
            await self._create_program_account_ix(event_queue.pubkey(), EventQueue.size()),
        ]
        market_ix = await self.get_create_perp_market_ix(
            params, orderbook.pubkey(), event_queue.pubkey(), market_index=market_index
        )
        return PerpMarketSetup(
            instructions=[*creations, market_ix],
            signers=[orderbook, event_queue],
            market_index=market_index,
            market=self.perp_market_address(market_index),
            orderbook=orderbook.pubkey(),
            event_queue=event_queue.pubkey(),
        )

    async def _create_program_account_ix(self, address: Pubkey, space: int) -> Instruction:
        rent = await self._connection.get_minimum_balance_for_rent_exemption(space)
        return create_account(
            CreateAccountParams(
                from_pubkey=self.authority,
                to_pubkey=address,
                lamports=rent.value,
                space=space,
                owner=self.program_id,
            )
        )

    async def create_perp_market(
        self,
        params: PerpMarketParams,
        *,
        market_index: int | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Create the order book, the event queue and the market in one transaction."""
        setup = await self.get_create_perp_market_ixs(params, market_index=market_index)
        return await self.send_ixs(setup.instructions, setup.signers, tx_params=tx_params)

    async def get_create_margin_account_ix(self, account_index: int = 0) -> Instruction:
        """Create the wallet's margin account number ``account_index``."""
        return ix.create_margin_account(
            owner=self.authority, account_index=account_index, program_id=self.program_id
        )

    async def create_margin_account(
        self, account_index: int = 0, *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_create_margin_account_ix`."""
        instruction = await self.get_create_margin_account_ix(account_index)
        return await self.send_ixs([instruction], tx_params=tx_params)

    def associated_token_address(self, mint: Pubkey, owner: Pubkey | None = None) -> Pubkey:
        """The associated token account of ``owner`` (the wallet by default) for ``mint``."""
        return get_associated_token_address(owner or self.authority, mint)

    async def get_deposit_ix(
        self,
        mint: Pubkey,
        amount: int,
        *,
        account_index: int = 0,
        owner_token_account: Pubkey | None = None,
    ) -> Instruction:
        """Deposit ``amount`` native units of ``mint`` (from the wallet's ATA by default)."""
        return ix.deposit(
            owner=self.authority,
            mint=mint,
            amount=amount,
            owner_token_account=owner_token_account or self.associated_token_address(mint),
            account_index=account_index,
            program_id=self.program_id,
        )

    async def deposit(
        self,
        mint: Pubkey,
        amount: int,
        *,
        account_index: int = 0,
        owner_token_account: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_deposit_ix`."""
        instruction = await self.get_deposit_ix(
            mint, amount, account_index=account_index, owner_token_account=owner_token_account
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_withdraw_ix(
        self,
        mint: Pubkey,
        amount: int,
        *,
        account_index: int = 0,
        destination: Pubkey | None = None,
        margin_account: MarginAccount | None = None,
    ) -> Instruction:
        """Withdraw ``amount`` native units of ``mint`` (to the wallet's ATA by default).

        The health accounts describe the account after the withdrawal: a position
        withdrawn in full is no longer listed. ``margin_account`` skips the fetch.
        """
        margin = margin_account or await self.get_margin_account(account_index)
        asset = await self.get_collateral_asset(mint)
        position = margin.collateral_position(asset.index)
        emptied = position is not None and amount >= position.amount
        return ix.withdraw(
            owner=self.authority,
            mint=mint,
            amount=amount,
            destination_token_account=destination or self.associated_token_address(mint),
            health_accounts=await self.health_accounts(
                margin, removed_asset_index=asset.index if emptied else None
            ),
            account_index=account_index,
            program_id=self.program_id,
        )

    async def withdraw(
        self,
        mint: Pubkey,
        amount: int,
        *,
        account_index: int = 0,
        destination: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_withdraw_ix`."""
        instruction = await self.get_withdraw_ix(
            mint, amount, account_index=account_index, destination=destination
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_place_order_ix(
        self,
        market_index: int,
        side: Side,
        price: int,
        max_base_lots: int,
        *,
        order_type: OrderType = OrderType.LIMIT,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        account_index: int = 0,
        margin_account: MarginAccount | None = None,
    ) -> Instruction:
        """Place an order: ``price`` in quote native per lot (a market order's worst price).

        The market is added to the health accounts when the account has no
        position there yet (the order opens one).
        """
        margin = margin_account or await self.get_margin_account(account_index)
        market = await self._static_market(market_index)
        return ix.place_order(
            owner=self.authority,
            market_index=market_index,
            orderbook=market.orderbook,
            event_queue=market.event_queue,
            oracle=market.oracle,
            side=side,
            price=price,
            max_base_lots=max_base_lots,
            health_accounts=await self.order_health_accounts(margin, market_index),
            order_type=order_type,
            client_order_id=client_order_id,
            match_limit=match_limit,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def place_order(
        self,
        market_index: int,
        side: Side,
        price: int,
        max_base_lots: int,
        *,
        order_type: OrderType = OrderType.LIMIT,
        client_order_id: int = 0,
        match_limit: int = MAX_MATCHES_PER_ORDER,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_place_order_ix`."""
        instruction = await self.get_place_order_ix(
            market_index,
            side,
            price,
            max_base_lots,
            order_type=order_type,
            client_order_id=client_order_id,
            match_limit=match_limit,
            account_index=account_index,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_cancel_order_ix(
        self,
        market_index: int,
        order_id: int,
        *,
        is_client_id: bool = False,
        account_index: int = 0,
    ) -> Instruction:
        """Cancel one resting order by order id (or client order id)."""
        market = await self._static_market(market_index)
        return ix.cancel_order(
            owner=self.authority,
            market_index=market_index,
            orderbook=market.orderbook,
            order_id=order_id,
            is_client_id=is_client_id,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def cancel_order(
        self,
        market_index: int,
        order_id: int,
        *,
        is_client_id: bool = False,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_cancel_order_ix`."""
        instruction = await self.get_cancel_order_ix(
            market_index, order_id, is_client_id=is_client_id, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_cancel_all_orders_ix(
        self,
        market_index: int,
        *,
        side_filter: SideFilter = SideFilter.BOTH,
        limit: int = MAX_OPEN_ORDERS,
        account_index: int = 0,
    ) -> Instruction:
        """Cancel up to ``limit`` of the wallet's orders in a market."""
        market = await self._static_market(market_index)
        return ix.cancel_all_orders(
            owner=self.authority,
            market_index=market_index,
            orderbook=market.orderbook,
            side_filter=side_filter,
            limit=limit,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def cancel_all_orders(
        self,
        market_index: int,
        *,
        side_filter: SideFilter = SideFilter.BOTH,
        limit: int = MAX_OPEN_ORDERS,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_cancel_all_orders_ix`."""
        instruction = await self.get_cancel_all_orders_ix(
            market_index, side_filter=side_filter, limit=limit, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_consume_events_ix(
        self,
        market_index: int,
        *,
        limit: int = DEFAULT_CRANK_LIMIT,
        cranker: Pubkey | None = None,
        max_makers: int = DEFAULT_MAX_MAKERS,
    ) -> Instruction:
        """Crank up to ``limit`` queued fills, passing their makers' accounts.

        Makers are taken in queue order until ``max_makers`` distinct accounts (the
        program stops at the first event whose maker is missing). The reward goes
        to ``cranker`` (the wallet by default).
        """
        queue = await self.get_event_queue(market_index)
        makers: list[Pubkey] = []
        for event in queue.pending()[:limit]:
            if event.maker not in makers:
                if len(makers) == max_makers:
                    break
                makers.append(event.maker)
        market = await self._static_market(market_index)
        return ix.consume_events(
            market_index=market_index,
            event_queue=market.event_queue,
            cranker=cranker or self.authority,
            limit=limit,
            maker_accounts=makers,
            program_id=self.program_id,
        )

    async def consume_events(
        self,
        market_index: int,
        *,
        limit: int = DEFAULT_CRANK_LIMIT,
        cranker: Pubkey | None = None,
        max_makers: int = DEFAULT_MAX_MAKERS,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_consume_events_ix`."""
        instruction = await self.get_consume_events_ix(
            market_index, limit=limit, cranker=cranker, max_makers=max_makers
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_settle_pnl_ix(
        self,
        market_index: int,
        *,
        margin_account: Pubkey | None = None,
        account_index: int = 0,
    ) -> Instruction:
        """Settle a position's PnL (permissionless; the wallet's account by default)."""
        market = await self._static_market(market_index)
        return ix.settle_pnl(
            margin_account=margin_account or self.margin_account_address(account_index),
            market_index=market_index,
            oracle=market.oracle,
            quote_mint=await self.quote_mint(),
            program_id=self.program_id,
        )

    async def settle_pnl(
        self,
        market_index: int,
        *,
        margin_account: Pubkey | None = None,
        account_index: int = 0,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_settle_pnl_ix`."""
        instruction = await self.get_settle_pnl_ix(
            market_index, margin_account=margin_account, account_index=account_index
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- borrowing ------------------------------------------------------------------

    async def get_accrue_borrow_interest_ix(self, margin_accounts: Sequence[Pubkey]) -> Instruction:
        """Checkpoint the borrow interest of ``margin_accounts`` (permissionless)."""
        return ix.accrue_borrow_interest(
            quote_mint=await self.quote_mint(),
            margin_accounts=margin_accounts,
            program_id=self.program_id,
        )

    async def accrue_borrow_interest(
        self, margin_accounts: Sequence[Pubkey], *, tx_params: TxParams | None = None
    ) -> Signature:
        """Send :meth:`get_accrue_borrow_interest_ix`."""
        instruction = await self.get_accrue_borrow_interest_ix(margin_accounts)
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_set_borrow_rate_params_ix(
        self,
        *,
        base_rate_bps: int,
        optimal_rate_bps: int,
        max_rate_bps: int,
        optimal_utilization_bps: int,
    ) -> Instruction:
        """Admin: set the quote borrow rate curve (yearly bps)."""
        return ix.set_borrow_rate_params(
            admin=self.authority,
            quote_mint=await self.quote_mint(),
            base_rate_bps=base_rate_bps,
            optimal_rate_bps=optimal_rate_bps,
            max_rate_bps=max_rate_bps,
            optimal_utilization_bps=optimal_utilization_bps,
            program_id=self.program_id,
        )

    async def set_borrow_rate_params(
        self,
        *,
        base_rate_bps: int,
        optimal_rate_bps: int,
        max_rate_bps: int,
        optimal_utilization_bps: int,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_set_borrow_rate_params_ix`."""
        instruction = await self.get_set_borrow_rate_params_ix(
            base_rate_bps=base_rate_bps,
            optimal_rate_bps=optimal_rate_bps,
            max_rate_bps=max_rate_bps,
            optimal_utilization_bps=optimal_utilization_bps,
        )
        return await self.send_ixs([instruction], tx_params=tx_params)

    async def get_borrow_state(self) -> BorrowState:
        """The quote asset's borrowing now: index rolled to the cluster clock, rate, totals."""
        quote_key = self.collateral_asset_address(await self.quote_mint())
        response = await self._connection.get_multiple_accounts(
            [quote_key, CLOCK_SYSVAR], commitment=self.commitment, encoding="base64"
        )
        quote_info, clock_info = response.value
        if quote_info is None or clock_info is None:
            raise AccountNotFoundError("the quote collateral asset or the Clock sysvar is missing")
        quote = CollateralAsset.decode(bytes(quote_info.data))
        return BorrowState.of(quote, clock_unix_timestamp(bytes(clock_info.data)))

    async def get_close_margin_account_ix(
        self, account_index: int = 0, *, destination: Pubkey | None = None
    ) -> Instruction:
        """Close an empty margin account; rent to ``destination`` (the wallet by default)."""
        return ix.close_margin_account(
            owner=self.authority,
            destination=destination or self.authority,
            account_index=account_index,
            program_id=self.program_id,
        )

    async def close_margin_account(
        self,
        account_index: int = 0,
        *,
        destination: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send :meth:`get_close_margin_account_ix`."""
        instruction = await self.get_close_margin_account_ix(account_index, destination=destination)
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- TWAP and scheduled orders (issue 7): thin forwards to client.scheduled_orders ---

    async def get_create_twap_order_ix(
        self, market_index: int, params: TwapParams, **kwargs: Any
    ) -> Instruction:
        """create_twap_order (:meth:`ScheduledOrdersClient.get_create_twap_order_ix`)."""
        return (
            await self.scheduled_orders.get_create_twap_order_ix(market_index, params, **kwargs)
        )[0]

    async def create_twap_order(
        self, market_index: int, params: TwapParams, **kwargs: Any
    ) -> tuple[Signature, Pubkey]:
        """Create a TWAP order; returns the signature and its address."""
        return await self.scheduled_orders.create_twap_order(market_index, params, **kwargs)

    async def get_execute_twap_slice_ix(self, address: Pubkey, **kwargs: Any) -> Instruction:
        """execute_twap_slice with the wallet as keeper."""
        return await self.scheduled_orders.get_execute_twap_slice_ix(address, **kwargs)

    async def execute_twap_slice(self, address: Pubkey, **kwargs: Any) -> Signature:
        """Execute the TWAP order's due slice (the wallet earns the reward)."""
        return await self.scheduled_orders.execute_twap_slice(address, **kwargs)

    async def get_set_twap_paused_ix(self, address: Pubkey, paused: bool) -> Instruction:
        """set_twap_paused for the wallet's TWAP order."""
        from kairos.scheduled_orders import set_twap_paused

        return set_twap_paused(
            twap_order=address, owner=self.authority, paused=paused, program_id=self.program_id
        )

    async def set_twap_paused(self, address: Pubkey, paused: bool, **kwargs: Any) -> Signature:
        """Pause or resume the wallet's TWAP order."""
        return await self.scheduled_orders.set_twap_paused(address, paused, **kwargs)

    async def get_cancel_twap_order_ix(self, address: Pubkey) -> Instruction:
        """cancel_twap_order for the wallet's TWAP order."""
        from kairos.scheduled_orders import cancel_twap_order

        return cancel_twap_order(
            twap_order=address, owner=self.authority, program_id=self.program_id
        )

    async def cancel_twap_order(self, address: Pubkey, **kwargs: Any) -> Signature:
        """Cancel the wallet's TWAP order."""
        return await self.scheduled_orders.cancel_twap_order(address, **kwargs)

    async def get_create_scheduled_order_ix(
        self, market_index: int, params: ScheduleParams, order: ScheduledOrderSpec, **kwargs: Any
    ) -> Instruction:
        """create_scheduled_order (:meth:`ScheduledOrdersClient.get_create_scheduled_order_ix`)."""
        orders = self.scheduled_orders
        return (await orders.get_create_scheduled_order_ix(market_index, params, order, **kwargs))[
            0
        ]

    async def create_scheduled_order(
        self, market_index: int, params: ScheduleParams, order: ScheduledOrderSpec, **kwargs: Any
    ) -> tuple[Signature, Pubkey]:
        """Create a scheduled order; returns the signature and its address."""
        return await self.scheduled_orders.create_scheduled_order(
            market_index, params, order, **kwargs
        )

    async def get_execute_scheduled_order_ix(self, address: Pubkey, **kwargs: Any) -> Instruction:
        """execute_scheduled_order with the wallet as keeper."""
        return await self.scheduled_orders.get_execute_scheduled_order_ix(address, **kwargs)

    async def execute_scheduled_order(self, address: Pubkey, **kwargs: Any) -> Signature:
        """Run (or skip, when late) the scheduled order's due occurrence."""
        return await self.scheduled_orders.execute_scheduled_order(address, **kwargs)

    async def get_cancel_scheduled_order_ix(self, address: Pubkey) -> Instruction:
        """cancel_scheduled_order for the wallet's scheduled order."""
        from kairos.scheduled_orders import cancel_scheduled_order

        return cancel_scheduled_order(
            scheduled_order=address, owner=self.authority, program_id=self.program_id
        )

    async def cancel_scheduled_order(self, address: Pubkey, **kwargs: Any) -> Signature:
        """Cancel the wallet's scheduled order."""
        return await self.scheduled_orders.cancel_scheduled_order(address, **kwargs)

    async def get_compute_health_ix(
        self, account_index: int = 0, *, owner: Pubkey | None = None, address: Pubkey | None = None
    ) -> Instruction:
        """The compute_health view for a margin account (by index/owner or address)."""
        key = address or self.margin_account_address(account_index, owner)
        margin = await self.get_margin_account_at(key)
        return ix.compute_health(
            margin_account=key,
            health_accounts=await self.health_accounts(margin),
            program_id=self.program_id,
        )

    async def compute_health(
        self,
        account_index: int = 0,
        *,
        owner: Pubkey | None = None,
        address: Pubkey | None = None,
        tx_params: TxParams | None = None,
    ) -> Signature:
        """Send compute_health as a transaction (see :meth:`simulate_compute_health`)."""
        instruction = await self.get_compute_health_ix(account_index, owner=owner, address=address)
        return await self.send_ixs([instruction], tx_params=tx_params)

    # --- SPL token helpers (tests, demos) ------------------------------------------------

    async def airdrop(self, lamports: int, to: Pubkey | None = None) -> Signature:
        """Request an airdrop (localnet, devnet) and wait for it."""
        response = await self._connection.request_airdrop(
            to or self.authority, lamports, commitment=self.commitment
        )
        await self._connection.confirm_transaction(
            response.value, self.commitment, sleep_seconds=self.confirm_poll_seconds
        )
        return response.value

    async def create_mint(
        self, decimals: int, *, mint_authority: Pubkey | None = None, mint: Keypair | None = None
    ) -> Pubkey:
        """Create an SPL mint (authority: the wallet by default) and return its address."""
        mint_keypair = mint or Keypair()
        rent = await self._connection.get_minimum_balance_for_rent_exemption(MINT_LEN)
        await self.send_ixs(
            [
                create_account(
                    CreateAccountParams(
                        from_pubkey=self.authority,
                        to_pubkey=mint_keypair.pubkey(),
                        lamports=rent.value,
                        space=MINT_LEN,
                        owner=TOKEN_PROGRAM_ID,
                    )
                ),
                initialize_mint(
                    InitializeMintParams(
                        decimals=decimals,
                        program_id=TOKEN_PROGRAM_ID,
                        mint=mint_keypair.pubkey(),
                        mint_authority=mint_authority or self.authority,
                        freeze_authority=None,
                    )
                ),
            ],
            [mint_keypair],
        )
        return mint_keypair.pubkey()

    async def create_associated_token_account(
        self, mint: Pubkey, owner: Pubkey | None = None
    ) -> Pubkey:
        """Create (if missing) the associated token account of ``owner`` for ``mint``."""
        holder = owner or self.authority
        await self.send_ixs(
            [create_idempotent_associated_token_account(self.authority, holder, mint)]
        )
        return self.associated_token_address(mint, holder)

    async def create_token_account(self, mint: Pubkey, owner: Pubkey | None = None) -> Pubkey:
        """Create a new (non-associated) token account of ``owner`` for ``mint``."""
        account = Keypair()
        rent = await self._connection.get_minimum_balance_for_rent_exemption(TOKEN_ACCOUNT_LEN)
        await self.send_ixs(
            [
                create_account(
                    CreateAccountParams(
                        from_pubkey=self.authority,
                        to_pubkey=account.pubkey(),
                        lamports=rent.value,
                        space=TOKEN_ACCOUNT_LEN,
                        owner=TOKEN_PROGRAM_ID,
                    )
                ),
                initialize_account(
                    InitializeAccountParams(
                        program_id=TOKEN_PROGRAM_ID,
                        account=account.pubkey(),
                        mint=mint,
                        owner=owner or self.authority,
                    )
                ),
            ],
            [account],
        )
        return account.pubkey()

    async def mint_to(
        self,
        mint: Pubkey,
        destination: Pubkey,
        amount: int,
        *,
        mint_authority: Keypair | None = None,
    ) -> Signature:
        """Mint ``amount`` native units to a token account (authority: the wallet by default)."""
        authority = mint_authority or self.wallet
        return await self.send_ixs(
            [
                mint_to(
                    MintToParams(
                        program_id=TOKEN_PROGRAM_ID,
                        mint=mint,
                        dest=destination,
                        mint_authority=authority.pubkey(),
                        amount=amount,
                    )
                )
            ],
            [authority],
        )

    async def get_token_balance(self, token_account: Pubkey) -> int:
        """A token account's balance in native units."""
        response = await self._connection.get_token_account_balance(
            token_account, commitment=self.commitment
        )
        return int(response.value.amount)

    async def get_mint_decimals(self, mint: Pubkey) -> int:
        """A mint's decimals."""
        try:
            response = await self._connection.get_token_supply(mint, commitment=self.commitment)
        except RPCException:
            raise AccountNotFoundError(f"{mint} is not a token mint") from None
        return int(response.value.decimals)
