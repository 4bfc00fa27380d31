"""Kairos events parsed from transaction logs, as typed dataclasses.

The program emits each event as ``sol_log_data(sha256("event:<Name>")[:8] ‖
borsh(fields))``, which the runtime logs as a ``Program data:`` line. The event classes
are generated from the IDL (:mod:`kairos.abi.events`, re-exported here); AnchorPy's
``EventParser`` tracks which program is executing (so another program's data lines are
ignored) and this module decodes Kairos's own lines with the generated classes.
"""

from __future__ import annotations

import binascii
from base64 import b64decode
from collections.abc import Sequence
from typing import Any, TypeVar, cast

from anchorpy.program.common import Event
from anchorpy.program.event import EventParser
from solders.pubkey import Pubkey

from kairos.abi.constants import PROGRAM_ID
from kairos.abi.events import *  # noqa: F403 - the generated classes are this module's API
from kairos.abi.events import EVENT_TYPES as EVENT_TYPES
from kairos.abi_runtime import AbiDecodeError
from kairos.abi_runtime import KairosEvent as KairosEvent

_PROGRAM_DATA = "Program data: "

E = TypeVar("E", bound=KairosEvent)

EVENTS_BY_DISCRIMINATOR: dict[bytes, type[KairosEvent]] = {
    cls.DISCRIMINATOR: cls for cls in EVENT_TYPES.values()
}
"""Event classes by their 8-byte discriminator."""


def decode_event(data: bytes) -> KairosEvent | None:
    """Decode one ``sol_log_data`` payload; None if it is not a Kairos event of the IDL.

    Raises :class:`kairos.abi_runtime.AbiDecodeError` when the discriminator is known
    but the size is not the event's.
    """
    cls = EVENTS_BY_DISCRIMINATOR.get(bytes(data[:8]))
    return None if cls is None else cls.decode(data)


class _DataLineParser(EventParser):
    """AnchorPy's program-stack tracking, decoding only ``Program data:`` lines.

    Anchor's own parser also tries every ``Program log:`` line as base64, which can
    decode a plain text log (``0x1771, 0x0``) into garbage; Kairos emits events only
    through ``sol_log_data``.
    """

    def handle_program_log(self, log: str) -> tuple[Event | None, str | None, bool]:
        if log.startswith(_PROGRAM_DATA):
            try:
                event = decode_event(b64decode(log[len(_PROGRAM_DATA) :], validate=True))
            except (binascii.Error, AbiDecodeError):
                return None, None, False
            return (None if event is None else Event(event.IDL_NAME, event)), None, False
        if log.startswith("Program log: "):
            return None, None, False
        return (None, *self.handle_system_log(log))


def parse_events(logs: Sequence[str], program_id: Pubkey = PROGRAM_ID) -> list[KairosEvent]:
    """Every Kairos event in a transaction's logs, in emission order."""
    if not logs:
        return []
    raw: list[Event] = []
    # The coder is AnchorPy's; this parser decodes with the generated classes instead.
    _DataLineParser(program_id, cast(Any, None)).parse_logs(list(logs), raw.append)
    return [cast(KairosEvent, event.data) for event in raw]


def events_of_type(events: Sequence[KairosEvent], cls: type[E]) -> list[E]:
    """The events of one class (``events_of_type(events, OrderPlaced)``)."""
    return [event for event in events if isinstance(event, cls)]
