"""Host tests of the on-chain cron evaluator (schedule/cron.c) against APScheduler.

schedule/cron.c is compiled with gcc and called through ctypes. The reference is
APScheduler's CronTrigger, with two adaptations: APScheduler numbers days of
week from Monday = 0 (cron: Sunday = 0, 7 also Sunday), so the reference is
given the explicit set of day names; and APScheduler ANDs the day-of-month and
day-of-week fields where cron (Vixie) ORs them when both are restricted, so the
reference is then the earlier of the two single-field triggers.
"""

from __future__ import annotations

import ctypes
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apscheduler.triggers.cron import CronTrigger
from kairos_toolchain.compiler import compile_host_shared

ROOT = Path(__file__).resolve().parents[4]
PROGRAM_SRC = ROOT / "programs" / "kairos" / "src"
FIELD_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]
DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
RANDOM_CASES = 1500


class CronSchedule(ctypes.Structure):
    """Mirror of schedule/cron.h's CronSchedule."""

    _fields_ = [
        ("minutes", ctypes.c_uint64),
        ("hours", ctypes.c_uint32),
        ("days_of_month", ctypes.c_uint32),
        ("months", ctypes.c_uint16),
        ("days_of_week", ctypes.c_uint8),
        ("flags", ctypes.c_uint8),
        ("padding", ctypes.c_uint8 * 4),
    ]


class CronLib:
    """cron_parse and cron_next_after with Python values."""

    def __init__(self, lib: ctypes.CDLL) -> None:
        self._parse = lib.cron_parse
        self._parse.argtypes = [ctypes.c_char_p, ctypes.c_uint64, ctypes.POINTER(CronSchedule)]
        self._parse.restype = ctypes.c_bool
        self._next = lib.cron_next_after
        self._next.argtypes = [
            ctypes.POINTER(CronSchedule),
            ctypes.c_uint64,
            ctypes.POINTER(ctypes.c_uint64),
        ]
        self._next.restype = ctypes.c_bool

    def parse(self, text: str) -> CronSchedule | None:
        schedule = CronSchedule()
        raw = text.encode()
        return schedule if self._parse(raw, len(raw), ctypes.byref(schedule)) else None

    def next_after(self, schedule: CronSchedule, after: int) -> int | None:
        out = ctypes.c_uint64()
        return out.value if self._next(ctypes.byref(schedule), after, ctypes.byref(out)) else None


@pytest.fixture(scope="module")
def cron(tmp_path_factory: pytest.TempPathFactory) -> CronLib:
    output = tmp_path_factory.mktemp("cron") / "libcron.so"
    compile_host_shared([PROGRAM_SRC / "schedule" / "cron.c"], output, [PROGRAM_SRC])
    return CronLib(ctypes.CDLL(str(output)))


# ---- reference ----


def expand_item(item: str, low: int, high: int) -> set[int]:
    """The values of one cron item (`*`, `N`, `N-M`, optional `/S`)."""
    base, _, step_text = item.partition("/")
    step = int(step_text) if step_text else 1
    if base == "*":
        first, last = low, high
    elif "-" in base:
        first, last = (int(part) for part in base.split("-"))
    else:
        first = int(base)
        last = high if step_text else first
    return set(range(first, last + 1, step))


def expand_field(field: str, low: int, high: int) -> set[int]:
    values: set[int] = set()
    for item in field.split(","):
        values |= expand_item(item, low, high)
    return values


def reference_next(expression: str, after: int) -> int:
    """The first matching minute strictly after `after`, per APScheduler."""
    fields = expression.split()
    sets = [expand_field(f, lo, hi) for f, (lo, hi) in zip(fields, FIELD_RANGES, strict=True)]
    days_of_week = {value % 7 for value in sets[4]}

    def trigger(day: str, day_of_week: str) -> CronTrigger:
        return CronTrigger(
            minute=",".join(map(str, sorted(sets[0]))),
            hour=",".join(map(str, sorted(sets[1]))),
            day=day,
            month=",".join(map(str, sorted(sets[3]))),
            day_of_week=day_of_week,
            second="0",
            timezone=UTC,
        )

    days = ",".join(map(str, sorted(sets[2])))
    weekdays = ",".join(DAY_NAMES[d] for d in sorted(days_of_week))
    start = datetime.fromtimestamp(after - after % 60 + 60, UTC)
    both_restricted = not fields[2].startswith("*") and not fields[4].startswith("*")
    if both_restricted:
        candidates = [trigger(days, "*"), trigger("*", weekdays)]
    else:
        candidates = [trigger(days, weekdays)]
    fires = [t.get_next_fire_time(None, start) for t in candidates]
    return int(min(f for f in fires if f is not None).timestamp())


def random_item(rng: random.Random, low: int, high: int) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        return "*"
    if kind == 1:
        return f"*/{rng.randint(1, high - low + 1)}"
    first = rng.randint(low, high)
    if kind == 2:
        return str(first)
    last = rng.randint(first, high)
    if kind == 3:
        return f"{first}-{last}"
    if kind == 4:
        return f"{first}-{last}/{rng.randint(1, 10)}"
    return f"{first}/{rng.randint(1, 15)}"


def random_field(rng: random.Random, low: int, high: int) -> str:
    if rng.random() < 0.35:
        return "*"
    return ",".join(random_item(rng, low, high) for _ in range(rng.randint(1, 3)))


def random_expression(rng: random.Random) -> str:
    return " ".join(random_field(rng, lo, hi) for lo, hi in FIELD_RANGES)


# ---- tests ----


def test_random_expressions_match_apscheduler(cron: CronLib) -> None:
    rng = random.Random(7)
    checked = 0
    while checked < RANDOM_CASES:
        expression = random_expression(rng)
        schedule = cron.parse(expression)
        if schedule is None:
            # Only unsatisfiable expressions (e.g. day 31 of 30-day months) are refused.
            assert expression.split()[2] not in ("*",), expression
            continue
        after = rng.randint(0, 4_102_444_800)  # 1970 .. 2100
        assert cron.next_after(schedule, after) == reference_next(expression, after), (
            expression,
            after,
        )
        checked += 1


@pytest.mark.parametrize(
    ("expression", "after", "expected"),
    [
        ("*/5 * * * *", 1_700_000_000, 1_700_000_100),  # 22:13:20 -> 22:15
        ("0 0 1 1 *", 1_700_000_000, 1_704_067_200),  # -> 2024-01-01
        ("0 0 29 2 *", 1_700_000_000, 1_709_164_800),  # -> 2024-02-29
        ("30 9 * * 1-5", 1_700_000_000, 1_700_040_600),  # Tue 22:13 -> Wed 09:30
        ("0 12 * * 7", 1_700_000_000, 1_700_395_200),  # Sunday as 7
        ("0 12 * * 0", 1_700_000_000, 1_700_395_200),  # Sunday as 0
    ],
)
def test_known_next_times(cron: CronLib, expression: str, after: int, expected: int) -> None:
    schedule = cron.parse(expression)
    assert schedule is not None
    assert cron.next_after(schedule, after) == expected
    assert reference_next(expression, after) == expected


def test_next_is_strictly_after_a_matching_minute(cron: CronLib) -> None:
    schedule = cron.parse("* * * * *")
    assert schedule is not None
    assert cron.next_after(schedule, 1_700_000_040) == 1_700_000_100
    assert cron.next_after(schedule, 1_700_000_100) == 1_700_000_160


@pytest.mark.parametrize(
    "expression",
    [
        "",
        "* * * *",
        "* * * * * *",
        "60 * * * *",
        "* 24 * * *",
        "* * 0 * *",
        "* * 32 * *",
        "* * * 13 *",
        "* * * * 8",
        "5-1 * * * *",
        "*/0 * * * *",
        "a * * * *",
        "1,,2 * * * *",
        "1- * * * *",
        "0 0 30 2 *",  # never fires
        "0 0 31 4,6,9,11 *",
        "* * * JAN *",
        "1000 * * * *",
    ],
)
def test_invalid_expressions_are_refused(cron: CronLib, expression: str) -> None:
    assert cron.parse(expression) is None


def test_spacing_and_nul_terminated_buffer(cron: CronLib) -> None:
    assert cron.parse("  0   12 * *   0  ") is not None
    schedule = CronSchedule()
    raw = b"0 12 * * 0\0garbage"
    assert cron._parse(raw, len(raw), ctypes.byref(schedule))
    assert schedule.minutes == 1 and schedule.hours == 1 << 12
    assert schedule.days_of_week == 1 and schedule.flags == 2
