"""Localnet detection, and the decoding of SPL Token and runtime errors with hints."""

from __future__ import annotations

import json

import pytest
from kairos import errors
from kairos.error_hints import SPL_TOKEN_ERRORS
from kairos.program import PROGRAM_ID
from kairos_cli.faucet import is_local_url
from solders.pubkey import Pubkey
from solders.rpc.responses import RpcSimulateTransactionResult
from solders.transaction_status import (
    InstructionErrorCustom,
    InstructionErrorFieldless,
    TransactionErrorFieldless,
    TransactionErrorInstructionError,
)
from spl.token.constants import TOKEN_PROGRAM_ID


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8899", True),
        ("http://localhost:8899", True),
        ("http://[::1]:8899", True),
        ("http://127.3.2.1", True),
        ("https://api.devnet.solana.com", False),
        ("http://10.0.0.1:8899", False),
        ("http://127.0.0.1.evil.example", False),
        ("not a url", False),
    ],
)
def test_is_local_url(url: str, local: bool) -> None:
    assert is_local_url(url) is local


def test_spl_token_error_from_logs_is_named_with_a_hint() -> None:
    logs = [
        f"Program {PROGRAM_ID} invoke [1]",
        f"Program {TOKEN_PROGRAM_ID} invoke [2]",
        "Program log: Error: insufficient funds",
        f"Program {TOKEN_PROGRAM_ID} failed: custom program error: 0x1",
        f"Program {PROGRAM_ID} failed: custom program error: 0x1",
    ]
    err = TransactionErrorInstructionError(0, InstructionErrorCustom(1))
    mapped = errors.parse_error(RpcSimulateTransactionResult(err=err, logs=logs))
    assert isinstance(mapped, errors.SplTokenError)
    assert mapped.name == "InsufficientFunds" and mapped.code == 1
    assert "SPL Token InsufficientFunds (1)" in str(mapped)
    assert "wallet airdrop" in mapped.hint


def test_token_program_decides_without_logs() -> None:
    err = TransactionErrorInstructionError(1, InstructionErrorCustom(4))
    sim = RpcSimulateTransactionResult(err=err, logs=None)
    mapped = errors.parse_error(sim, instruction_programs=[PROGRAM_ID, TOKEN_PROGRAM_ID])
    assert isinstance(mapped, errors.SplTokenError) and mapped.name == "OwnerMismatch"
    # A code the token program does not have stays an unnamed custom error.
    unknown = errors.parse_error(
        RpcSimulateTransactionResult(
            err=TransactionErrorInstructionError(1, InstructionErrorCustom(99))
        ),
        instruction_programs=[PROGRAM_ID, TOKEN_PROGRAM_ID],
    )
    assert type(unknown) is errors.TransactionError and "custom program error 99" in str(unknown)
    assert len(SPL_TOKEN_ERRORS) == 20


@pytest.mark.parametrize(
    ("err", "name", "words"),
    [
        (TransactionErrorFieldless.AccountNotFound, "AccountNotFound", "no SOL"),
        (
            TransactionErrorFieldless.InvalidProgramForExecution,
            "InvalidProgramForExecution",
            "not an executable",
        ),
        (
            TransactionErrorFieldless.InsufficientFundsForFee,
            "InsufficientFundsForFee",
            "too little SOL",
        ),
        (
            TransactionErrorInstructionError(2, InstructionErrorFieldless.MissingRequiredSignature),
            "MissingRequiredSignature",
            "must sign",
        ),
    ],
)
def test_runtime_errors_are_named(err: object, name: str, words: str) -> None:
    mapped = errors.error_from_transaction_error(err)
    assert isinstance(mapped, errors.TransactionError)
    assert mapped.name == name and name in str(mapped) and words in str(mapped)
    assert mapped.hint


def test_describe_error_json_for_keeper_logs() -> None:
    no_fill = json.loads('{"InstructionError": [1, {"Custom": 6032}]}')
    line = errors.describe_error_json(no_fill, [None, PROGRAM_ID])
    assert line.startswith("instruction 1: NoFill (6032): The market order found no liquidity")
    assert "limit order" in line
    token = errors.describe_error_json(
        no_fill | {"InstructionError": [0, {"Custom": 1}]}, [TOKEN_PROGRAM_ID]
    )
    assert "SPL Token InsufficientFunds (1)" in token
    other = errors.describe_error_json(
        {"InstructionError": [0, {"Custom": 6032}]}, [Pubkey.default()]
    )
    assert other == "instruction 0: custom program error 6032 (0x1790)"
    assert errors.describe_error_json("AccountNotFound").startswith(
        "AccountNotFound: The fee payer"
    )
    assert errors.describe_error_json({"InstructionError": [0, "MissingRequiredSignature"]}) == (
        "instruction 0: MissingRequiredSignature: An account that must sign did not. "
        "Sign with its keypair (--keypair)."
    )
