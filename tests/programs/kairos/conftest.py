"""Fixtures for on-chain program tests: the built program deployed into LiteSVM.

These tests drive the program directly through LiteSVM (in-process, deterministic
compute units); tests/clients/ covers the same paths through the localnet's RPC.

`Chain` is the raw harness (send, fail, fund, mints and token accounts, decoding,
events, the clock). `Kairos` is an initialized exchange on a Chain: instruction
builders for every exchange-core instruction, helpers that create oracles, assets,
traders and margin accounts, and `check_invariants`, the vault invariant of
docs/ARCHITECTURE.md, which `Kairos.send` asserts after every successful step.
Perp tests register their markets in `Kairos.perp_markets` so that the health
accounts and the quote invariant include them.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from anchorpy import Context, EventParser, Program, Provider, Wallet
from anchorpy.coder.accounts import AccountToSerialize
from anchorpy.program.common import Event
from kairos.program import PROGRAM_ID, find_exchange_address, load_idl
from kairos_localnet.svm import make_svm
from kairos_toolchain.build import build_program
from kairos_toolchain.deploy import deploy_program
from solana.rpc.async_api import AsyncClient
from solders.account import Account
from solders.clock import Clock
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import CreateAccountParams, create_account
from solders.transaction import Transaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from spl.token._layouts import ACCOUNT_LAYOUT
from spl.token.constants import ACCOUNT_LEN, MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import (
    InitializeAccountParams,
    InitializeMintParams,
    MintToParams,
    initialize_account,
    initialize_mint,
    mint_to,
)

ROOT = Path(__file__).resolve().parents[3]
LAMPORTS_PER_SOL = 1_000_000_000
U64_MAX = 2**64 - 1
I64_MAX = 2**63 - 1
BPS = 10_000

QUOTE_DECIMALS = 6
KEEPER_REWARD = 5_000
QUOTE_ASSET_INDEX = 0
MAX_COLLATERAL_ASSETS = 16
MAX_COLLATERAL_POSITIONS = 8

# Seeds of the program's PDAs (docs/ARCHITECTURE.md, "Accounts").
COLLATERAL_SEED = b"collateral"
VAULT_SEED = b"vault"
INSURANCE_SEED = b"insurance"
ORACLE_SEED = b"oracle"
MARGIN_SEED = b"margin"

# Anchor framework error codes the account checks report.
ERR_INSTRUCTION_DID_NOT_DESERIALIZE = 102
ERR_CONSTRAINT_MUT = 2000
ERR_CONSTRAINT_SEEDS = 2006
ERR_ALREADY_IN_USE = 3000
ERR_DISCRIMINATOR_MISMATCH = 3002
ERR_NOT_ENOUGH_KEYS = 3005
ERR_WRONG_OWNER = 3007
ERR_INVALID_PROGRAM_ID = 3008
ERR_NOT_SIGNER = 3010
ERR_NOT_INITIALIZED = 3012


def _program_error_codes() -> dict[str, int]:
    return {
        error["name"]: error["code"]
        for error in json.loads((ROOT / "idl" / "kairos.json").read_text())["errors"]
    }


ERRORS = _program_error_codes()
"""Program error codes by IDL name, e.g. ERRORS["StaleOracle"] == 6006."""


# ---- PDAs -------------------------------------------------------------------------


def pda(*seeds: bytes) -> Pubkey:
    return Pubkey.find_program_address(list(seeds), PROGRAM_ID)[0]


def exchange_pda() -> Pubkey:
    return find_exchange_address()[0]


def collateral_pda(mint: Pubkey) -> Pubkey:
    return pda(COLLATERAL_SEED, bytes(mint))


def vault_pda(mint: Pubkey) -> Pubkey:
    return pda(VAULT_SEED, bytes(mint))


def insurance_pda(mint: Pubkey) -> Pubkey:
    return pda(INSURANCE_SEED, bytes(mint))


def oracle_pda(authority: Pubkey, seed: int) -> Pubkey:
    return pda(ORACLE_SEED, bytes(authority), seed.to_bytes(8, "little"))


def margin_pda(owner: Pubkey, index: int = 0) -> Pubkey:
    return pda(MARGIN_SEED, bytes(owner), bytes([index]))


# sol_try_find_program_address costs this per bump it tries (256 − canonical bump
# tries in all), so creation budgets are a fixed part plus this per try.
PDA_ATTEMPT_CU = 1_500


def pda_attempts(*seeds: bytes) -> int:
    """How many bumps the program tries before it finds the canonical one."""
    return 256 - Pubkey.find_program_address(list(seeds), PROGRAM_ID)[1]


def non_canonical_pda(*seeds: bytes) -> Pubkey:
    """A valid PDA of the seeds with a bump below the canonical one."""
    canonical_bump = Pubkey.find_program_address(list(seeds), PROGRAM_ID)[1]
    for bump in range(canonical_bump - 1, -1, -1):
        # create_program_address, spelled out: off the curve means a valid PDA.
        digest = hashlib.sha256(
            b"".join(seeds) + bytes([bump]) + bytes(PROGRAM_ID) + b"ProgramDerivedAddress"
        ).digest()
        candidate = Pubkey(digest)
        if not candidate.is_on_curve():
            assert candidate == Pubkey.create_program_address([*seeds, bytes([bump])], PROGRAM_ID)
            return candidate
    raise AssertionError("no non-canonical bump found")


# ---- the chain ----------------------------------------------------------------------


class TxFailed(AssertionError):
    """A transaction the test expected to succeed failed (logs attached)."""

    def __init__(self, failure: FailedTransactionMetadata) -> None:
        self.failure = failure
        self.logs = failure.meta().logs()
        super().__init__(f"{failure.err()}\n" + "\n".join(self.logs))


@dataclass
class Chain:
    """A LiteSVM with Kairos deployed, plus helpers to send instructions."""

    svm: LiteSVM
    payer: Keypair
    program: Program

    def fund(self, lamports: int = 10 * LAMPORTS_PER_SOL) -> Keypair:
        keypair = Keypair()
        self.svm.airdrop(keypair.pubkey(), lamports)
        return keypair

    def try_send(
        self, instructions: list[Instruction], signers: list[Keypair]
    ) -> TransactionMetadata | FailedTransactionMetadata:
        # A new blockhash per transaction: LiteSVM refuses duplicate signatures,
        # and identical instructions sent twice would otherwise collide.
        self.svm.expire_blockhash()
        message = Message.new_with_blockhash(
            instructions, signers[0].pubkey(), self.svm.latest_blockhash()
        )
        tx = Transaction(signers, message, self.svm.latest_blockhash())
        return self.svm.send_transaction(tx)

    def send(self, instructions: list[Instruction], signers: list[Keypair]) -> TransactionMetadata:
        result = self.try_send(instructions, signers)
        if isinstance(result, FailedTransactionMetadata):
            raise TxFailed(result)
        return result

    def fail(
        self, instructions: list[Instruction], signers: list[Keypair]
    ) -> FailedTransactionMetadata:
        result = self.try_send(instructions, signers)
        assert isinstance(result, FailedTransactionMetadata), "\n".join(result.logs())
        return result

    def create_mint(self, decimals: int = 6, authority: Keypair | None = None) -> Pubkey:
        mint = Keypair()
        owner = authority or self.payer
        rent = self.svm.minimum_balance_for_rent_exemption(MINT_LEN)
        self.send(
            [
                create_account(
                    CreateAccountParams(
                        from_pubkey=self.payer.pubkey(),
                        to_pubkey=mint.pubkey(),
                        lamports=rent,
                        space=MINT_LEN,
                        owner=TOKEN_PROGRAM_ID,
                    )
                ),
                initialize_mint(
                    InitializeMintParams(
                        decimals=decimals,
                        program_id=TOKEN_PROGRAM_ID,
                        mint=mint.pubkey(),
                        mint_authority=owner.pubkey(),
                        freeze_authority=None,
                    )
                ),
            ],
            [self.payer, mint],
        )
        return mint.pubkey()

    def create_token_account(self, mint: Pubkey, owner: Pubkey) -> Pubkey:
        """A new SPL token account of `mint` whose authority is `owner`."""
        account = Keypair()
        rent = self.svm.minimum_balance_for_rent_exemption(ACCOUNT_LEN)
        self.send(
            [
                create_account(
                    CreateAccountParams(
                        from_pubkey=self.payer.pubkey(),
                        to_pubkey=account.pubkey(),
                        lamports=rent,
                        space=ACCOUNT_LEN,
                        owner=TOKEN_PROGRAM_ID,
                    )
                ),
                initialize_account(
                    InitializeAccountParams(
                        program_id=TOKEN_PROGRAM_ID,
                        account=account.pubkey(),
                        mint=mint,
                        owner=owner,
                    )
                ),
            ],
            [self.payer, account],
        )
        return account.pubkey()

    def mint_to(self, mint: Pubkey, destination: Pubkey, amount: int) -> None:
        """Mint with the payer as mint authority (the create_mint default)."""
        params = MintToParams(
            program_id=TOKEN_PROGRAM_ID,
            mint=mint,
            dest=destination,
            mint_authority=self.payer.pubkey(),
            amount=amount,
        )
        self.send([mint_to(params)], [self.payer])

    def token_amount(self, account: Pubkey) -> int:
        info = self.svm.get_account(account)
        assert info is not None, f"no token account {account}"
        return int(ACCOUNT_LAYOUT.parse(bytes(info.data)).amount)

    def decode(self, key: Pubkey) -> Any:
        """A program account decoded by AnchorPy from its discriminator."""
        info = self.svm.get_account(key)
        assert info is not None and info.owner == PROGRAM_ID, f"not a Kairos account: {key}"
        return self.program.coder.accounts.decode(bytes(info.data))

    def encode(self, account_name: str, data: Any) -> bytes:
        """Account data (discriminator ‖ fields) for a decoded or crafted account."""
        plain = AccountToSerialize(data=_plain(data), name=account_name)
        return bytes(self.program.coder.accounts.build(plain))

    def write_account(self, key: Pubkey, account_name: str, data: Any) -> None:
        """Overwrite a program account's data in place (state crafted by a test)."""
        info = self.svm.get_account(key)
        encoded = self.encode(account_name, data)
        lamports = (
            info.lamports
            if info is not None and info.lamports
            else self.svm.minimum_balance_for_rent_exemption(len(encoded))
        )
        self.svm.set_account(key, Account(lamports, encoded, PROGRAM_ID))

    def events(self, meta: TransactionMetadata) -> list[Event]:
        found: list[Event] = []
        EventParser(PROGRAM_ID, self.program.coder).parse_logs(meta.logs(), found.append)
        return found

    def clock(self) -> Clock:
        return self.svm.get_clock()

    def warp(self, slots: int, seconds: int | None = None) -> None:
        """Advance the clock by `slots` slots (and unix time by `seconds`, default 0.4 s/slot)."""
        clock = self.svm.get_clock()
        elapsed = seconds if seconds is not None else (slots * 2) // 5
        self.svm.set_clock(
            Clock(
                slot=clock.slot + slots,
                epoch_start_timestamp=clock.epoch_start_timestamp,
                epoch=clock.epoch,
                leader_schedule_epoch=clock.leader_schedule_epoch,
                unix_timestamp=clock.unix_timestamp + elapsed,
            )
        )

    def snapshot(self, keys: Iterable[Pubkey]) -> dict[Pubkey, tuple[int, bytes, Pubkey] | None]:
        """Lamports, data and owner of each account, to prove a failure changed nothing."""
        state: dict[Pubkey, tuple[int, bytes, Pubkey] | None] = {}
        for key in keys:
            info = self.svm.get_account(key)
            state[key] = None if info is None else (info.lamports, bytes(info.data), info.owner)
        return state


def _plain(value: Any) -> Any:
    """Decoded AnchorPy values as dicts and lists (its encoder deep-copies
    dataclasses, which fails on solders' Pubkey)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def custom_error_code(failure: FailedTransactionMetadata) -> int | None:
    """The custom program error code of a failed transaction, if it has one."""
    err = failure.err()
    if isinstance(err, TransactionErrorInstructionError) and isinstance(
        err.err, InstructionErrorCustom
    ):
        return err.err.code
    return None


def with_meta(ix: Instruction, index: int, **changes: Any) -> Instruction:
    """`ix` with account `index` replaced (pubkey) or its flags changed."""
    metas = list(ix.accounts)
    old = metas[index]
    metas[index] = AccountMeta(
        changes.get("pubkey", old.pubkey),
        is_signer=changes.get("is_signer", old.is_signer),
        is_writable=changes.get("is_writable", old.is_writable),
    )
    return Instruction(ix.program_id, ix.data, metas)


def with_data(ix: Instruction, data: bytes) -> Instruction:
    return Instruction(ix.program_id, data, list(ix.accounts))


# ---- the exchange ------------------------------------------------------------------


@dataclass(frozen=True)
class ExchangeInfo:
    admin: Keypair
    quote_mint: Pubkey
    address: Pubkey
    quote_asset: Pubkey
    quote_vault: Pubkey
    insurance_vault: Pubkey


@dataclass(frozen=True)
class OracleInfo:
    address: Pubkey
    authority: Keypair
    seed: int


@dataclass(frozen=True)
class AssetInfo:
    """A listed collateral asset (the quote asset has index 0 and no oracle)."""

    mint: Pubkey
    address: Pubkey
    vault: Pubkey
    index: int
    decimals: int
    oracle: OracleInfo | None


@dataclass
class Trader:
    """A funded owner with one margin account and a token account per mint."""

    owner: Keypair
    margin: Pubkey
    token_accounts: dict[Pubkey, Pubkey] = field(default_factory=dict)


@dataclass(frozen=True)
class PerpMarketInfo:
    """A perp market registered for health accounts and the quote invariant."""

    address: Pubkey
    oracle: Pubkey
    index: int


def initialize_exchange_ix(
    program: Program,
    admin: Pubkey,
    quote_mint: Pubkey,
    keeper_reward: int = KEEPER_REWARD,
) -> Instruction:
    args = program.type["InitializeExchangeArgs"](keeper_reward_lamports=keeper_reward)
    accounts = {
        "exchange": exchange_pda(),
        "admin": admin,
        "quote_mint": quote_mint,
        "quote_asset": collateral_pda(quote_mint),
        "quote_vault": vault_pda(quote_mint),
        "insurance_vault": insurance_pda(quote_mint),
        "token_program": TOKEN_PROGRAM_ID,
        "system_program": SYSTEM_PROGRAM_ID,
    }
    return program.instruction["initialize_exchange"](args, ctx=Context(accounts=accounts))


# The PerpMarket funding fields (issue 15), all zero on a crafted market but its index.
FUNDING_MARKET_FIELDS = (
    "funding_index",
    "funding_index_previous",
    "funding_roll_seq",
    "funding_last_roll_ts",
    "funding_twap_ts",
    "oracle_twap",
    "mark_twap",
    "last_oracle_sample",
    "last_mark_sample",
    "funding_rate",
    "funding_settled_net",
    "funding_crank_reward",
    "funding_period_seconds",
    "funding_max_rate_bps",
    "funding_mark_band_bps",
    "funding_paused",
    "funding_sampled",
    "funding_started",
)


class Kairos:
    """An initialized exchange: builders, setup helpers and the vault invariant."""

    def __init__(self, chain: Chain, quote_decimals: int = QUOTE_DECIMALS) -> None:
        self.chain = chain
        self.program = chain.program
        admin = chain.fund(100 * LAMPORTS_PER_SOL)
        quote_mint = chain.create_mint(quote_decimals)
        chain.send([initialize_exchange_ix(self.program, admin.pubkey(), quote_mint)], [admin])
        self.exchange = ExchangeInfo(
            admin=admin,
            quote_mint=quote_mint,
            address=exchange_pda(),
            quote_asset=collateral_pda(quote_mint),
            quote_vault=vault_pda(quote_mint),
            insurance_vault=insurance_pda(quote_mint),
        )
        self.quote = AssetInfo(
            mint=quote_mint,
            address=self.exchange.quote_asset,
            vault=self.exchange.quote_vault,
            index=QUOTE_ASSET_INDEX,
            decimals=quote_decimals,
            oracle=None,
        )
        self.assets: dict[int, AssetInfo] = {QUOTE_ASSET_INDEX: self.quote}
        self.margin_accounts: list[Pubkey] = []
        self.perp_markets: dict[int, PerpMarketInfo] = {}
        self._next_oracle_seed = 0
        self.check_invariants()

    # ---- sending ----

    def send(self, instructions: list[Instruction], signers: list[Keypair]) -> TransactionMetadata:
        """Send, then assert the vault invariant (every successful step keeps it)."""
        meta = self.chain.send(instructions, signers)
        self.check_invariants()
        return meta

    def fail_unchanged(
        self, instructions: list[Instruction], signers: list[Keypair], expected: int
    ) -> FailedTransactionMetadata:
        """The transaction fails with `expected` and leaves every tracked account as it was."""
        payers = {signer.pubkey() for signer in signers}
        keys = [key for key in self.tracked_accounts(instructions) if key not in payers]
        before = self.chain.snapshot(keys)
        failure = self.chain.fail(instructions, signers)
        assert custom_error_code(failure) == expected, failure.meta().logs()
        assert self.chain.snapshot(keys) == before
        self.check_invariants()
        return failure

    def tracked_accounts(self, instructions: Sequence[Instruction] = ()) -> list[Pubkey]:
        """The exchange's accounts plus every non-signer account the instructions name.

        Signers are left out (the fee payer pays the fee even for a failed
        transaction); `fail_unchanged` also drops the transaction's signers.
        """
        keys: list[Pubkey] = [
            self.exchange.address,
            self.exchange.insurance_vault,
            *self.margin_accounts,
        ]
        for asset in self.assets.values():
            keys += [asset.address, asset.vault]
            if asset.oracle is not None:
                keys.append(asset.oracle.address)
        for ix in instructions:
            keys += [meta.pubkey for meta in ix.accounts if not meta.is_signer]
        return list(dict.fromkeys(keys))

    # ---- state ----

    def exchange_state(self) -> Any:
        return self.chain.decode(self.exchange.address)

    def margin(self, margin: Pubkey) -> Any:
        return self.chain.decode(margin)

    def asset_state(self, asset: AssetInfo) -> Any:
        return self.chain.decode(asset.address)

    def check_invariants(self) -> None:
        """docs/ARCHITECTURE.md, "PnL settlement and the vault invariant".

        quote vault tokens = Σ quote_balance + Σ markets (pnl_pool + fees_accrued)
                             + Exchange.insurance_pending
                             + quote asset borrow_interest_pending
                           = quote asset total_deposits
        quote asset total_borrows = Σ borrow_principal (borrow/borrow.h)
        asset vault tokens = Σ collateral amounts of the asset = asset.total_deposits
        """
        accounts = [
            self.chain.decode(key)
            for key in self.margin_accounts
            # Closed accounts are gone (or a system account if someone funds the address).
            if (info := self.chain.svm.get_account(key)) is not None
            and info.lamports > 0
            and info.owner == PROGRAM_ID
        ]
        markets = [self.chain.decode(m.address) for m in self.perp_markets.values()]
        quote_tokens = self.chain.token_amount(self.exchange.quote_vault)
        # Exchange.insurance_pending: the insurance fund's share of liquidation
        # fees, still held in the quote vault (docs/ARCHITECTURE.md, "Liquidation").
        quote = self.asset_state(self.quote)
        quote_claims = (
            sum(a.quote_balance for a in accounts)
            + sum(m.pnl_pool + m.fees_accrued for m in markets)
            + self.exchange_state().insurance_pending
            + quote.borrow_interest_pending
        )
        assert quote_tokens == quote_claims, f"quote vault {quote_tokens} != claims {quote_claims}"
        assert quote_tokens == quote.total_deposits
        principals = sum(a.borrow_principal for a in accounts)
        assert quote.total_borrows == principals, f"borrows {quote.total_borrows} != {principals}"
        # Invariant 7 of state/perp_position.h: each market's position_lots.
        for info, market in zip(self.perp_markets.values(), markets, strict=True):
            lots = sum(
                abs(p.base_lots)
                for account in accounts
                for p in account.perp_positions
                if p.active and p.market_index == info.index
            )
            assert market.position_lots == lots, f"market {info.index}: {lots} lots held"
        for index, asset in self.assets.items():
            if index == QUOTE_ASSET_INDEX:
                continue
            tokens = self.chain.token_amount(asset.vault)
            held = sum(
                slot.amount
                for account in accounts
                for slot in account.collateral
                if slot.active and slot.asset_index == index
            )
            total = self.asset_state(asset).total_deposits
            assert tokens == held == total, (
                f"asset {index}: vault {tokens}, held {held}, total {total}"
            )

    # ---- oracles ----

    def create_oracle_ix(
        self,
        authority: Pubkey,
        seed: int,
        price: int,
        confidence: int = 0,
        exponent: int = 0,
    ) -> Instruction:
        args = self.program.type["CreateOracleArgs"](
            seed=seed, price=price, confidence=confidence, exponent=exponent
        )
        accounts = {
            "exchange": self.exchange.address,
            "oracle": oracle_pda(authority, seed),
            "authority": authority,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        return self.program.instruction["create_oracle"](args, ctx=Context(accounts=accounts))

    def create_oracle(
        self,
        price: int,
        confidence: int = 0,
        exponent: int = 0,
        authority: Keypair | None = None,
    ) -> OracleInfo:
        authority = authority or self.chain.fund()
        seed = self._next_oracle_seed
        self._next_oracle_seed += 1
        self.send(
            [self.create_oracle_ix(authority.pubkey(), seed, price, confidence, exponent)],
            [authority],
        )
        return OracleInfo(oracle_pda(authority.pubkey(), seed), authority, seed)

    def update_oracle_ix(
        self, oracle: Pubkey, authority: Pubkey, price: int, confidence: int = 0
    ) -> Instruction:
        accounts = {"exchange": self.exchange.address, "oracle": oracle, "authority": authority}
        return self.program.instruction["update_oracle"](
            price, confidence, ctx=Context(accounts=accounts)
        )

    def update_oracle(self, oracle: OracleInfo, price: int, confidence: int = 0) -> None:
        self.send(
            [self.update_oracle_ix(oracle.address, oracle.authority.pubkey(), price, confidence)],
            [oracle.authority],
        )

    def refresh_oracles(self) -> None:
        """Republish every asset oracle at its current price (after a clock warp)."""
        for asset in self.assets.values():
            if asset.oracle is not None:
                state = self.chain.decode(asset.oracle.address)
                self.update_oracle(asset.oracle, state.price, state.confidence)

    # ---- collateral assets ----

    def add_collateral_asset_ix(
        self,
        mint: Pubkey,
        oracle: Pubkey,
        *,
        deposit_cap: int = U64_MAX,
        max_staleness_slots: int = 100,
        init_weight_bps: int = 8_000,
        maint_weight_bps: int = 9_000,
        max_confidence_bps: int = 200,
        admin: Pubkey | None = None,
    ) -> Instruction:
        args = self.program.type["AddCollateralAssetArgs"](
            deposit_cap=deposit_cap,
            max_staleness_slots=max_staleness_slots,
            init_asset_weight_bps=init_weight_bps,
            maint_asset_weight_bps=maint_weight_bps,
            max_confidence_bps=max_confidence_bps,
        )
        accounts = {
            "exchange": self.exchange.address,
            "admin": admin or self.exchange.admin.pubkey(),
            "mint": mint,
            "collateral_asset": collateral_pda(mint),
            "vault": vault_pda(mint),
            "oracle": oracle,
            "token_program": TOKEN_PROGRAM_ID,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        return self.program.instruction["add_collateral_asset"](
            args, ctx=Context(accounts=accounts)
        )

    def add_asset(
        self,
        decimals: int = 9,
        price: int = 100,
        confidence: int = 0,
        exponent: int = 0,
        **asset_args: Any,
    ) -> AssetInfo:
        """A new mint, its oracle and its CollateralAsset (weights etc. as keywords)."""
        mint = self.chain.create_mint(decimals)
        oracle = self.create_oracle(price, confidence, exponent)
        self.send(
            [self.add_collateral_asset_ix(mint, oracle.address, **asset_args)],
            [self.exchange.admin],
        )
        index = self.chain.decode(collateral_pda(mint)).index
        asset = AssetInfo(mint, collateral_pda(mint), vault_pda(mint), index, decimals, oracle)
        self.assets[index] = asset
        return asset

    # ---- margin accounts ----

    def create_margin_account_ix(self, owner: Pubkey, index: int = 0) -> Instruction:
        accounts = {
            "exchange": self.exchange.address,
            "margin_account": margin_pda(owner, index),
            "owner": owner,
            "system_program": SYSTEM_PROGRAM_ID,
        }
        return self.program.instruction["create_margin_account"](
            index, ctx=Context(accounts=accounts)
        )

    def create_margin_account(self, owner: Keypair, index: int = 0) -> Pubkey:
        margin = margin_pda(owner.pubkey(), index)
        self.margin_accounts.append(margin)
        self.send([self.create_margin_account_ix(owner.pubkey(), index)], [owner])
        return margin

    def new_trader(self, funds: dict[Pubkey, int] | None = None, index: int = 0) -> Trader:
        """A funded owner, its margin account, and token accounts with `funds` minted."""
        owner = self.chain.fund()
        trader = Trader(owner, self.create_margin_account(owner, index))
        for mint, amount in (funds or {}).items():
            trader.token_accounts[mint] = self.token_account(owner.pubkey(), mint, amount)
        return trader

    def token_account(self, owner: Pubkey, mint: Pubkey, amount: int = 0) -> Pubkey:
        account = self.chain.create_token_account(mint, owner)
        if amount:
            self.chain.mint_to(mint, account, amount)
        return account

    def close_margin_account_ix(
        self, margin: Pubkey, owner: Pubkey, destination: Pubkey | None = None
    ) -> Instruction:
        accounts = {
            "exchange": self.exchange.address,
            "margin_account": margin,
            "owner": owner,
            "destination": destination or owner,
        }
        return self.program.instruction["close_margin_account"](ctx=Context(accounts=accounts))

    # ---- deposit / withdraw ----

    def deposit_ix(
        self,
        trader: Trader,
        asset: AssetInfo,
        amount: int,
        source: Pubkey | None = None,
    ) -> Instruction:
        accounts = {
            "exchange": self.exchange.address,
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "collateral_asset": asset.address,
            "vault": asset.vault,
            "owner_token_account": source or trader.token_accounts[asset.mint],
            "token_program": TOKEN_PROGRAM_ID,
        }
        return self.program.instruction["deposit"](amount, ctx=Context(accounts=accounts))

    def deposit(self, trader: Trader, asset: AssetInfo, amount: int) -> TransactionMetadata:
        if asset.mint not in trader.token_accounts:
            trader.token_accounts[asset.mint] = self.token_account(
                trader.owner.pubkey(), asset.mint, amount
            )
        elif self.chain.token_amount(trader.token_accounts[asset.mint]) < amount:
            self.chain.mint_to(asset.mint, trader.token_accounts[asset.mint], amount)
        return self.send([self.deposit_ix(trader, asset, amount)], [trader.owner])

    def withdraw_ix(
        self,
        trader: Trader,
        asset: AssetInfo,
        amount: int,
        destination: Pubkey | None = None,
        health_accounts: list[AccountMeta] | None = None,
    ) -> Instruction:
        if destination is None:
            if asset.mint not in trader.token_accounts:
                trader.token_accounts[asset.mint] = self.token_account(
                    trader.owner.pubkey(), asset.mint
                )
            destination = trader.token_accounts[asset.mint]
        if health_accounts is None:
            health_accounts = self.health_accounts_after_withdraw(trader.margin, asset, amount)
        accounts = {
            "exchange": self.exchange.address,
            "margin_account": trader.margin,
            "owner": trader.owner.pubkey(),
            "collateral_asset": asset.address,
            "vault": asset.vault,
            "destination_token_account": destination,
            "token_program": TOKEN_PROGRAM_ID,
        }
        return self.program.instruction["withdraw"](
            amount, ctx=Context(accounts=accounts, remaining_accounts=health_accounts)
        )

    def withdraw(self, trader: Trader, asset: AssetInfo, amount: int) -> TransactionMetadata:
        return self.send([self.withdraw_ix(trader, asset, amount)], [trader.owner])

    # ---- health ----

    def health_accounts(
        self, margin: Pubkey, skip_asset_index: int | None = None
    ) -> list[AccountMeta]:
        """The health accounts of the margin account's current active slots.

        `skip_asset_index` leaves out a collateral slot the instruction empties.
        The quote asset leads: it holds the borrow index (borrow/borrow.h).
        """
        state = self.margin(margin)
        metas: list[AccountMeta] = [self.quote_asset_meta()]
        for slot in state.collateral:
            if slot.active and slot.asset_index != skip_asset_index:
                asset = self.assets[slot.asset_index]
                assert asset.oracle is not None
                metas += [
                    AccountMeta(asset.address, is_signer=False, is_writable=False),
                    AccountMeta(asset.oracle.address, is_signer=False, is_writable=False),
                ]
        for position in state.perp_positions:
            if position.active:
                market = self.perp_markets[position.market_index]
                metas += [
                    AccountMeta(market.address, is_signer=False, is_writable=False),
                    AccountMeta(market.oracle, is_signer=False, is_writable=False),
                ]
        return metas

    def quote_asset_meta(self) -> AccountMeta:
        """The quote collateral asset, read-only: the head of every health list."""
        return AccountMeta(self.quote.address, is_signer=False, is_writable=False)

    def health_accounts_after_withdraw(
        self, margin: Pubkey, asset: AssetInfo, amount: int
    ) -> list[AccountMeta]:
        state = self.margin(margin)
        emptied = any(
            slot.active and slot.asset_index == asset.index and slot.amount == amount
            for slot in state.collateral
        )
        return self.health_accounts(margin, asset.index if emptied else None)

    def compute_health_ix(
        self, margin: Pubkey, health_accounts: list[AccountMeta] | None = None
    ) -> Instruction:
        if health_accounts is None:
            health_accounts = self.health_accounts(margin)
        accounts = {"exchange": self.exchange.address, "margin_account": margin}
        return self.program.instruction["compute_health"](
            ctx=Context(accounts=accounts, remaining_accounts=health_accounts)
        )

    def compute_health(self, margin: Pubkey) -> tuple[int, int]:
        """(init, maint) from the instruction's return data."""
        meta = self.send([self.compute_health_ix(margin)], [self.chain.payer])
        return health_from_return_data(meta)

    # ---- crafted state (until perp instructions exist; tests of health math) ----

    def craft_perp_market(
        self,
        index: int,
        oracle: Pubkey,
        *,
        base_lot_size: int = 10_000_000,
        base_decimals: int = 9,
        init_margin_bps: int = 1_000,
        maint_margin_bps: int = 500,
        init_pnl_weight_bps: int = 5_000,
        max_staleness_slots: int = 100,
        max_confidence_bps: int = 200,
        pnl_pool: int = 0,
        fees_accrued: int = 0,
        funding_index: int = 0,
    ) -> PerpMarketInfo:
        """Write a PerpMarket account directly and register it (health, invariant)."""
        address = Keypair().pubkey()
        data = {
            "name": list(f"CRAFTED-{index}".encode().ljust(16, b"\0")),
            "oracle": oracle,
            "orderbook": Pubkey.default(),
            "event_queue": Pubkey.default(),
            "base_lot_size": base_lot_size,
            "tick_size": 1,
            "min_order_lots": 1,
            "open_interest_cap_lots": U64_MAX,
            "open_interest_lots": 0,
            "next_order_id": 1,
            "fees_accrued": fees_accrued,
            "pnl_pool": pnl_pool,
            "crank_lamports": 0,
            "max_staleness_slots": max_staleness_slots,
            "init_margin_bps": init_margin_bps,
            "maint_margin_bps": maint_margin_bps,
            "init_pnl_weight_bps": init_pnl_weight_bps,
            "taker_fee_bps": 0,
            "maker_fee_bps": 0,
            "max_confidence_bps": max_confidence_bps,
            "index": index,
            "base_decimals": base_decimals,
            "bump": 0,
            "padding": [0] * 4,
            "socialized_loss": 0,
            "liquidation_fee_bps": 0,
            "liquidation_padding": [0] * 6,
            "socialized_loss_per_lot": 0,
            "position_lots": 0,
            **{name: 0 for name in FUNDING_MARKET_FIELDS},
            "funding_index": funding_index,
            "funding_padding": [0] * 5,
            "fill_band_bps": 0,
            "rest_band_bps": 0,
            "band_padding": [0] * 4,
            "min_rest_lots": 0,
            "reserved": [0] * 16,
        }
        self.chain.write_account(address, "PerpMarket", data)
        market = PerpMarketInfo(address, oracle, index)
        self.perp_markets[index] = market
        return market

    def craft_margin(self, margin: Pubkey, **changes: Any) -> Any:
        """Overwrite top-level fields of a margin account; returns the new state."""
        state = self.margin(margin)
        for name, value in changes.items():
            setattr(state, name, value)
        self.chain.write_account(margin, "MarginAccount", state)
        return state

    def craft_perp_position(self, margin: Pubkey, slot: int, **fields: int) -> None:
        """Write perp position `slot` of a margin account (active unless told)."""
        state = self.margin(margin)
        position = state.perp_positions[slot]
        lots_before = abs(position.base_lots) if position.active else 0
        position.active = fields.pop("active", 1)
        for name, value in fields.items():
            setattr(position, name, value)
        self.chain.write_account(margin, "MarginAccount", state)
        # Keep the market's position_lots (invariant 7 of state/perp_position.h).
        info = self.perp_markets.get(position.market_index)
        if info is not None:
            market = self.chain.decode(info.address)
            lots_after = abs(position.base_lots) if position.active else 0
            market.position_lots += lots_after - lots_before
            self.chain.write_account(info.address, "PerpMarket", market)

    # ---- gate ----

    def set_gate_ix(self, gate: int, admin: Pubkey | None = None) -> Instruction:
        accounts = {
            "exchange": self.exchange.address,
            "admin": admin or self.exchange.admin.pubkey(),
        }
        return self.program.instruction["set_instruction_gate"](
            gate, ctx=Context(accounts=accounts)
        )

    def set_gate(self, gate: int) -> None:
        self.send([self.set_gate_ix(gate)], [self.exchange.admin])

    def halt(self, instruction_name: str) -> None:
        self.set_gate(1 << instruction_index(instruction_name))


def instruction_index(snake_name: str) -> int:
    """The instruction's bit in the gate: its position in the IDL."""
    instructions = json.loads((ROOT / "idl" / "kairos.json").read_text())["instructions"]
    return [ix["name"] for ix in instructions].index(_camel(snake_name))


def health_from_return_data(meta: TransactionMetadata) -> tuple[int, int]:
    return_data = meta.return_data()
    assert return_data is not None and return_data.program_id == PROGRAM_ID
    data = bytes(return_data.data)
    assert len(data) == 16
    return (
        int.from_bytes(data[:8], "little", signed=True),
        int.from_bytes(data[8:], "little", signed=True),
    )


def _camel(snake_name: str) -> str:
    head, *rest = snake_name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _idl_instruction(snake_name: str) -> dict[str, Any]:
    instructions = json.loads((ROOT / "idl" / "kairos.json").read_text())["instructions"]
    return next(ix for ix in instructions if ix["name"] == _camel(snake_name))


def account_index(instruction: str, account: str) -> int:
    """Position of `account` in `instruction`'s accounts (both snake case), from the IDL."""
    names = [a["name"] for a in _idl_instruction(instruction)["accounts"]]
    return names.index(_camel(account))


# ---- fixtures -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def program_so() -> bytes:
    return build_program(ROOT).read_bytes()


@pytest.fixture(scope="session")
def program_keypair() -> Keypair:
    path = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    return Keypair.from_bytes(bytes(json.loads(path.read_text())))


@pytest.fixture()
def chain(program_so: bytes, program_keypair: Keypair) -> Chain:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 1_000 * LAMPORTS_PER_SOL)
    deploy_program(svm, payer, program_keypair, program_so)
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(payer))
    return Chain(svm, payer, Program(load_idl(), PROGRAM_ID, provider))


@pytest.fixture()
def kairos(chain: Chain) -> Kairos:
    """An initialized exchange (quote mint with QUOTE_DECIMALS decimals)."""
    return Kairos(chain)
