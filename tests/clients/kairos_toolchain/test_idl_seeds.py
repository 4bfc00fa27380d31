"""PDA seeds in the IDL (Anchor 0.29 ``pda`` descriptions) name real inputs and real addresses.

The IDL carries the seeds of every instruction account that is a program-derived address
and whose seeds the instruction's own accounts and arguments determine. These tests check
that each seed names an account, an account field or an argument of its instruction with
the type the IDL declares there, that AnchorPy still reads the IDL, and that resolving the
seeds gives the addresses the SDK derives (which the program tests create on chain).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from anchorpy import Idl
from kairos import pda
from kairos_toolchain.idl_header import load_idl
from solders.pubkey import Pubkey

ROOT = Path(__file__).resolve().parents[3]

_INT_BYTES = {"u8": 1, "u16": 2, "u32": 4, "u64": 8}


@pytest.fixture(scope="module")
def idl() -> dict[str, Any]:
    return load_idl(ROOT)


def _instruction(idl: dict[str, Any], name: str) -> dict[str, Any]:
    return next(ix for ix in idl["instructions"] if ix["name"] == name)


def _field_type(fields: list[dict[str, Any]], name: str) -> Any:
    matches = [field["type"] for field in fields if field["name"] == name]
    assert matches, f"no field {name!r}"
    return matches[0]


def _arg_type(idl: dict[str, Any], ix: dict[str, Any], path: str) -> Any:
    """The IDL type at ``path`` (``arg`` or ``arg.field``) of an instruction's args."""
    head, *rest = path.split(".")
    ty = _field_type(ix["args"], head)
    types = {t["name"]: t for t in idl["types"]}
    for part in rest:
        ty = _field_type(types[ty["defined"]]["type"]["fields"], part)
    return ty


def _encode(ty: Any, value: Any) -> bytes:
    if ty == "publicKey":
        return bytes(value)
    if isinstance(ty, dict) and "array" in ty:
        assert ty["array"][0] == "u8" and len(value) == ty["array"][1]
        return bytes(value)
    return int(value).to_bytes(_INT_BYTES[ty], "little")


def resolve(
    ix: dict[str, Any],
    account_name: str,
    keys: dict[str, Pubkey],
    args: dict[str, Any],
    fields: dict[str, dict[str, Any]],
) -> Pubkey:
    """Derive an instruction account's address from its IDL seeds."""
    account = next(a for a in ix["accounts"] if a["name"] == account_name)
    seeds: list[bytes] = []
    value: Any
    for seed in account["pda"]["seeds"]:
        if seed["kind"] == "const":
            seeds.append(_encode(seed["type"], seed["value"]))
        elif seed["kind"] == "account":
            name, _, field = seed["path"].partition(".")
            value = fields[name][field] if field else keys[name]
            seeds.append(_encode(seed["type"], value))
        else:
            value = args
            for part in seed["path"].split("."):
                value = value[part]
            seeds.append(_encode(seed["type"], value))
    return Pubkey.find_program_address(seeds, pda.PROGRAM_ID)[0]


def test_anchorpy_reads_the_seeds() -> None:
    """AnchorPy 0.21 (the SDK's base) parses every seed of the IDL."""
    anchor_idl = Idl.from_json((ROOT / "idl" / "kairos.json").read_text())
    parsed = sum(
        len(account.pda.seeds)
        for ix in anchor_idl.instructions
        for account in ix.accounts
        if getattr(account, "pda", None) is not None
    )
    raw = sum(
        len(account["pda"]["seeds"])
        for ix in json.loads((ROOT / "idl" / "kairos.json").read_text())["instructions"]
        for account in ix["accounts"]
        if "pda" in account
    )
    assert parsed == raw > 0


def test_every_seed_names_an_input_of_its_instruction(idl: dict[str, Any]) -> None:
    """Account seeds name an account of the instruction (or a field of its declared type);
    argument seeds name an argument; the declared type is the input's type."""
    layouts = {a["name"]: a["type"]["fields"] for a in idl["accounts"]}
    for ix in idl["instructions"]:
        names = {a["name"] for a in ix["accounts"]}
        for account in ix["accounts"]:
            for seed in account.get("pda", {}).get("seeds", []):
                where = f"{ix['name']}.{account['name']}"
                if seed["kind"] == "const":
                    assert seed["type"] == {"array": ["u8", len(seed["value"])]}, where
                    assert all(0 <= b < 256 for b in seed["value"]), where
                elif seed["kind"] == "account":
                    name, _, field = seed["path"].partition(".")
                    assert name in names and name != account["name"], where
                    if field:
                        declared = _field_type(layouts[seed["account"]], field)
                        assert declared == seed["type"], where
                    else:
                        assert seed["type"] == "publicKey", where
                else:
                    assert seed["kind"] == "arg", where
                    assert _arg_type(idl, ix, seed["path"]) == seed["type"], where


def test_exchange_is_the_same_pda_everywhere(idl: dict[str, Any]) -> None:
    for ix in idl["instructions"]:
        assert resolve(ix, "exchange", {}, {}, {}) == pda.exchange_address(), ix["name"]


def test_created_accounts_resolve_to_the_sdk_addresses(idl: dict[str, Any]) -> None:
    """Each account an instruction creates: IDL seeds == the SDK's derivation (the program
    tests create these addresses on chain)."""
    owner, mint, margin = Pubkey.new_unique(), Pubkey.new_unique(), Pubkey.new_unique()
    keys = {
        "owner": owner,
        "authority": owner,
        "mint": mint,
        "quoteMint": mint,
        "marginAccount": margin,
        "takerMarginAccount": margin,
    }
    ix = lambda name: _instruction(idl, name)  # noqa: E731
    cases = [
        (
            ix("createMarginAccount"),
            "marginAccount",
            {"accountIndex": 3},
            {},
            pda.margin_account_address(owner, 3),
        ),
        (
            ix("createOracle"),
            "oracle",
            {"args": {"seed": 2**40 + 7}},
            {},
            pda.oracle_address(owner, 2**40 + 7),
        ),
        (ix("addCollateralAsset"), "collateralAsset", {}, {}, pda.collateral_asset_address(mint)),
        (ix("addCollateralAsset"), "vault", {}, {}, pda.vault_address(mint)),
        (ix("initializeExchange"), "quoteAsset", {}, {}, pda.collateral_asset_address(mint)),
        (ix("initializeExchange"), "quoteVault", {}, {}, pda.vault_address(mint)),
        (ix("initializeExchange"), "insuranceVault", {}, {}, pda.insurance_vault_address(mint)),
        (
            ix("createPerpMarket"),
            "perpMarket",
            {},
            {"exchange": {"perpMarketCount": 5}},
            pda.perp_market_address(5),
        ),
        (
            ix("openAuction"),
            "auction",
            {"args": {"auctionId": 9}},
            {},
            pda.auction_address(margin, 9),
        ),
        (
            ix("createTriggerOrder"),
            "triggerOrder",
            {"args": {"id": 11}},
            {},
            pda.trigger_order_address(margin, 11),
        ),
    ]
    for instruction, account, args, fields, expected in cases:
        assert resolve(instruction, account, keys, args, fields) == expected, account
    for instruction, account, args, seed in [
        (ix("createTwapOrder"), "twapOrder", {"args": {"twapId": 4}}, b"twap"),
        (ix("createScheduledOrder"), "scheduledOrder", {"args": {"scheduleId": 4}}, b"schedule"),
    ]:
        expected = Pubkey.find_program_address(
            [seed, bytes(margin), (4).to_bytes(8, "little")], pda.PROGRAM_ID
        )[0]
        assert resolve(instruction, account, keys, args, {}) == expected, account


def test_accounts_found_through_the_exchange_resolve(idl: dict[str, Any]) -> None:
    """The quote asset and vaults of later instructions are found from Exchange.quoteMint;
    a deposit's vault from its CollateralAsset's mint."""
    mint = Pubkey.new_unique()
    fields = {"exchange": {"quoteMint": mint}, "collateralAsset": {"mint": mint}}
    expected = {
        "quoteAsset": pda.collateral_asset_address(mint),
        "quoteVault": pda.vault_address(mint),
        "insuranceVault": pda.insurance_vault_address(mint),
        "vault": pda.vault_address(mint),
    }
    seen = 0
    for ix in idl["instructions"]:
        if ix["name"] in {"initializeExchange", "addCollateralAsset"}:
            continue
        for account in ix["accounts"]:
            if "pda" in account and account["name"] in expected:
                assert resolve(ix, account["name"], {}, {}, fields) == expected[account["name"]]
                seen += 1
    assert seen >= 12
