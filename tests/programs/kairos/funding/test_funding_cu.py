"""Compute units of funding (issue 15): update_funding within its 6k budget, and the cost
funding adds to place_order within 500 CU, measured against the same program built
without funding's hooks (-DKAIROS_FUNDING_BASELINE) in the same run."""

from __future__ import annotations

from pathlib import Path

import pytest
from anchorpy import Program, Provider, Wallet
from kairos.program import PROGRAM_ID, load_idl
from kairos_localnet.svm import make_svm
from kairos_toolchain.build import program_sources, unity_source
from kairos_toolchain.compiler import compile_bpf
from kairos_toolchain.deploy import deploy_program
from kairos_toolchain.linker import link
from solana.rpc.async_api import AsyncClient
from solders.keypair import Keypair

from ..conftest import LAMPORTS_PER_SOL, ROOT, Chain, Kairos
from ..perp.conftest import ASK, BID, MARKET, Perp
from .conftest import HOUR, Funding

UPDATE_FUNDING_CU_BUDGET = 6_000
PLACE_ORDER_ADDED_CU_BUDGET = 500


def baseline_so(build_dir: Path) -> bytes:
    """The program without funding's hooks in the order and position paths."""
    src = ROOT / "programs" / "kairos" / "src"
    unity = build_dir / "kairos_baseline.c"
    unity.write_text(unity_source(ROOT, program_sources(ROOT)))
    obj = compile_bpf(unity, build_dir / "baseline.o", [src], {"KAIROS_FUNDING_BASELINE": 1})
    return link(obj.read_bytes())


def chain_with(so: bytes, program_keypair: Keypair) -> Chain:
    svm = make_svm()
    payer = Keypair()
    svm.airdrop(payer.pubkey(), 1_000 * LAMPORTS_PER_SOL)
    deploy_program(svm, payer, program_keypair, so)
    provider = Provider(AsyncClient("http://127.0.0.1:1"), Wallet(payer))
    return Chain(svm, payer, Program(load_idl(), PROGRAM_ID, provider))


def order_costs(chain: Chain) -> dict[str, int]:
    """CU of the same orders on a market whose funding runs (premium, positions, a roll)."""
    kairos = Kairos(chain)
    perp = Perp(kairos)
    funding = Funding(kairos, perp)
    market, _ = perp.create_market()
    maker, taker = perp.trader(10**9), perp.trader(10**9)
    funding.quote_book(market, maker, 99, 102, 50)
    perp.place(taker, market, BID, 102, 5, order_type=MARKET)
    perp.consume(market)
    funding.update(market)
    funding.warp(HOUR, market)
    funding.update(market)  # a roll: the taker now owes funding
    costs = {}
    costs["resting limit"] = perp.place(taker, market, BID, 90, 1).compute_units_consumed()
    funding.warp(7, market)
    costs["market, 1 maker"] = perp.place(
        taker, market, BID, 102, 1, order_type=MARKET
    ).compute_units_consumed()
    funding.warp(7, market)
    costs["market sell, 1 maker"] = perp.place(
        taker, market, ASK, 99, 1, order_type=MARKET
    ).compute_units_consumed()
    return costs


@pytest.fixture(scope="module")
def baseline_program(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return baseline_so(tmp_path_factory.mktemp("baseline"))


def test_place_order_pays_at_most_500_cu_for_funding(
    program_so: bytes, baseline_program: bytes, program_keypair: Keypair
) -> None:
    with_funding = order_costs(chain_with(program_so, program_keypair))
    without = order_costs(chain_with(baseline_program, program_keypair))
    for name, cost in with_funding.items():
        added = cost - without[name]
        assert 0 < added <= PLACE_ORDER_ADDED_CU_BUDGET, (name, cost, without[name])


def test_update_funding_stays_within_its_budget(funding: Funding, market) -> None:
    maker = funding.perp.trader(10**9)
    funding.quote_book(market, maker, 99, 102, 5)
    start = funding.update(market).compute_units_consumed()
    funding.warp(HOUR, market)
    roll = funding.update(market).compute_units_consumed()
    funding.warp(10, market)
    sample = funding.update(market).compute_units_consumed()
    assert max(start, roll, sample) <= UPDATE_FUNDING_CU_BUDGET, (start, roll, sample)
