"""Compute units of the math/ helpers, measured on the real SBF VM (LiteSVM).

cu_bench.c is compiled and linked like the program, deployed through the
upgradeable loader, and run once per helper; each figure is the cost of one call
inlined into a loop, net of the loop itself. Budgets are ceilings with headroom:
a failure means a change made a helper markedly slower, not a small drift.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

import pytest
from kairos_localnet.svm import make_svm
from kairos_toolchain.compiler import compile_bpf
from kairos_toolchain.deploy import deploy_program
from kairos_toolchain.linker import link
from solders.compute_budget import set_compute_unit_limit
from solders.instruction import Instruction
from solders.keypair import Keypair
from solders.litesvm import LiteSVM
from solders.message import Message
from solders.transaction import Transaction
from solders.transaction_metadata import FailedTransactionMetadata

from .shim_library import PROGRAM_SRC

BENCH_SOURCE = Path(__file__).with_name("cu_bench.c")
ITERATIONS = 1000  # cu_bench.c's ITERATIONS
COMPUTE_UNIT_LIMIT = 1_400_000
NEVER = (1 << 64) - 1  # BenchArgs.impossible
BASELINE = 0


@dataclass(frozen=True)
class Case:
    label: str
    mode: int  # cu_bench.c's BenchMode
    a: int
    b: int
    c: int
    budget: int  # CU per call, with headroom over what was measured


CASES = [
    Case("mul_div_floor, product < 2^64", 1, 10**6, 30, 10**4, 70),
    Case("mul_div_floor, product >= 2^64, divisor < 2^32", 1, 1 << 50, 1 << 40, 10**9, 80),
    Case("mul_div_floor, product >= 2^64, divisor >= 2^32", 1, 1 << 50, 1 << 40, 1 << 50, 170),
    Case("mul_div_ceil, product >= 2^64, divisor >= 2^32", 2, 1 << 50, 1 << 40, 1 << 50, 190),
    Case("u128_div_u64_narrow, divisor < 2^32", 3, 1 << 63, 1 << 20, 10**9, 60),
    Case("u128_div_u64_narrow, divisor >= 2^32", 3, 1 << 63, 1 << 40, 1 << 50, 160),
    Case("u128_divrem_u64 (128-bit quotient)", 4, 12345, 1 << 63, 1 << 50, 150),
    Case("u128_divrem (128/128)", 5, 1 << 63, 7, 1 << 40, 290),
    Case("i64_div_floor", 6, 10**12, 0, 7, 40),
    Case("i64_mul_div_floor, divisor >= 2^32", 7, 1 << 62, 1 << 40, 1 << 50, 200),
    Case("u64_widening_mul", 8, 1 << 63, 1 << 40, 1, 45),
    Case("u64_checked_mul", 9, 1 << 40, 1 << 20, 0, 20),
]


class Bench:
    """cu_bench.so deployed in a LiteSVM, run one mode at a time."""

    def __init__(self, so_bytes: bytes) -> None:
        self.svm: LiteSVM = make_svm()
        self.payer = Keypair()
        self.svm.airdrop(self.payer.pubkey(), 10**11)
        self.program = Keypair()
        deploy_program(self.svm, self.payer, self.program, so_bytes)

    def compute_units(self, mode: int, a: int, b: int, c: int) -> int:
        data = struct.pack("<5Q", mode, a, b, c, NEVER)
        instruction = Instruction(self.program.pubkey(), data, [])
        self.svm.expire_blockhash()
        blockhash = self.svm.latest_blockhash()
        message = Message.new_with_blockhash(
            [set_compute_unit_limit(COMPUTE_UNIT_LIMIT), instruction],
            self.payer.pubkey(),
            blockhash,
        )
        result = self.svm.send_transaction(Transaction([self.payer], message, blockhash))
        assert not isinstance(result, FailedTransactionMetadata), result.meta().logs()
        return int(result.compute_units_consumed())


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Bench:
    obj = compile_bpf(BENCH_SOURCE, tmp_path_factory.mktemp("cu") / "cu_bench.o", [PROGRAM_SRC])
    return Bench(link(obj.read_bytes()))


@pytest.fixture(scope="module")
def baseline(bench: Bench) -> int:
    return bench.compute_units(BASELINE, 1 << 50, 1 << 40, 1 << 50)


@pytest.mark.parametrize("case", CASES, ids=[case.label for case in CASES])
def test_compute_units_per_call(
    bench: Bench, baseline: int, case: Case, record_property: pytest.RecordProperty
) -> None:
    per_call = (bench.compute_units(case.mode, case.a, case.b, case.c) - baseline) / ITERATIONS
    record_property("compute_units_per_call", per_call)
    print(f"{case.label}: {per_call:.1f} CU")
    assert per_call <= case.budget
