"""The transaction sender against the localnet: landed, outcompeted, failed, expired."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Awaitable, Callable

import pytest
from based58 import b58decode
from kairos_keepers.rpc import RateLimitedRpc, SimulationResult
from kairos_keepers.sender import (
    OutcompetedErrors,
    SendStatus,
    TransactionSender,
    classify_transaction_error,
    compute_unit_limit,
    custom_error,
)
from kairos_keepers.testing.faultproxy import FaultProxy, Faults
from kairos_localnet.ledger import Ledger
from kairos_localnet.testing import Cluster
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.hash import Hash
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.system_program import ID as SYSTEM_PROGRAM_ID
from solders.system_program import TransferParams, transfer
from solders.transaction import VersionedTransaction
from spl.token.constants import TOKEN_PROGRAM_ID
from spl.token.instructions import TransferParams as TokenTransferParams
from spl.token.instructions import transfer as token_transfer

from .conftest import LAMPORTS_PER_SOL, TokenSetup, create_token_accounts, make_rpc, make_sender

Fund = Callable[..., Awaitable[Keypair]]
INSUFFICIENT_FUNDS = 1  # spl-token TokenError::InsufficientFunds


def _token_transfer(setup: TokenSetup, amount: int) -> object:
    return token_transfer(
        TokenTransferParams(
            program_id=TOKEN_PROGRAM_ID,
            source=setup.source,
            dest=setup.destination,
            owner=setup.owner.pubkey(),
            amount=amount,
        )
    )


async def _balance(rpc: RateLimitedRpc, key: Pubkey) -> int:
    return int((await rpc.call("getBalance", [str(key)]))["value"])


# --- pure parts ---------------------------------------------------------------------------


def test_compute_unit_limit_is_margin_plus_add_capped() -> None:
    assert compute_unit_limit(1000, 1.2, 500) == 1700
    assert compute_unit_limit(1001, 1.2, 0) == math.ceil(1001 * 1.2)
    assert compute_unit_limit(1_300_000, 1.2, 1000) == 1_400_000
    assert compute_unit_limit(10_000, 1.5, 0, cap=12_000) == 12_000


def test_classification_by_code_and_program() -> None:
    token, other = TOKEN_PROGRAM_ID, Pubkey.new_unique()
    programs = [None, None, token, other]
    err = {"InstructionError": [2, {"Custom": 1}]}
    assert custom_error(err) == (2, 1)
    assert classify_transaction_error(err, programs, OutcompetedErrors.of({1})) == (
        SendStatus.OUTCOMPETED,
        1,
    )
    assert classify_transaction_error(err, programs, OutcompetedErrors.of({2})) == (
        SendStatus.FAILED,
        1,
    )
    # Restricted to another program: the same code from the token program is a failure.
    only_other = OutcompetedErrors.of({1}, programs={other})
    assert classify_transaction_error(err, programs, only_other) == (SendStatus.FAILED, 1)
    err_other = {"InstructionError": [3, {"Custom": 1}]}
    assert classify_transaction_error(err_other, programs, only_other)[0] is SendStatus.OUTCOMPETED
    # Errors that are not custom program errors are never "outcompeted".
    assert classify_transaction_error(
        "InsufficientFundsForFee", programs, OutcompetedErrors.of({1})
    ) == (SendStatus.FAILED, None)
    assert classify_transaction_error(
        {"InstructionError": [2, "InvalidAccountData"]}, programs, OutcompetedErrors.of({1})
    ) == (SendStatus.FAILED, None)


# --- against the localnet -----------------------------------------------------------------


async def test_system_transfer_lands_with_budgeted_compute_units(
    rpc: RateLimitedRpc, fund: Fund
) -> None:
    payer = await fund()
    recipient = Keypair().pubkey()
    sender = make_sender(rpc, payer, priority_fee=1000, cu_margin=1.5, cu_add=321)
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=recipient, lamports=12345))
    outcome = await sender.send([ix])
    assert outcome.status is SendStatus.LANDED, outcome
    assert outcome.signature is not None and outcome.slot is not None
    assert outcome.compute_units is not None and outcome.compute_units > 0
    assert outcome.compute_unit_limit == math.ceil(outcome.compute_units * 1.5) + 321
    assert await _balance(rpc, recipient) == 12345
    # The landed transaction carries the ComputeBudget instructions we computed.
    landed = await rpc.get_transaction(outcome.signature)
    assert landed is not None and landed.transaction.meta is not None
    assert landed.transaction.meta.err is None
    message = landed.transaction.transaction.message  # type: ignore[union-attr]
    keys = message.account_keys
    budget = [ix for ix in message.instructions if keys[ix.program_id_index] == COMPUTE_BUDGET_ID]
    assert len(budget) == 2
    limit_data, price_data = (b58decode(ix.data.encode()) for ix in budget)
    assert limit_data[0] == 2 and int.from_bytes(limit_data[1:5], "little") == (
        outcome.compute_unit_limit
    )
    assert price_data[0] == 3 and int.from_bytes(price_data[1:9], "little") == 1000


async def test_the_same_action_twice_under_one_blockhash_is_two_transactions(
    rpc: RateLimitedRpc, localnet: Cluster, fund: Fund
) -> None:
    """Identical instructions sent twice in one slot land twice, not once reported twice.

    Same payer, instructions, compute budget and blockhash would sign the same bytes:
    the cluster drops the second as already processed and its status is the first
    one's (a trailing stop's second ratchet in one slot was reported landed but never
    ran). The blockhash is pinned here so both sends share it whatever the slot does.
    """
    payer = await fund()
    recipient = Keypair().pubkey()
    pinned = await rpc.get_latest_blockhash()

    class PinnedRpc(RateLimitedRpc):
        async def get_latest_blockhash(self, commitment: str | None = None) -> tuple[Hash, int]:
            return pinned

    pinned_rpc = PinnedRpc(localnet.rpc_url, limiter=rpc.limiter, retry=rpc.retry)
    try:
        sender = make_sender(pinned_rpc, payer)
        ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=recipient, lamports=7))
        first = await sender.send([ix])
        second = await sender.send([ix])
    finally:
        await pinned_rpc.close()
    assert first.status is SendStatus.LANDED and second.status is SendStatus.LANDED
    assert first.signature != second.signature
    assert first.compute_unit_limit is not None and second.compute_unit_limit is not None
    assert abs(second.compute_unit_limit - first.compute_unit_limit) == 1  # the only change
    assert await _balance(rpc, recipient) == 14  # both transfers ran


def test_unsent_build_moves_the_limit_only_past_signatures_already_sent() -> None:
    payer = Keypair()
    sender = TransactionSender(make_rpc("http://127.0.0.1:9"), payer, cu_max=10_000)
    ix = transfer(TransferParams(from_pubkey=payer.pubkey(), to_pubkey=payer.pubkey(), lamports=1))
    blockhash = Hash.new_unique()
    tx, limit = sender.build_unsent([ix], [], blockhash, 5_000)
    assert limit == 5_000 and tx == sender.build([ix], [], blockhash, 5_000)  # nothing sent yet
    sender._remember(tx.signatures[0], last_valid=100)
    again, limit = sender.build_unsent([ix], [], blockhash, 5_000)
    assert limit == 5_001 and again.signatures[0] != tx.signatures[0]
    # At the cap the limit moves down instead.
    capped, _ = sender.build_unsent([ix], [], blockhash, 10_000)
    sender._remember(capped.signatures[0], last_valid=100)
    assert sender.build_unsent([ix], [], blockhash, 10_000)[1] == 9_999
    # Another blockhash signs differently: no change needed.
    assert sender.build_unsent([ix], [], Hash.new_unique(), 5_000)[1] == 5_000


async def test_already_done_error_is_outcompeted_not_failed(
    rpc: RateLimitedRpc, fund: Fund
) -> None:
    owner = await fund()
    setup, _ = await create_token_accounts(rpc, owner, amount=10)
    too_much = _token_transfer(setup, 100)
    outcompeted = make_sender(rpc, owner, OutcompetedErrors.of({INSUFFICIENT_FUNDS}))
    before = await _balance(rpc, owner.pubkey())
    outcome = await outcompeted.send([too_much])  # type: ignore[list-item]
    assert outcome.status is SendStatus.OUTCOMPETED, outcome
    assert outcome.error_code == INSUFFICIENT_FUNDS
    assert outcome.signature is None  # decided by simulation: nothing sent, no fee paid
    assert await _balance(rpc, owner.pubkey()) == before
    # Without the code listed, the same error is a failure with its reason.
    plain = make_sender(rpc, owner)
    failed = await plain.send([too_much])  # type: ignore[list-item]
    assert failed.status is SendStatus.FAILED
    assert failed.reason == "simulation" and failed.error_code == INSUFFICIENT_FUNDS
    # Named, with what to do (kairos.errors decodes the SPL Token program's codes).
    assert "SPL Token InsufficientFunds (1)" in failed.detail
    assert "kairos wallet airdrop" in failed.detail
    assert any("insufficient funds" in line.lower() for line in failed.logs)


@pytest.mark.parametrize("skip_preflight", [True, False])
async def test_race_lost_after_simulation_is_outcompeted(
    rpc: RateLimitedRpc, localnet: Cluster, fund: Fund, skip_preflight: bool
) -> None:
    """Two keepers do the same action; the slower one's fails after simulating: outcompeted.

    Without preflight it lands with the error (fee paid); with the RPC's preflight it is
    rejected before landing.
    """
    owner = await fund()
    setup, _ = await create_token_accounts(rpc, owner, amount=10)
    simulated, winner_landed = asyncio.Event(), asyncio.Event()

    class SlowRpc(RateLimitedRpc):
        async def simulate_transaction(self, *args: object, **kw: object) -> SimulationResult:
            result = await super().simulate_transaction(*args, **kw)  # type: ignore[arg-type]
            simulated.set()
            await winner_landed.wait()
            return result

    slow_rpc = SlowRpc(localnet.rpc_url, limiter=rpc.limiter, retry=rpc.retry)
    try:
        codes = OutcompetedErrors.of({INSUFFICIENT_FUNDS})
        slow = make_sender(slow_rpc, owner, codes, skip_preflight=skip_preflight)
        fast = make_sender(rpc, owner, codes, priority_fee=1)  # distinct bytes and signature
        action = _token_transfer(setup, 10)
        loser = asyncio.create_task(slow.send([action]))  # type: ignore[list-item]
        await simulated.wait()
        won = await fast.send([action])  # type: ignore[list-item]
        assert won.status is SendStatus.LANDED, won
        winner_landed.set()
        lost = await loser
    finally:
        await slow_rpc.close()
    assert lost.status is SendStatus.OUTCOMPETED, lost
    assert lost.signature is not None and lost.error_code == INSUFFICIENT_FUNDS
    landed = await rpc.get_transaction(lost.signature)
    if skip_preflight:
        assert landed is not None and landed.transaction.meta is not None
        assert landed.transaction.meta.err is not None  # landed, fee paid
    else:
        assert landed is None and lost.logs  # refused by the RPC's preflight simulation


async def test_unlanded_transaction_is_rebroadcast_until_blockhash_expires(
    localnet: Cluster, fund: Fund
) -> None:
    payer = await fund()
    async with FaultProxy(
        localnet.rpc_url, faults=Faults(blackhole_methods=frozenset({"sendTransaction"}))
    ) as proxy:
        rpc = make_rpc(proxy.rpc_url)
        sender = make_sender(rpc, payer, rebroadcast_interval=0.05, confirm_timeout=20.0)
        ix = transfer(
            TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(), lamports=1)
        )
        task = asyncio.create_task(sender.send([ix]))
        while proxy.stats.blackholed < 3:
            await asyncio.sleep(0.01)

        # 150 blocks after the blockhash, it expires (one block per slot tick).
        def expire(ledger: Ledger) -> None:
            for _ in range(152):
                ledger.tick()

        localnet.call(expire)
        outcome = await asyncio.wait_for(task, 10)
        await rpc.close()
    assert outcome.status is SendStatus.FAILED and outcome.reason == "expired", outcome
    assert outcome.broadcasts >= 3
    assert proxy.stats.blackholed == outcome.broadcasts
    statuses = await make_rpc(localnet.rpc_url).get_signature_statuses([outcome.signature])  # type: ignore[list-item]
    assert statuses == [None]


async def test_confirmation_timeout_is_a_failure(localnet: Cluster, fund: Fund) -> None:
    payer = await fund()
    async with FaultProxy(
        localnet.rpc_url, faults=Faults(blackhole_methods=frozenset({"sendTransaction"}))
    ) as proxy:
        rpc = make_rpc(proxy.rpc_url)
        sender = make_sender(rpc, payer, confirm_timeout=0.3, rebroadcast_interval=0.1)
        ix = transfer(
            TransferParams(from_pubkey=payer.pubkey(), to_pubkey=Keypair().pubkey(), lamports=1)
        )
        outcome = await sender.send([ix])
        await rpc.close()
    assert outcome.status is SendStatus.FAILED and outcome.reason == "timeout", outcome
    assert 2 <= outcome.broadcasts <= 5


async def test_rpc_failure_before_sending_is_a_failure_not_an_exception(fund: Fund) -> None:
    payer = Keypair()
    rpc = make_rpc("http://127.0.0.1:9", retries=1, timeout=0.5)  # nothing listens on port 9
    ix = transfer(
        TransferParams(from_pubkey=payer.pubkey(), to_pubkey=SYSTEM_PROGRAM_ID, lamports=1)
    )
    outcome = await make_sender(rpc, payer).send([ix])
    await rpc.close()
    assert outcome.status is SendStatus.FAILED and outcome.reason == "rpc_error"
    assert "connection" in outcome.detail


def test_built_transaction_is_signed_by_every_signer() -> None:
    payer, other = Keypair(), Keypair()
    from kairos_keepers.sender import TransactionSender
    from solders.hash import Hash

    sender = TransactionSender(make_rpc("http://127.0.0.1:9"), payer)
    ix = transfer(TransferParams(from_pubkey=other.pubkey(), to_pubkey=payer.pubkey(), lamports=1))
    tx = sender.build([ix], [other], Hash.default(), 5000)
    assert isinstance(tx, VersionedTransaction)
    assert all(tx.verify_with_results())
    assert tx.message.account_keys[0] == payer.pubkey()


async def test_many_senders_share_one_rpc(rpc: RateLimitedRpc, fund: Fund) -> None:
    payers = [await fund() for _ in range(3)]
    recipient = Keypair().pubkey()

    def pay(p: Keypair) -> object:
        return transfer(
            TransferParams(from_pubkey=p.pubkey(), to_pubkey=recipient, lamports=LAMPORTS_PER_SOL)
        )

    outcomes = await asyncio.gather(*(make_sender(rpc, p).send([pay(p)]) for p in payers))  # type: ignore[list-item]
    assert all(o.landed for o in outcomes), outcomes
    assert await _balance(rpc, recipient) == 3 * LAMPORTS_PER_SOL


def test_status_polls_are_batched_and_none_is_left_waiting() -> None:
    """Sends that start waiting while a status call is in flight get the next call."""
    from solders.signature import Signature

    class SlowStatuses:
        def __init__(self) -> None:
            self.calls: list[int] = []

        async def get_signature_statuses(self, signatures: list[Signature]) -> list[None]:
            self.calls.append(len(signatures))
            await asyncio.sleep(0.05)
            return [None] * len(signatures)

    async def scenario() -> list[int]:
        rpc = SlowStatuses()
        sender = TransactionSender(rpc, Keypair())  # type: ignore[arg-type]
        first = [asyncio.create_task(sender._status(Signature.new_unique())) for _ in range(3)]
        await asyncio.sleep(0.01)  # the first call is in flight
        late = asyncio.create_task(sender._status(Signature.new_unique()))
        done = await asyncio.wait_for(asyncio.gather(*first, late), timeout=2)
        assert done == [None] * 4
        return rpc.calls

    assert asyncio.run(scenario()) == [3, 1]
