"""kairos.errors: failures mapped to the generated exception classes, offline and on chain."""

from __future__ import annotations

import pytest
from kairos import errors, instructions
from kairos.abi import errors as generated
from kairos.abi.instructions import SET_INSTRUCTION_GATE_DISCRIMINATOR
from kairos.error_hints import PROGRAM_HINTS
from kairos.program import PROGRAM_ID, idl_json
from solana.rpc.core import RPCException
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.instruction import AccountMeta, Instruction
from solders.keypair import Keypair
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.rpc.responses import RpcSimulateTransactionResult
from solders.transaction_status import (
    InstructionErrorCustom,
    InstructionErrorFieldless,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)

from ..conftest import LAMPORTS_PER_SOL, Setup

TOKEN = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")


def failure_logs(code: int, program: Pubkey = PROGRAM_ID) -> list[str]:
    return [
        f"Program {PROGRAM_ID} invoke [1]",
        "Program log: Instruction: Withdraw",
        "Program log: AnchorError occurred. Error Number:",
        f"Program {program} consumed 5000 of 200000 compute units",
        f"Program {program} failed: custom program error: {code:#x}",
    ]


def custom(code: int, index: int = 0) -> TransactionErrorInstructionError:
    return TransactionErrorInstructionError(index, InstructionErrorCustom(code))


def preflight(code: int, logs: list[str] | None) -> RPCException:
    result = RpcSimulateTransactionResult(err=custom(code, 1), logs=logs)
    return RPCException(
        SendTransactionPreflightFailureMessage(
            "Transaction simulation failed: Error processing Instruction 1", result
        )
    )


def test_preflight_failure_maps_to_the_named_error() -> None:
    mapped = errors.parse_error(preflight(6017, failure_logs(6017)))
    assert isinstance(mapped, errors.InsufficientHealth)
    assert mapped.code == 6017 and mapped.instruction_index == 1
    assert mapped.message == "Initial health would be negative after this instruction"
    assert mapped.logs[-1].endswith("0x1781")
    with pytest.raises(errors.InsufficientHealth) as caught:
        errors.raise_for_error(preflight(6017, failure_logs(6017)))
    assert isinstance(caught.value.__cause__, RPCException)


def test_framework_code_from_preflight() -> None:
    mapped = errors.parse_error(preflight(3010, failure_logs(3010)))
    assert isinstance(mapped, errors.AccountNotSigner)
    assert "did not sign" in str(mapped)


def test_another_programs_error_is_not_taken_for_kairos() -> None:
    logs = [
        f"Program {PROGRAM_ID} invoke [1]",
        f"Program {TOKEN} invoke [2]",
        "Program log: Error: insufficient funds",
        f"Program {TOKEN} failed: custom program error: 0x1781",
        f"Program {PROGRAM_ID} failed: custom program error: 0x1781",
    ]
    mapped = errors.parse_error(preflight(6017, logs))
    assert type(mapped) is errors.TransactionError
    assert str(TOKEN) in str(mapped) and "6017" in str(mapped)


def test_without_logs_the_instruction_program_decides() -> None:
    sim = RpcSimulateTransactionResult(err=custom(6006, 0), logs=None)
    ours = errors.parse_error(sim, instruction_programs=[PROGRAM_ID])
    assert isinstance(ours, errors.StaleOracle)
    theirs = errors.parse_error(sim, instruction_programs=[COMPUTE_BUDGET_ID])
    assert type(theirs) is errors.TransactionError
    assert isinstance(errors.parse_error(sim), errors.StaleOracle)  # nothing known: assume ours


def test_non_custom_errors_become_transaction_errors() -> None:
    sim = RpcSimulateTransactionResult(
        err=TransactionErrorInstructionError(0, InstructionErrorFieldless.InvalidAccountData),
        logs=[],
    )
    mapped = errors.parse_error(sim)
    assert type(mapped) is errors.TransactionError and "InvalidAccountData" in str(mapped)
    blockhash = errors.error_from_transaction_error(TransactionErrorFieldless.BlockhashNotFound)
    assert "BlockhashNotFound" in str(blockhash)
    unknown = errors.parse_error(preflight(9_999, failure_logs(9_999)))
    assert type(unknown) is errors.TransactionError and "9999" in str(unknown)


def test_successful_simulation_and_foreign_objects() -> None:
    assert errors.parse_error(RpcSimulateTransactionResult(err=None, logs=[])) is None
    assert errors.parse_error(ValueError("x")) is None
    errors.raise_for_simulation(RpcSimulateTransactionResult(err=None, logs=[]))
    with pytest.raises(ValueError):
        errors.raise_for_error(ValueError("x"))
    other_rpc = errors.parse_error(RPCException("node is behind"))
    assert type(other_rpc) is errors.TransactionError and "node is behind" in str(other_rpc)


def test_every_program_error_has_a_hint() -> None:
    names = {entry["name"] for entry in idl_json()["errors"]}
    missing = sorted(name for name in names if not PROGRAM_HINTS.get(name))
    assert not missing, f"add a 'what to do' to kairos/error_hints.py for: {missing}"
    assert errors.NoFill().hint and "limit order" in errors.NoFill().hint


async def test_failures_on_the_localnet_raise_the_generated_classes(kairos_setup: Setup) -> None:
    """Real failing transactions: a program error and an Anchor framework code map to the
    classes generated from the IDL, with code, message and the transaction's logs."""

    stranger = Keypair()
    async with kairos_setup.client() as admin, kairos_setup.client(stranger) as client:
        await admin.tokens.airdrop(LAMPORTS_PER_SOL, stranger.pubkey())
        # A signer that is not the admin: the program's own Unauthorized (6003).
        with pytest.raises(errors.Unauthorized) as caught:
            await client.send(instructions.set_instruction_gate(admin=stranger.pubkey(), gate=0))
        assert type(caught.value) is generated.Unauthorized
        assert caught.value.code == 6003 and caught.value.logs
        assert caught.value.message == generated.Unauthorized.default_message
        # The admin's key without its signature: Anchor's AccountNotSigner (3010).
        built = instructions.set_instruction_gate(admin=kairos_setup.admin.pubkey(), gate=0)
        metas = [
            AccountMeta(m.pubkey, False, m.is_writable) if i == 1 else m
            for i, m in enumerate(built.accounts)
        ]
        assert bytes(built.data[:8]) == SET_INSTRUCTION_GATE_DISCRIMINATOR
        with pytest.raises(errors.AccountNotSigner) as unsigned:
            await client.send(Instruction(built.program_id, bytes(built.data), metas))
        assert isinstance(unsigned.value, errors.AnchorFrameworkError)
        assert unsigned.value.code == 3010
