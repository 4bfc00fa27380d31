"""Kairos errors as named Python exceptions.

A failed Kairos instruction ends in a custom program error: codes from 6000 are the
program's own, lower codes are Anchor's framework codes that the program uses for account
checks (3010 AccountNotSigner, 2006 ConstraintSeeds, ...). One class per code is generated
from the IDL (and Anchor's table) into :mod:`kairos.abi.errors` and re-exported here, under
the hand-written bases of :mod:`kairos.exceptions`. :func:`parse_error` turns whatever
solana-py, solders or LiteSVM reported (an ``RPCException`` from a preflight, a simulation
result, a transaction status error, a LiteSVM ``FailedTransactionMetadata``) into one of
these classes, so callers can write ``except kairos.errors.InsufficientHealth``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NoReturn

from solana.rpc.core import RPCException
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.rpc.responses import RpcSimulateTransactionResult
from solders.transaction_metadata import FailedTransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from spl.token.constants import TOKEN_PROGRAM_ID

from kairos.abi.constants import PROGRAM_ID
from kairos.abi.errors import *  # noqa: F403 - the generated classes are this module's API
from kairos.abi.errors import ERRORS_BY_CODE as ERRORS_BY_CODE
from kairos.error_hints import RUNTIME_ERRORS, SPL_TOKEN_ERRORS, program_hint
from kairos.exceptions import AnchorFrameworkError as AnchorFrameworkError
from kairos.exceptions import KairosError as KairosError
from kairos.exceptions import KairosProgramError as KairosProgramError
from kairos.exceptions import ProgramError as ProgramError
from kairos.exceptions import SplTokenError as SplTokenError
from kairos.exceptions import TransactionError as TransactionError


def error_class(code: int) -> type[ProgramError] | None:
    """The exception class of a program error code, or None if the code is unknown."""
    return ERRORS_BY_CODE.get(code)


def error_from_code(
    code: int, *, logs: Sequence[str] | None = None, instruction_index: int | None = None
) -> ProgramError | None:
    """An exception instance for a program error code, or None if the code is unknown."""
    cls = error_class(code)
    return None if cls is None else cls(logs=logs, instruction_index=instruction_index)


_FAILED_RE = re.compile(r"^Program (\w+) failed: (.*)$")


def _failing_program(logs: Sequence[str]) -> tuple[str, str] | None:
    # The first "failed" line names the program that raised the error; callers up
    # the CPI stack repeat the same error in their own "failed" lines after it.
    for line in logs:
        match = _FAILED_RE.match(line)
        if match is not None:
            return match.group(1), match.group(2)
    return None


def error_from_transaction_error(
    err: Any,
    logs: Sequence[str] | None = None,
    *,
    program_id: Pubkey = PROGRAM_ID,
    instruction_programs: Sequence[Pubkey] | None = None,
) -> KairosError:
    """Map a transaction error (a solders ``TransactionErrorType``) to an exception.

    ``instruction_programs`` (the program id of each top-level instruction, when the
    caller built the transaction) decides whose custom code it is when the logs do
    not say; with neither, a custom code is taken to be Kairos's.
    """
    log_list = list(logs or [])
    if isinstance(err, TransactionErrorInstructionError) and isinstance(
        err.err, InstructionErrorCustom
    ):
        code = err.err.code
        failing = _failing_program(log_list)
        if failing is not None:
            ours = failing[0] == str(program_id)
        elif instruction_programs is not None and err.index < len(instruction_programs):
            ours = instruction_programs[err.index] == program_id
        else:
            ours = True
        if ours:
            mapped = error_from_code(code, logs=log_list, instruction_index=err.index)
            if mapped is not None:
                return mapped
        token_program = str(TOKEN_PROGRAM_ID)
        if code in SPL_TOKEN_ERRORS and (
            (failing is not None and failing[0] == token_program)
            or failing is None
            and instruction_programs is not None
            and err.index < len(instruction_programs)
            and instruction_programs[err.index] == TOKEN_PROGRAM_ID
        ):
            return SplTokenError(code, error=err, logs=log_list, instruction_index=err.index)
        who = failing[0] if failing is not None else f"instruction {err.index}"
        return TransactionError(
            f"{who} failed: custom program error {code} ({code:#x})", error=err, logs=log_list
        )
    if isinstance(err, TransactionErrorInstructionError):
        name = _variant_name(err.err)
        message, hint = RUNTIME_ERRORS.get(name, ("", ""))
        return TransactionError(
            f"instruction {err.index} failed: {name}" + (f": {message}" if message else ""),
            error=err,
            logs=log_list,
            name=name,
            hint=hint,
        )
    name = _variant_name(err)
    message, hint = RUNTIME_ERRORS.get(name, ("", ""))
    return TransactionError(
        f"transaction failed: {name}" + (f": {message}" if message else ""),
        error=err,
        logs=log_list,
        name=name,
        hint=hint,
    )


def _variant_name(err: Any) -> str:
    # solders prints fieldless variants as "TransactionErrorFieldless.AccountNotFound";
    # the JSON-RPC form is the bare name. Variants with fields keep their repr.
    if isinstance(err, str):
        return err
    text = str(err)
    head = text.split("(", 1)[0]
    return head.rsplit(".", 1)[-1] if "." in head and "(" not in text else text


def describe_error_json(
    err: Any, programs: Sequence[Pubkey | None] = (), program_id: Pubkey = PROGRAM_ID
) -> str:
    """One line naming a transaction error in its JSON-RPC form, with what to do.

    ``err`` is the ``err`` of a simulation or a signature status
    (``{"InstructionError": [1, {"Custom": 6032}]}``, ``"AccountNotFound"``...);
    ``programs`` are the program ids of the transaction's instructions, which say
    whose custom code it is (without them a custom code is taken to be Kairos's).
    Used by keeper logs.
    """
    if isinstance(err, dict) and isinstance(err.get("InstructionError"), list):
        detail = err["InstructionError"]
        if len(detail) == 2:
            index, inner = detail
            program = programs[index] if isinstance(index, int) and index < len(programs) else None
            if isinstance(inner, dict) and isinstance(inner.get("Custom"), int):
                code = int(inner["Custom"])
                if program is None or program == program_id:
                    cls = error_class(code)
                    if cls is not None:
                        hint = program_hint(cls.__name__)
                        return f"instruction {index}: {cls.__name__} ({code}): " + _sentences(
                            cls.default_message, hint
                        )
                if program == TOKEN_PROGRAM_ID and code in SPL_TOKEN_ERRORS:
                    name, message, hint = SPL_TOKEN_ERRORS[code]
                    return f"instruction {index}: SPL Token {name} ({code}): " + _sentences(
                        message, hint
                    )
                return f"instruction {index}: custom program error {code} ({code:#x})"
            name = inner if isinstance(inner, str) else str(inner)
            message, hint = RUNTIME_ERRORS.get(name, ("", ""))
            return f"instruction {index}: {name}" + (
                f": {_sentences(message, hint)}" if message else ""
            )
    name = err if isinstance(err, str) else str(err)
    message, hint = RUNTIME_ERRORS.get(name, ("", ""))
    return name + (f": {_sentences(message, hint)}" if message else "")


def _sentences(message: str, hint: str) -> str:
    return message.rstrip(".") + "." + (f" {hint}" if hint else "")


def parse_error(
    error: object,
    *,
    program_id: Pubkey = PROGRAM_ID,
    instruction_programs: Sequence[Pubkey] | None = None,
) -> KairosError | None:
    """Turn a failure report into a :class:`KairosError`, or None if it is none of these.

    Accepts a solana-py ``RPCException`` (preflight failure or other RPC error), a
    simulation result (``RpcSimulateTransactionResult``) whose ``err`` is set, a
    LiteSVM ``FailedTransactionMetadata``, or a :class:`KairosError` (returned as is).
    """
    if isinstance(error, KairosError):
        return error
    if isinstance(error, RPCException):
        payload = error.args[0] if error.args else None
        if isinstance(payload, SendTransactionPreflightFailureMessage):
            mapped = parse_error(
                payload.data, program_id=program_id, instruction_programs=instruction_programs
            )
            if mapped is not None:
                return mapped
            return TransactionError(payload.message, error=payload, logs=payload.data.logs)
        message = getattr(payload, "message", None) or str(payload)
        return TransactionError(f"RPC error: {message}", error=payload)
    if isinstance(error, RpcSimulateTransactionResult):
        if error.err is None:
            return None
        return error_from_transaction_error(
            error.err,
            error.logs,
            program_id=program_id,
            instruction_programs=instruction_programs,
        )
    if isinstance(error, FailedTransactionMetadata):
        return error_from_transaction_error(
            error.err(),
            error.meta().logs(),
            program_id=program_id,
            instruction_programs=instruction_programs,
        )
    return None


def raise_for_error(
    error: BaseException,
    *,
    program_id: Pubkey = PROGRAM_ID,
    instruction_programs: Sequence[Pubkey] | None = None,
) -> NoReturn:
    """Raise the :class:`KairosError` that ``error`` reports, chained to it; else re-raise it.

    Use in an ``except RPCException as exc:`` block: ``raise_for_error(exc)``.
    """
    mapped = parse_error(error, program_id=program_id, instruction_programs=instruction_programs)
    if mapped is None or mapped is error:
        raise error
    raise mapped from error


def raise_for_simulation(
    result: RpcSimulateTransactionResult,
    *,
    program_id: Pubkey = PROGRAM_ID,
    instruction_programs: Sequence[Pubkey] | None = None,
) -> None:
    """Raise the :class:`KairosError` of a failed simulation; return if it succeeded."""
    mapped = parse_error(result, program_id=program_id, instruction_programs=instruction_programs)
    if mapped is not None:
        raise mapped
