"""kairos.events: typed events from transaction logs."""

from __future__ import annotations

import base64

from kairos.events import (
    Deposited,
    HealthComputed,
    OrderPlaced,
    events_of_type,
    parse_events,
)
from kairos.program import PROGRAM_ID
from solders.compute_budget import ID as COMPUTE_BUDGET_ID
from solders.pubkey import Pubkey

TOKEN = Pubkey.from_string("TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA")


def data_line(payload: bytes) -> str:
    return "Program data: " + base64.b64encode(payload).decode()


def test_parse_events_from_a_realistic_log() -> None:
    account, asset = Pubkey.new_unique(), Pubkey.new_unique()
    deposited = Deposited(account, asset, 5, -7, 5, 1_000)
    placed = OrderPlaced(account, asset, 1, 2, 0, 1, 100, 10, 4, 400, 0, 1)
    health = HealthComputed(account, -(2**63), 2**63 - 1)
    logs = [
        f"Program {COMPUTE_BUDGET_ID} invoke [1]",
        f"Program {COMPUTE_BUDGET_ID} success",
        f"Program {PROGRAM_ID} invoke [1]",
        "Program log: Instruction: Deposit",
        f"Program {TOKEN} invoke [2]",
        # Another program's data line, even one that decodes as a Kairos event, is not ours.
        data_line(deposited.encode()),
        f"Program {TOKEN} consumed 4645 of 190000 compute units",
        f"Program {TOKEN} success",
        data_line(deposited.encode()),
        "Program log: 0x1781, 0x0, 0x0, 0x0, 0x0",
        "Program log: QUJDRA==",
        data_line(b"\x01\x02"),  # too short to be an event
        data_line(b"\xff" * 16),  # unknown discriminator
        f"Program {PROGRAM_ID} consumed 12000 of 200000 compute units",
        f"Program {PROGRAM_ID} success",
        f"Program {PROGRAM_ID} invoke [1]",
        data_line(placed.encode()),
        data_line(health.encode()),
        f"Program {PROGRAM_ID} success",
    ]
    events = parse_events(logs)
    assert events == [deposited, placed, health]
    assert events_of_type(events, OrderPlaced) == [placed]


def test_no_logs_no_events() -> None:
    assert parse_events([]) == []
    assert parse_events([f"Program {TOKEN} invoke [1]", f"Program {TOKEN} success"]) == []


def test_other_program_id() -> None:
    other = Pubkey.new_unique()
    event = HealthComputed(Pubkey.new_unique(), 1, 2)
    logs = [f"Program {other} invoke [1]", data_line(event.encode()), f"Program {other} success"]
    assert parse_events(logs) == []
    assert parse_events(logs, other) == [event]
