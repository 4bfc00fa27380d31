"""README's first command: the scripted demo runs to the end on the embedded localnet."""

from __future__ import annotations

import io
from pathlib import Path

from kairos_cli.demo import demo_console, run_demo

ROOT = Path(__file__).resolve().parents[3]


async def test_demo_runs_and_its_checks_pass() -> None:
    output = io.StringIO()
    await run_demo(ROOT, console=demo_console(output))
    text = output.getvalue()
    # Issue 13: a sentence is one line, so none ends in a dangling colon.
    dangling = [line for line in text.splitlines() if line.rstrip().endswith(":")]
    assert not dangling, dangling
    # The demo raises on any failed check; these lines prove each stage happened.
    assert "InsufficientHealth (6017)" in text
    assert "SDK agrees" in text and "DIFFERS" not in text
    assert text.count("✓") >= 6
    assert "demo finished" in text
    # Issue 5 in the main job: borrow interest equal to the SDK's, a keeper liquidation.
    assert "to the insurance fund = SDK" in text
    # Since issue 14 the keeper liquidates in one transaction (liquidate_account).
    assert "the liquidator keeper landed liquidate_account" in text and "flag cleared" in text
    # Risk limits: an order within them lands, one past the leverage limit is refused.
    assert "within both limits: placed" in text and "RiskLeverageLimit (6087)" in text
    assert "compute_risk: metrics and headroom" in text
