"""The SDK's exception classes that are not generated: the bases of every error it raises.

:mod:`kairos.abi.errors` (generated from the IDL) derives one class per program error
from :class:`KairosProgramError` and one per Anchor framework code from
:class:`AnchorFrameworkError`; :mod:`kairos.errors` re-exports all of them with the
functions that map a failed transaction to one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from kairos.error_hints import SPL_TOKEN_ERRORS, program_hint


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
