"""Kairos errors as named Python exceptions.

A failed Kairos instruction ends in a custom program error: codes from 6000 are the
program's own (names and messages from the IDL), lower codes are Anchor's framework
codes that the program uses for account checks (3010 AccountNotSigner, 2006
ConstraintSeeds, ...). :func:`parse_error` turns whatever solana-py, solders or
LiteSVM reported (an ``RPCException`` from a preflight, a simulation result, a
transaction status error, a LiteSVM ``FailedTransactionMetadata``) into one of these
classes, so callers can write ``except kairos.errors.InsufficientHealth``.

The classes are declared here so that type checkers and readers see them; their
messages come from the IDL (and from AnchorPy's table for framework codes), and a
test checks that every IDL error has its class with the same code.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, ClassVar, NoReturn

from anchorpy.error import LangErrorMessage, _LangErrorCode
from solana.rpc.core import RPCException
from solders.pubkey import Pubkey
from solders.rpc.errors import SendTransactionPreflightFailureMessage
from solders.rpc.responses import RpcSimulateTransactionResult
from solders.transaction_metadata import FailedTransactionMetadata
from solders.transaction_status import InstructionErrorCustom, TransactionErrorInstructionError
from spl.token.constants import TOKEN_PROGRAM_ID

from kairos.error_hints import RUNTIME_ERRORS, SPL_TOKEN_ERRORS, program_hint
from kairos.program import PROGRAM_ID, idl_json


class KairosError(Exception):
    """Base class of every error the SDK raises about a transaction.

    ``hint`` says what the user can do about it ("" when nothing specific).
    """

    def __init__(self, message: str, *, logs: Sequence[str] | None = None, hint: str = "") -> None:
        self.logs: list[str] = list(logs or [])
        self._hint = hint
        super().__init__(message)

    @property
    def hint(self) -> str:
        """What to do about the error ("" when nothing specific is known)."""
        return self._hint


class TransactionError(KairosError):
    """A transaction failed for a reason other than a Kairos error code.

    For example another program's error (an SPL token transfer without funds), a
    runtime error (missing account, insufficient lamports), or an expired blockhash.
    ``error`` is the raw error object as solana-py / solders reported it; ``name``
    the runtime's name for it (``AccountNotFound``...) when known.
    """

    def __init__(
        self,
        message: str,
        *,
        error: Any = None,
        logs: Sequence[str] | None = None,
        name: str = "",
        hint: str = "",
    ) -> None:
        self.error = error
        self.name = name
        super().__init__(message, logs=logs, hint=hint)


class SplTokenError(TransactionError):
    """A custom error of the SPL Token program (``code`` is its TokenError number)."""

    def __init__(
        self,
        code: int,
        *,
        error: Any = None,
        logs: Sequence[str] | None = None,
        instruction_index: int | None = None,
    ) -> None:
        name, message, hint = SPL_TOKEN_ERRORS.get(code, (f"TokenError{code}", "", ""))
        self.code = code
        self.instruction_index = instruction_index
        super().__init__(
            f"SPL Token {name} ({code}): {message or 'unknown token error'}",
            error=error,
            logs=logs,
            name=name,
            hint=hint,
        )


class ProgramError(KairosError):
    """An error code of the Kairos program (its own or an Anchor framework code)."""

    code: ClassVar[int] = -1
    default_message: ClassVar[str] = ""

    def __init__(
        self,
        message: str | None = None,
        *,
        logs: Sequence[str] | None = None,
        instruction_index: int | None = None,
    ) -> None:
        self.message = message or self.default_message
        self.instruction_index = instruction_index
        super().__init__(f"{self.name} ({self.code}): {self.message}", logs=logs)

    @property
    def name(self) -> str:
        """The error's name as the program and the IDL spell it."""
        return type(self).__name__

    @property
    def hint(self) -> str:
        """What the user can do about this error (kairos.error_hints)."""
        return program_hint(self.name)


class KairosProgramError(ProgramError):
    """A Kairos program error (custom code >= 6000, declared in the IDL)."""


class AnchorFrameworkError(ProgramError):
    """An Anchor framework error code (account checks, instruction decoding)."""


# --- Kairos program errors (codes and messages: idl/kairos.json "errors") ---------


class MathOverflow(KairosProgramError):
    """Arithmetic overflow."""

    code = 6000


class InvalidMint(KairosProgramError):
    """The account is not an SPL token mint."""

    code = 6001


class InstructionHalted(KairosProgramError):
    """The instruction is halted by the exchange's instruction gate."""

    code = 6002


class Unauthorized(KairosProgramError):
    """The signer is not the authority of this account."""

    code = 6003


class InvalidArgument(KairosProgramError):
    """An instruction argument is out of range."""

    code = 6004


class InvalidOracle(KairosProgramError):
    """The oracle account is not a Kairos oracle."""

    code = 6005


class StaleOracle(KairosProgramError):
    """The oracle price is stale."""

    code = 6006


class OracleConfidenceTooWide(KairosProgramError):
    """The oracle confidence interval is too wide."""

    code = 6007


class InvalidOraclePrice(KairosProgramError):
    """The oracle price must be positive."""

    code = 6008


class OracleMismatch(KairosProgramError):
    """The oracle does not belong to this asset or market."""

    code = 6009


class CollateralAssetLimit(KairosProgramError):
    """The exchange has the maximum number of collateral assets."""

    code = 6010


class PerpMarketLimit(KairosProgramError):
    """The exchange has the maximum number of perp markets."""

    code = 6011


class DepositCapExceeded(KairosProgramError):
    """The deposit would exceed the asset's deposit cap."""

    code = 6012


class CollateralPositionLimit(KairosProgramError):
    """The margin account holds the maximum number of collateral assets."""

    code = 6013


class PerpPositionLimit(KairosProgramError):
    """The margin account holds the maximum number of perp positions."""

    code = 6014


class OpenOrderLimit(KairosProgramError):
    """The margin account has the maximum number of open orders."""

    code = 6015


class InsufficientBalance(KairosProgramError):
    """The margin account balance is too low."""

    code = 6016


class InsufficientHealth(KairosProgramError):
    """Initial health would be negative after this instruction."""

    code = 6017


class InsufficientVaultLiquidity(KairosProgramError):
    """The vault does not hold enough tokens."""

    code = 6018


class PriceNotOnTick(KairosProgramError):
    """The price is zero or not a multiple of the market's tick size."""

    code = 6019


class OrderTooSmall(KairosProgramError):
    """The order is below the market's minimum size."""

    code = 6020


class BookFull(KairosProgramError):
    """The order book side is full."""

    code = 6021


class EventQueueFull(KairosProgramError):
    """The event queue is full; run consume_events."""

    code = 6022


class OrderNotFound(KairosProgramError):
    """No such open order."""

    code = 6023


class OpenInterestCapExceeded(KairosProgramError):
    """The fill would exceed the market's open interest cap."""

    code = 6024


class MarketMismatch(KairosProgramError):
    """The account does not belong to this market."""

    code = 6025


class AssetMismatch(KairosProgramError):
    """The vault or mint does not belong to this collateral asset."""

    code = 6026


class HealthAccountsMismatch(KairosProgramError):
    """The health accounts do not match the margin account's positions."""

    code = 6027


class AccountNotEmpty(KairosProgramError):
    """The margin account still has balances, positions or open orders."""

    code = 6028


class MakerAccountMissing(KairosProgramError):
    """The maker account of the next event was not passed."""

    code = 6029


class InvalidWeights(KairosProgramError):
    """Weights or margin ratios are out of order or range."""

    code = 6030


class InvalidFees(KairosProgramError):
    """Fees are out of range (taker + maker fee must not be negative)."""

    code = 6031


class NoFill(KairosProgramError):
    """The market order found no liquidity within its worst price."""

    code = 6032


class AccountBeingLiquidated(KairosProgramError):
    """The margin account is being liquidated."""

    code = 6033


# --- Liquidation errors (issue 5; docs/ARCHITECTURE.md, "Liquidation") ---


class NotLiquidatable(KairosProgramError):
    """The account is not liquidatable (maintenance health >= 0 and not being liquidated)."""

    code = 6044


class OpenOrdersRemain(KairosProgramError):
    """Cancel the account's open orders first (force_cancel_orders)."""

    code = 6045


class NothingToLiquidate(KairosProgramError):
    """Nothing to liquidate in this position or asset."""

    code = 6046


class NotBankrupt(KairosProgramError):
    """The account still holds collateral, positions or orders, or owes nothing."""

    code = 6047


class SelfLiquidation(KairosProgramError):
    """An account cannot liquidate itself."""

    code = 6048


class InvalidLiquidationParams(KairosProgramError):
    """Liquidation fee, discount or buffer out of range."""

    code = 6049


# --- JIT liquidity auction errors (issue 6) ---


class AuctionDurationOutOfRange(KairosProgramError):
    """The auction duration must be 1..=MAX_AUCTION_DURATION_SLOTS slots."""

    code = 6034


class AuctionBiddingClosed(KairosProgramError):
    """The auction's deadline has passed: bids are closed."""

    code = 6035


class AuctionNotEnded(KairosProgramError):
    """The auction's deadline has not passed (only the taker may accept early)."""

    code = 6036


class BidOutsideLimit(KairosProgramError):
    """The bid's price is worse than the taker's limit price."""

    code = 6037


class BidAlreadyExists(KairosProgramError):
    """The provider already has a bid in the auction (improve it instead)."""

    code = 6038


class BidNotFound(KairosProgramError):
    """The provider has no bid in the auction."""

    code = 6039


class BidNotImproved(KairosProgramError):
    """An improved bid must not be worse in price or size, and better in one."""

    code = 6040


class AuctionFull(KairosProgramError):
    """The auction is full and the bid does not outrank the worst bid."""

    code = 6041


class SelfBid(KairosProgramError):
    """The taker cannot bid in its own auction."""

    code = 6042


class AuctionProviderMismatch(KairosProgramError):
    """The settlement's provider accounts do not match the winning bids."""

    code = 6043


class NotDue(KairosProgramError):
    """The next TWAP slice or scheduled run is not due yet."""

    code = 6060


class AlreadyExecuted(KairosProgramError):
    """The TWAP slice or scheduled run was already executed or skipped."""

    code = 6061


class OrderPaused(KairosProgramError):
    """The TWAP order is paused."""

    code = 6062


class OrderFinished(KairosProgramError):
    """The TWAP or scheduled order has no runs left."""

    code = 6063


class InvalidCronExpression(KairosProgramError):
    """The cron expression is malformed or never fires."""

    code = 6064


class InvalidSchedule(KairosProgramError):
    """The schedule's times, counts or limits are inconsistent."""

    code = 6065


class MarginAccountMismatch(KairosProgramError):
    """The margin account is not the order's."""

    code = 6066


class AuctionNotExpired(KairosProgramError):
    """The auction can be expired only after its deadline plus the grace period, or while its taker is being liquidated."""  # noqa: E501

    code = 6068


class RiskParametersStale(KairosProgramError):
    """The risk parameters are missing, unpublished or stale."""

    code = 6075


class RiskParametersInvalid(KairosProgramError):
    """Risk parameters out of range, asymmetric, or with a non-unit diagonal."""

    code = 6076


class CorrelationNotPositiveSemiDefinite(KairosProgramError):
    """The correlation matrix is not positive semi-definite (within the tolerance)."""

    code = 6077


class RiskPublisherUnauthorized(KairosProgramError):
    """Only the admin or the authorised risk publisher may publish risk parameters."""

    code = 6078


class RiskLimitsInvalid(KairosProgramError):
    """A risk limit is out of range."""

    code = 6079


class RiskLimitAboveCap(KairosProgramError):
    """A risk limit is looser than the exchange's cap."""

    code = 6080


class RiskDelegateUnauthorized(KairosProgramError):
    """Only the margin account's owner or its risk delegate may do this."""

    code = 6081


class RiskAccountsMissing(KairosProgramError):
    """The margin account has risk limits: its risk accounts must follow the health ones."""

    code = 6082


class RiskAccountsMismatch(KairosProgramError):
    """The RiskLimits or RiskParameters is not this margin account's / exchange's."""

    code = 6083


class RiskFactorMissing(KairosProgramError):
    """A position's oracle is not a published risk factor."""

    code = 6084


class RiskReduceOnly(KairosProgramError):
    """The account is reduce-only after a daily-loss or drawdown breach."""

    code = 6085


class RiskCooldownActive(KairosProgramError):
    """The cooldown has not passed yet."""

    code = 6086


class RiskLeverageLimit(KairosProgramError):
    """Risk limit breached: leverage."""

    code = 6087


class RiskPositionLimit(KairosProgramError):
    """Risk limit breached: position notional as a share of equity."""

    code = 6088


class RiskConcentrationLimit(KairosProgramError):
    """Risk limit breached: concentration in one asset."""

    code = 6089


class RiskDailyLossLimit(KairosProgramError):
    """Risk limit breached: daily loss."""

    code = 6090


class RiskDrawdownLimit(KairosProgramError):
    """Risk limit breached: drawdown from the high-water mark."""

    code = 6091


class RiskVarLimit(KairosProgramError):
    """Risk limit breached: 1-day 99% value at risk."""

    code = 6092


class RiskCorrelatedExposureLimit(KairosProgramError):
    """Risk limit breached: correlation-weighted exposure."""

    code = 6093


class RiskLiquidityLimit(KairosProgramError):
    """Risk limit breached: the order takes too much of the book depth near the oracle."""

    code = 6094


class RebalancePolicyInvalid(KairosProgramError):
    """The rebalancing policy is invalid (members, bands, asset mask, minimum health)."""

    code = 6095


class RebalanceNotAllowed(KairosProgramError):
    """The move is outside the rebalancing policy."""

    code = 6096


class RebalanceHealthTooLow(KairosProgramError):
    """The move would leave an account below its policy's minimum health."""

    code = 6097


class RiskLimitedAuctionProvider(KairosProgramError):
    """An account with risk limits cannot bid in auctions."""

    code = 6098


# --- Anchor framework errors the program uses (programs/kairos/src/anchor/errors.h) --


class InstructionMissing(AnchorFrameworkError):
    """8 byte instruction identifier not provided."""

    code = 100


class InstructionFallbackNotFound(AnchorFrameworkError):
    """Unknown instruction discriminator (also what a not-yet-built instruction returns)."""

    code = 101


class InstructionDidNotDeserialize(AnchorFrameworkError):
    """The instruction data has the wrong size or content."""

    code = 102


class ConstraintMut(AnchorFrameworkError):
    """An account that must be writable is not."""

    code = 2000


class ConstraintHasOne(AnchorFrameworkError):
    """An account does not match the link stored in another account."""

    code = 2001


class ConstraintSigner(AnchorFrameworkError):
    """A signer constraint was violated."""

    code = 2002


class ConstraintOwner(AnchorFrameworkError):
    """An owner constraint was violated."""

    code = 2004


class ConstraintRentExempt(AnchorFrameworkError):
    """An account is not rent exempt."""

    code = 2005


class ConstraintSeeds(AnchorFrameworkError):
    """An account is not the expected PDA."""

    code = 2006


class ConstraintAddress(AnchorFrameworkError):
    """An account is not at the expected address."""

    code = 2012


class ConstraintZero(AnchorFrameworkError):
    """An account that must be zeroed (order book, event queue) is not."""

    code = 2013


class ConstraintTokenMint(AnchorFrameworkError):
    """A token account has the wrong mint."""

    code = 2014


class ConstraintTokenOwner(AnchorFrameworkError):
    """A token account has the wrong owner."""

    code = 2015


class AccountDiscriminatorAlreadySet(AnchorFrameworkError):
    """The account is already initialized."""

    code = 3000


class AccountDiscriminatorNotFound(AnchorFrameworkError):
    """The account has no discriminator."""

    code = 3001


class AccountDiscriminatorMismatch(AnchorFrameworkError):
    """The account is of another type."""

    code = 3002


class AccountDidNotDeserialize(AnchorFrameworkError):
    """The account data has the wrong size."""

    code = 3003


class AccountNotEnoughKeys(AnchorFrameworkError):
    """Not enough accounts were passed."""

    code = 3005


class AccountNotMutable(AnchorFrameworkError):
    """The given account is not mutable."""

    code = 3006


class AccountOwnedByWrongProgram(AnchorFrameworkError):
    """The account is owned by another program."""

    code = 3007


class InvalidProgramId(AnchorFrameworkError):
    """A program account is not the expected program."""

    code = 3008


class InvalidProgramExecutable(AnchorFrameworkError):
    """A program account is not executable."""

    code = 3009


class AccountNotSigner(AnchorFrameworkError):
    """An account that must sign did not."""

    code = 3010


class AccountNotSystemOwned(AnchorFrameworkError):
    """The account is not owned by the system program."""

    code = 3011


class AccountNotInitialized(AnchorFrameworkError):
    """The account is not initialized."""

    code = 3012


class AccountSysvarMismatch(AnchorFrameworkError):
    """The account is not the expected sysvar."""

    code = 3015


ERRORS_BY_CODE: dict[int, type[ProgramError]] = {}
"""Every known error class by code: the IDL's errors and all of Anchor's framework codes."""


def _register() -> None:
    declared = {
        cls.__name__: cls
        for cls in list(globals().values())
        if isinstance(cls, type)
        and issubclass(cls, ProgramError)
        and cls not in (ProgramError, KairosProgramError, AnchorFrameworkError)
    }
    for entry in idl_json()["errors"]:
        code, name, message = int(entry["code"]), entry["name"], entry.get("msg", "")
        cls = declared.get(name)
        if cls is None or cls.code != code:
            # An error added to the IDL after this module was written still gets a
            # named class (reachable through error_class / ERRORS_BY_CODE).
            cls = type(name, (KairosProgramError,), {"code": code, "__doc__": message})
            globals().setdefault(name, cls)
        cls.default_message = message
        ERRORS_BY_CODE[code] = cls
    for lang in _LangErrorCode:
        cls = declared.get(lang.name)
        if cls is None or cls.code != int(lang):
            cls = type(lang.name, (AnchorFrameworkError,), {"code": int(lang)})
            globals().setdefault(lang.name, cls)
        cls.default_message = LangErrorMessage.get(lang, lang.name)
        ERRORS_BY_CODE[int(lang)] = cls


_register()


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
