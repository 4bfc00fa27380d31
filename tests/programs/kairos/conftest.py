"""Fixtures for on-chain program tests: the built program deployed into LiteSVM.

These tests drive the program directly through LiteSVM (in-process, deterministic
compute units); tests/clients/ covers the same paths through the localnet's RPC.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from anchorpy import Program, Provider, Wallet
from kairos.localnet.svm import make_svm
from kairos.program import PROGRAM_ID, load_idl
from kairos.toolchain.build import build_program
from kairos.toolchain.deploy import deploy_program
from solana.rpc.async_api import AsyncClient
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.system_program import CreateAccountParams, create_account
from solders.transaction import Transaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from spl.token.constants import MINT_LEN, TOKEN_PROGRAM_ID
from spl.token.instructions import InitializeMintParams, initialize_mint

ROOT = Path(__file__).resolve().parents[3]
LAMPORTS_PER_SOL = 1_000_000_000


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


def custom_error_code(failure: FailedTransactionMetadata) -> int | None:
    """The custom program error code of a failed transaction, if it has one."""
    err = failure.err()
    if isinstance(err, TransactionErrorInstructionError) and isinstance(
        err.err, InstructionErrorCustom
    ):
        return err.err.code
    return None


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
