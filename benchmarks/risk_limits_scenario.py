"""Issue 16's localnet scenario: a trader hits every risk limit in turn (a printed table).

Starts the embedded localnet (400 ms slots) with the auction demo's exchange and runs
:func:`kairos_keepers.testing.risk_scenario.run_scenario`: six orders refused by their
limit's own error, then the daily-loss and drawdown breaches recorded by the ``risk``
keeper's breach scan (``RiskLimitBreached`` read back from the chain), with reduce-only
refusing an order in between.

    python benchmarks/risk_limits_scenario.py
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kairos_keepers.testing.auction_demo import set_up_exchange  # noqa: E402
from kairos_keepers.testing.risk_scenario import ScenarioResult, run_scenario  # noqa: E402
from kairos_localnet.testing import start_cluster  # noqa: E402
from kairos_toolchain.build import build_program  # noqa: E402
from solders.keypair import Keypair  # noqa: E402

SLOT_MS = 400


def main() -> None:
    """Run the scenario and print its steps."""
    program = build_program(ROOT).read_bytes()
    keypair_file = ROOT / "programs" / "kairos" / "kairos-keypair.json"
    keypair = Keypair.from_bytes(bytes(json.loads(keypair_file.read_text())))
    with start_cluster([(keypair, program)], slot_ms=SLOT_MS) as cluster:

        async def run() -> ScenarioResult:
            exchange = await set_up_exchange(cluster.rpc_url, cluster.ws_url)
            return await run_scenario(exchange)

        result = asyncio.run(run())
    width = max(len(step.limit) for step in result.steps)
    action_width = max(len(step.action) for step in result.steps)
    print(f"{'limit':<{width}}  {'action':<{action_width}}  outcome")
    print("-" * (width + action_width + 40))
    for step in result.steps:
        detail = f" ({step.detail})" if step.detail else ""
        print(f"{step.limit:<{width}}  {step.action:<{action_width}}  {step.outcome}{detail}")
    print(f"\n{len(result.breaches)} RiskLimitBreached events; {result.seconds:.1f} s")


if __name__ == "__main__":
    main()
