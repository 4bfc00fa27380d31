"""``KairosCore``: connection, wallet, account fetching and the one generic ``send``.

:class:`kairos.client.KairosClient` is this core plus the feature namespaces
(``client.orders``, ``client.admin``...). Namespaces build instructions; the core
sends them: :meth:`KairosCore.send` takes instructions, :class:`Bundle` s (instructions
with their extra signers and the address they create) or awaitables of either,
simulates the transaction to set its compute-unit limit, adds the priority fee,
signs, sends, confirms, and returns a :class:`TxResult` (signature, the events the
transaction emitted, compute units). Failures raise :mod:`kairos.errors` exceptions
(``InsufficientHealth``, ``StaleOracle``...), decoded from the simulation, the
preflight or the landed transaction.

Static links (an asset's mint and oracle, a market's book, queue and oracle) never
change once created, so the core caches them; margin accounts are always read fresh.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import math
from collections.abc import Awaitable, Callable, Iterable, Sequence
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, overload

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
from solders.sysvar import CLOCK as CLOCK_SYSVAR
from solders.transaction import Transaction
from spl.token.instructions import get_associated_token_address

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
from kairos.clock import chain_unix_timestamp, clock_unix_timestamp
from kairos.constants import QUOTE_ASSET_INDEX
from kairos.events import KairosEvent, parse_events
from kairos.math.health import HealthContext
from kairos.math.orderbook import MarketUnits, OrderbookView
from kairos.pda import (
    collateral_asset_address,
    exchange_address,
    margin_account_address,
    oracle_address,
    perp_market_address,
)
from kairos.program import PROGRAM_ID, load_idl

A = TypeVar("A", bound=KairosAccount)
E = TypeVar("E", bound=KairosEvent)

MAX_COMPUTE_UNITS = 1_400_000
"""The runtime's per-transaction compute-unit ceiling (what simulations run under)."""
# Agave's preflight text for a byte-identical transaction that already landed.
_ALREADY_PROCESSED = "already been processed"
_DUPLICATE_RESIGN_ATTEMPTS = 2
_NEW_BLOCKHASH_TIMEOUT_SECONDS = 5.0
_LANDED_READ_ATTEMPTS = 20


@dataclasses.dataclass(frozen=True)
class TxParams:
    """Compute budget of a transaction.

    ``compute_unit_limit`` fixes the limit (no simulation); without it :meth:`KairosCore.send`
    simulates and sets ``ceil(units × cu_margin) + cu_add`` (at most 1.4M): the margin
    covers state that changes between the simulation and the landing (more fills, another
    market in the health walk). ``compute_unit_price`` is the priority fee in
    micro-lamports per compute unit.
    """

    compute_unit_limit: int | None = None
    compute_unit_price: int | None = None
    cu_margin: float = 1.5
    cu_add: int = 20_000

    def limit_for(self, units: int) -> int:
        """The compute-unit limit for a simulation that consumed ``units``."""
        return min(MAX_COMPUTE_UNITS, math.ceil(units * self.cu_margin) + self.cu_add)

    def budget(self, limit: int | None) -> list[Instruction]:
        """The ComputeBudget instructions for ``limit`` and the priority fee."""
        result: list[Instruction] = []
        if limit is not None:
            result.append(set_compute_unit_limit(limit))
        if self.compute_unit_price is not None:
            result.append(set_compute_unit_price(self.compute_unit_price))
        return result


@dataclasses.dataclass(frozen=True)
class Bundle:
    """Instructions that go together, the extra keys that sign them, what they create.

    Namespace methods return a Bundle when an instruction needs more than the wallet's
    signature (new accounts) or creates an account worth naming (``address``: a trigger,
    TWAP, schedule, auction or market).
    """

    instructions: tuple[Instruction, ...]
    signers: tuple[Keypair, ...] = ()
    address: Pubkey | None = None


Sendable = Instruction | Bundle
"""What :meth:`KairosCore.send` takes (or an awaitable of it)."""


@dataclasses.dataclass(frozen=True)
class TxResult:
    """A confirmed transaction: its signature, the Kairos events it emitted, its compute.

    ``compute_units`` is what the landed transaction consumed (None when the node does
    not report it); ``compute_unit_limit`` the limit it was sent with (None: the
    runtime's default).
    """

    signature: Signature
    events: tuple[KairosEvent, ...]
    compute_units: int | None
    compute_unit_limit: int | None
    logs: tuple[str, ...] = ()

    def events_of(self, kind: type[E]) -> list[E]:
        """The events of one type, in emission order."""
        return [event for event in self.events if isinstance(event, kind)]


class KairosCore:
    """Connection, wallet, fetchers and :meth:`send` (no instruction knowledge).

    ``connection`` is a solana-py ``AsyncClient`` or an RPC URL (the client then owns
    the connection and closes it in :meth:`close`). ``wallet`` signs and pays for every
    transaction and is the admin, authority or owner the instructions name.
    ``tx_params`` sets the default compute budget.
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

    async def __aenter__(self) -> Self:
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

    def associated_token_address(self, mint: Pubkey, owner: Pubkey | None = None) -> Pubkey:
        """The associated token account of ``owner`` (the wallet by default) for ``mint``."""
        return get_associated_token_address(owner or self.authority, mint)

    # --- sending --------------------------------------------------------------------

    async def _collect(
        self, items: Sequence[Sendable | Awaitable[Sendable]]
    ) -> tuple[list[Instruction], list[Keypair]]:
        instructions: list[Instruction] = []
        signers: list[Keypair] = []
        for item in items:
            value = await item if inspect.isawaitable(item) else item
            if isinstance(value, Bundle):
                instructions.extend(value.instructions)
                signers.extend(value.signers)
            elif isinstance(value, Instruction):
                instructions.append(value)
            else:
                raise TypeError(f"cannot send {type(value).__name__}: not an Instruction or Bundle")
        if not instructions:
            raise ValueError("nothing to send: no instruction")
        return instructions, signers

    async def send(
        self,
        *items: Sendable | Awaitable[Sendable],
        signers: Sequence[Keypair] = (),
        tx_params: TxParams | None = None,
    ) -> TxResult:
        """Send ``items`` as one transaction and return its :class:`TxResult`.

        ``items`` are instructions, :class:`Bundle` s or awaitables of either (so
        ``await client.send(client.orders.place(params))`` builds and sends). The
        transaction is simulated (its error raised as a :class:`kairos.errors.KairosError`
        without sending) and its compute-unit limit set from the simulation, unless
        ``tx_params`` fixes the limit or the client skips preflight (then a failing
        transaction lands and its error is read from the chain). Signed by the wallet,
        the bundles' signers and ``signers``; confirmed at the client's commitment.
        """
        instructions, bundle_signers = await self._collect(items)
        all_signers = [*bundle_signers, *signers]
        params = tx_params or self.tx_params
        limit = params.compute_unit_limit
        if limit is None and not self.skip_preflight:
            simulated = await self.simulate(
                *instructions,
                signers=all_signers,
                tx_params=dataclasses.replace(params, compute_unit_limit=MAX_COMPUTE_UNITS),
            )
            if simulated.units_consumed is not None:
                limit = params.limit_for(simulated.units_consumed)
        all_ixs = [*params.budget(limit), *instructions]
        signature = await self._send_signed(all_ixs, all_signers)
        logs, units = await self._landed(signature, attempts=_LANDED_READ_ATTEMPTS)
        return TxResult(
            signature=signature,
            events=tuple(parse_events(logs, self.program_id)),
            compute_units=units,
            compute_unit_limit=limit,
            logs=tuple(logs),
        )

    async def simulate(
        self,
        *items: Sendable | Awaitable[Sendable],
        signers: Sequence[Keypair] = (),
        tx_params: TxParams | None = None,
    ) -> RpcSimulateTransactionResult:
        """Simulate ``items`` as one transaction; raise its KairosError if it fails."""
        instructions, bundle_signers = await self._collect(items)
        params = tx_params or self.tx_params
        all_ixs = [*params.budget(params.compute_unit_limit), *instructions]
        latest = (await self._connection.get_latest_blockhash(self.commitment)).value
        tx = self._sign(all_ixs, [*bundle_signers, *signers], latest.blockhash)
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

    async def _next_blockhash(self, current: Hash) -> RpcBlockhash:
        """Wait for a blockhash other than ``current`` (a new slot)."""
        deadline = asyncio.get_running_loop().time() + _NEW_BLOCKHASH_TIMEOUT_SECONDS
        while True:
            latest = (await self._connection.get_latest_blockhash(self.commitment)).value
            if latest.blockhash != current or asyncio.get_running_loop().time() > deadline:
                return latest
            await asyncio.sleep(self.confirm_poll_seconds)

    async def _send_signed(
        self, all_ixs: Sequence[Instruction], signers: Sequence[Keypair]
    ) -> Signature:
        """Sign (wallet + ``signers``), send, confirm; raise a KairosError on failure."""
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

    async def _landed(
        self, signature: Signature, *, attempts: int = 1
    ) -> tuple[list[str], int | None]:
        """A confirmed transaction's log messages and consumed compute units.

        An RPC node may confirm a signature before it serves the transaction:
        ``attempts`` reads, ``confirm_poll_seconds`` apart (empty if still unserved).
        """
        for attempt in range(attempts):
            response = await self._connection.get_transaction(
                signature, commitment=self.commitment, max_supported_transaction_version=0
            )
            if response.value is not None and response.value.transaction.meta is not None:
                meta = response.value.transaction.meta
                return list(meta.log_messages or []), meta.compute_units_consumed
            if attempt + 1 < attempts:
                await asyncio.sleep(self.confirm_poll_seconds)
        return [], None

    async def get_transaction_logs(self, signature: Signature) -> list[str]:
        """The log messages of a confirmed transaction (empty if unavailable)."""
        return (await self._landed(signature))[0]

    def events_of_logs(self, logs: Sequence[str]) -> list[KairosEvent]:
        """The Kairos events in a transaction's (or a simulation's) log messages."""
        return parse_events(list(logs), self.program_id)

    async def get_transaction_events(self, signature: Signature) -> list[KairosEvent]:
        """The Kairos events a confirmed transaction emitted."""
        return parse_events(await self.get_transaction_logs(signature), self.program_id)

    # --- fetching -------------------------------------------------------------------

    async def fetch(self, cls: type[A], address: Pubkey) -> A | None:
        """The ``cls`` account at ``address``, or None when it does not exist."""
        return await fetch_account(self._connection, cls, address, commitment=self.commitment)

    async def require(self, cls: type[A], address: Pubkey, what: str) -> A:
        """The ``cls`` account at ``address``; AccountNotFoundError naming ``what`` if none."""
        account = await self.fetch(cls, address)
        if account is None:
            raise AccountNotFoundError(f"{what} {address} does not exist")
        return account

    async def fetch_all(self, cls: type[A], **equal: Pubkey | None) -> list[tuple[Pubkey, A]]:
        """Every ``cls`` account (one ``getProgramAccounts``), filtered by field values.

        ``equal`` maps field names to the key they must hold (``memcmp``); None skips
        that filter: ``fetch_all(TwapOrder, margin_account=key)``.
        """
        filters = [memcmp_filter(cls, name, key) for name, key in equal.items() if key]
        return await fetch_all_accounts(
            self._connection,
            cls,
            program_id=self.program_id,
            filters=filters,
            commitment=self.commitment,
        )

    async def get_exchange(self) -> Exchange:
        """The Exchange account."""
        exchange = await self.require(Exchange, self.exchange_address, "exchange")
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
        asset = await self.require(
            CollateralAsset, self.collateral_asset_address(mint), "collateral asset"
        )
        self._assets[asset.index] = asset
        return asset

    async def get_collateral_assets(self) -> dict[int, CollateralAsset]:
        """Every listed collateral asset by index (index 0 is the quote)."""
        found = await self.fetch_all(CollateralAsset)
        assets = {asset.index: asset for _, asset in found}
        self._assets.update(assets)
        return dict(sorted(assets.items()))

    async def get_oracle(self, address: Pubkey) -> Oracle:
        """An oracle account."""
        return await self.require(Oracle, address, "oracle")

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
        market = await self.require(
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
        market = await self.cached_market(market_index)
        return await self.require(Orderbook, market.orderbook, "orderbook")

    async def get_orderbook_view(self, market_index: int) -> OrderbookView:
        """A market's book as L3 orders, best first, with its units."""
        market = await self.cached_market(market_index)
        book = await self.require(Orderbook, market.orderbook, "orderbook")
        units = MarketUnits.of(market, await self.get_quote_decimals())
        return OrderbookView.of(book, units)

    async def get_event_queue(self, market_index: int) -> EventQueue:
        """A market's EventQueue account."""
        market = await self.cached_market(market_index)
        return await self.require(EventQueue, market.event_queue, "event queue")

    async def get_margin_account(
        self, account_index: int = 0, *, owner: Pubkey | None = None
    ) -> MarginAccount:
        """A margin account (the wallet's by default)."""
        address = self.margin_account_address(account_index, owner)
        return await self.require(MarginAccount, address, "margin account")

    async def get_margin_account_at(self, address: Pubkey) -> MarginAccount:
        """A margin account by address."""
        return await self.require(MarginAccount, address, "margin account")

    async def get_margin_accounts(
        self, owner: Pubkey | None = None
    ) -> list[tuple[Pubkey, MarginAccount]]:
        """Every margin account of ``owner`` (the wallet by default)."""
        return await self.fetch_all(MarginAccount, owner=owner or self.authority)

    async def get_all_margin_accounts(self) -> list[tuple[Pubkey, MarginAccount]]:
        """Every margin account of every owner (one getProgramAccounts call)."""
        return await self.fetch_all(MarginAccount)

    async def get_slot(self) -> int:
        """The cluster's current slot at the client's commitment."""
        return (await self._connection.get_slot(self.commitment)).value

    async def get_unix_timestamp(self) -> int:
        """The cluster's Clock ``unix_timestamp`` (what borrow interest and expiries use)."""
        return await chain_unix_timestamp(self._connection)

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

    # --- static links (cached) --------------------------------------------------------

    async def cached_assets(self, indexes: Iterable[int]) -> dict[int, CollateralAsset]:
        """Collateral assets by index, from the cache (every asset re-read on a miss)."""
        wanted = set(indexes)
        if not wanted <= set(self._assets):
            await self.get_collateral_assets()
        missing = wanted - set(self._assets)
        if missing:
            raise AccountNotFoundError(f"no collateral asset with index {sorted(missing)}")
        return self._assets

    async def quote_mint(self) -> Pubkey:
        """The exchange's quote mint (cached, from the quote collateral asset)."""
        return (await self.cached_assets([QUOTE_ASSET_INDEX]))[QUOTE_ASSET_INDEX].mint

    async def cached_markets(self, indexes: Iterable[int]) -> dict[int, PerpMarket]:
        """Perp markets by index, from the cache (the missing ones read in one call).

        Only their static links (book, queue, oracle, sizes) are to be used: read a
        market's live state with :meth:`get_perp_market`.
        """
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

    async def cached_market(self, market_index: int) -> PerpMarket:
        """One market from :meth:`cached_markets`."""
        return (await self.cached_markets([market_index]))[market_index]

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
            assets=await self.cached_assets(asset_indexes),
            markets=await self.cached_markets(market_indexes),
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
        assets = await self.cached_assets(
            [QUOTE_ASSET_INDEX, *(p.asset_index for p in margin.active_collateral())]
        )
        markets = await self.cached_markets(p.market_index for p in margin.active_perp_positions())
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


def fields(params: object) -> dict[str, Any]:
    """A params dataclass's fields by name (shallow: keys and nested objects kept)."""
    assert dataclasses.is_dataclass(params)
    return {field.name: getattr(params, field.name) for field in dataclasses.fields(params)}


N = TypeVar("N", bound="Namespace")


class namespace(Generic[N]):  # noqa: N801 - used like a decorator-style field
    """A client attribute holding a namespace, created on first use (one per client)."""

    def __init__(self, cls: type[N]) -> None:
        self.cls = cls

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, client: None, owner: type) -> namespace[N]: ...

    @overload
    def __get__(self, client: KairosCore, owner: type) -> N: ...

    def __get__(self, client: KairosCore | None, owner: type) -> N | namespace[N]:
        if client is None:
            return self
        created = self.cls(client)
        client.__dict__[self.name] = created
        return created


class Namespace:
    """A feature's instruction builders on a client (``client.orders``, ``client.admin``...).

    Methods take one params object (:mod:`kairos.params`), read the chain state the
    instruction needs through :attr:`client`, and return an ``Instruction`` or a
    :class:`Bundle` for :meth:`KairosCore.send`.
    """

    def __init__(self, client: KairosCore) -> None:
        self.client = client

    @property
    def program_id(self) -> Pubkey:
        """The program the client talks to."""
        return self.client.program_id

    @property
    def authority(self) -> Pubkey:
        """The wallet's public key."""
        return self.client.authority

    def build(
        self, builder: Callable[..., Instruction], params: object, **links: Any
    ) -> Instruction:
        """``builder(**params' fields, **links, program_id=...)``.

        The params' field names are the builder's keyword arguments (the IDL's
        names), so they are passed through, not restated; ``links`` are the accounts
        and values the namespace read from the chain or the wallet.
        """
        return builder(**fields(params), **links, program_id=self.program_id)
