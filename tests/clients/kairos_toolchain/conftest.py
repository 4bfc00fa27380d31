"""Helpers for the toolchain tests: compile the C programs in c/, deploy, invoke."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from kairos_localnet.svm import make_svm
from kairos_toolchain.compiler import compile_bpf
from kairos_toolchain.deploy import deploy_program
from kairos_toolchain.linker import SYSCALLS, link
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.pubkey import Pubkey
from solders.transaction import Transaction
from solders.transaction_metadata import FailedTransactionMetadata, TransactionMetadata

C_DIR = Path(__file__).parent / "c"

CompileFn = Callable[..., bytes]


@pytest.fixture(scope="module")
def compile_object(tmp_path_factory: pytest.TempPathFactory) -> CompileFn:
    """Compile a C file (a name in c/ or a path) to BPF object bytes."""
    out_dir = tmp_path_factory.mktemp("bpf")
    count = 0

    def compile_(source: str | Path, extra_flags: Sequence[str] = ()) -> bytes:
        nonlocal count
        count += 1
        path = source if isinstance(source, Path) else C_DIR / source
        obj = out_dir / f"{path.stem}-{count}.o"
        return compile_bpf(path, obj, [C_DIR], extra_flags=extra_flags).read_bytes()

    return compile_


@pytest.fixture(scope="module")
def build_so(compile_object: CompileFn) -> CompileFn:
    """Compile and link a C file into a deployable .so (bytes)."""

    def build(
        source: str | Path,
        extra_flags: Sequence[str] = (),
        syscalls: frozenset[str] = SYSCALLS,
    ) -> bytes:
        return link(compile_object(source, extra_flags), syscalls=syscalls)

    return build


@dataclass
class Deployed:
    """A test program deployed into its own LiteSVM."""

    svm: LiteSVM
    payer: Keypair
    program_id: Pubkey

    def invoke(self, data: bytes) -> TransactionMetadata | FailedTransactionMetadata:
        # A new blockhash each time: LiteSVM refuses a signature it has seen.
        self.svm.expire_blockhash()
        ix = Instruction(self.program_id, data, [])
        blockhash = self.svm.latest_blockhash()
        message = Message.new_with_blockhash([ix], self.payer.pubkey(), blockhash)
        return self.svm.send_transaction(Transaction([self.payer], message, blockhash))

    def ok(self, data: bytes) -> TransactionMetadata:
        result = self.invoke(data)
        assert isinstance(result, TransactionMetadata), f"{result.err()}\n" + "\n".join(
            result.meta().logs()
        )
        return result

    def fails(self, data: bytes) -> FailedTransactionMetadata:
        result = self.invoke(data)
        assert isinstance(result, FailedTransactionMetadata), "\n".join(result.logs())
        return result


def deploy(so: bytes, svm: LiteSVM | None = None) -> Deployed:
    """Deploy ``so`` through the upgradeable loader into a fresh (or given) LiteSVM."""
    svm = svm or make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 100 * 10**9)
    program = Keypair()
    deploy_program(svm, payer, program, so)
    return Deployed(svm, payer, program.pubkey())


@pytest.fixture(scope="session")
def deploy_so() -> Callable[..., Deployed]:
    """The deploy() helper, for test modules (conftest is not importable)."""
    return deploy
