"""Collateral rebalancing between margin accounts of one owner (issue 16, item 5).

Every step that succeeds goes through `Kairos.send`, which asserts the vault invariant
(no token moves: vaults and total deposits unchanged); every refusal goes through
`fail_unchanged` (the expected error, no account changed).
"""

from __future__ import annotations

from kairos import errors
from kairos import instructions as ix
from kairos.accounts import RebalanceMember, RebalancePolicy
from kairos.risk_pda import rebalance_policy_address
from solders.instruction import AccountMeta, Instruction

from ..conftest import AssetInfo, Kairos, Trader
from ..perp.conftest import BID, Market, Perp
from .conftest import Risk, limits

QUOTE_ONLY = 1


def second_account(kairos: Kairos, trader: Trader, index: int = 1) -> Trader:
    """Another margin account of the same owner (sharing its token accounts)."""
    other = Trader(trader.owner, kairos.create_margin_account(trader.owner, index))
    other.token_accounts = trader.token_accounts
    return other


def policy_ix(kairos: Kairos, owner: Trader, members: list[Trader], **kwargs: object) -> object:
    options = {"asset_mask": QUOTE_ONLY, "max_utilization_bps": 8_000, **kwargs}
    return ix.set_rebalance_policy(
        owner=owner.owner.pubkey(),
        members=[RebalanceMember(m.margin, 1_000, 6_000) for m in members],
        **options,  # type: ignore[arg-type]
    )


def policy_state(kairos: Kairos, owner: Trader) -> RebalancePolicy:
    info = kairos.chain.svm.get_account(rebalance_policy_address(owner.owner.pubkey()))
    assert info is not None
    return RebalancePolicy.decode(bytes(info.data))


def move_ix(
    kairos: Kairos,
    source: Trader,
    destination: Trader,
    asset: AssetInfo,
    amount: int,
    authority: object | None = None,
    from_health: list[AccountMeta] | None = None,
    to_health: list[AccountMeta] | None = None,
) -> object:
    return ix.rebalance_collateral(
        authority=authority or source.owner.pubkey(),  # type: ignore[arg-type]
        owner=source.owner.pubkey(),
        from_margin_account=source.margin,
        to_margin_account=destination.margin,
        collateral_asset=asset.address,
        amount=amount,
        from_health_accounts=from_health or kairos.health_accounts(source.margin),
        to_health_accounts=to_health or kairos.health_accounts(destination.margin),
    )


def test_policy_is_the_owners_and_checked(kairos: Kairos, perp: Perp) -> None:
    a = perp.trader()
    b = second_account(kairos, a)
    stranger = perp.trader()
    meta = kairos.send([policy_ix(kairos, a, [a, b])], [a.owner])
    state = policy_state(kairos, a)
    assert state.owner == a.owner.pubkey() and state.member_count == 2
    assert [m.margin_account for m in state.live_members()] == [a.margin, b.margin]
    assert [e.name for e in kairos.chain.events(meta)] == ["RebalancePolicySet"]
    invalid = errors.RebalancePolicyInvalid.code
    cases = [
        policy_ix(kairos, a, [a, stranger]),  # another owner's account
        policy_ix(kairos, a, [a, a]),  # twice
        policy_ix(kairos, a, [a, b], asset_mask=0),
        policy_ix(kairos, a, [a, b], max_utilization_bps=0),
        policy_ix(kairos, a, [a, b], max_utilization_bps=10_001),
    ]
    for instruction in cases:
        kairos.fail_unchanged([instruction], [a.owner], invalid)  # type: ignore[list-item]
    bad_band = ix.set_rebalance_policy(
        owner=a.owner.pubkey(),
        members=[RebalanceMember(a.margin, 7_000, 6_000)],
        asset_mask=1,
        max_utilization_bps=8_000,
    )
    kairos.fail_unchanged([bad_band], [a.owner], invalid)
    # The members' accounts must follow, in order.
    good = policy_ix(kairos, a, [a, b])
    swapped = Instruction(
        good.program_id,  # type: ignore[attr-defined]
        good.data,  # type: ignore[attr-defined]
        [*good.accounts[:4], good.accounts[5], good.accounts[4]],  # type: ignore[attr-defined]
    )
    kairos.fail_unchanged([swapped], [a.owner], invalid)
    # Someone else cannot overwrite it.
    forged = Instruction(
        good.program_id,  # type: ignore[attr-defined]
        policy_ix(kairos, stranger, [stranger]).data,  # type: ignore[attr-defined]
        [
            AccountMeta(kairos.exchange.address, False, False),
            AccountMeta(stranger.owner.pubkey(), True, True),
            AccountMeta(rebalance_policy_address(a.owner.pubkey()), False, True),
            good.accounts[3],  # type: ignore[attr-defined]
            AccountMeta(stranger.margin, False, False),
        ],
    )
    kairos.fail_unchanged([forged], [stranger.owner], errors.Unauthorized.code)
    # The owner replaces it.
    kairos.send([policy_ix(kairos, a, [b], max_utilization_bps=5_000)], [a.owner])
    assert policy_state(kairos, a).member_count == 1


def test_moves_quote_between_members(kairos: Kairos, perp: Perp, market: Market) -> None:
    a = perp.trader()
    b = second_account(kairos, a)
    keeper = kairos.chain.fund()
    kairos.send([policy_ix(kairos, a, [a, b], delegate=keeper.pubkey())], [a.owner])
    vault_before = kairos.chain.token_amount(kairos.quote.vault)
    meta = kairos.send([move_ix(kairos, a, b, kairos.quote, 3_000_000)], [a.owner])
    assert kairos.margin(a.margin).quote_balance == 7_000_000
    assert kairos.margin(b.margin).quote_balance == 3_000_000
    assert kairos.chain.token_amount(kairos.quote.vault) == vault_before
    (event,) = [e.data for e in kairos.chain.events(meta) if e.name == "CollateralRebalanced"]
    assert (event.amount, event.from_asset_balance, event.to_asset_balance) == (
        3_000_000,
        7_000_000,
        3_000_000,
    )
    # The policy's delegate may move too; a stranger may not.
    kairos.send([move_ix(kairos, b, a, kairos.quote, 1_000_000, keeper.pubkey())], [keeper])
    stranger = kairos.chain.fund()
    kairos.fail_unchanged(
        [move_ix(kairos, a, b, kairos.quote, 1, stranger.pubkey())],  # type: ignore[list-item]
        [stranger],
        errors.Unauthorized.code,
    )


def test_refuses_moves_outside_the_policy(risk: Risk, perp: Perp, market: Market) -> None:
    kairos = risk.kairos
    a = perp.trader()
    b = second_account(kairos, a)
    c = second_account(kairos, a, 2)
    outsider = perp.trader()
    kairos.send([policy_ix(kairos, a, [a, b], max_utilization_bps=3_000)], [a.owner])
    asset = kairos.add_asset()  # not in the policy's mask
    not_allowed = errors.RebalanceNotAllowed.code
    kairos.fail_unchanged([move_ix(kairos, a, c, kairos.quote, 1)], [a.owner], not_allowed)
    kairos.fail_unchanged([move_ix(kairos, a, outsider, kairos.quote, 1)], [a.owner], not_allowed)
    kairos.fail_unchanged([move_ix(kairos, a, a, kairos.quote, 1)], [a.owner], not_allowed)
    kairos.fail_unchanged([move_ix(kairos, a, b, asset, 1)], [a.owner], not_allowed)
    kairos.fail_unchanged(
        [move_ix(kairos, a, b, kairos.quote, 10_000_001)],
        [a.owner],
        errors.InsufficientBalance.code,
    )
    # The policy's minimum health: a's position needs margin that must stay covered.
    perp.place(a, market, BID, 95, 20_000)  # 1.9 M notional resting
    kairos.fail_unchanged(
        [move_ix(kairos, a, b, kairos.quote, 9_900_000)],
        [a.owner],
        errors.RebalanceHealthTooLow.code,
    )
    # A source with risk limits (a move out is a withdrawal its limits must see).
    risk.create_limits(b, limits())
    kairos.send([move_ix(kairos, a, b, kairos.quote, 1_000_000)], [a.owner])
    kairos.fail_unchanged([move_ix(kairos, b, a, kairos.quote, 1)], [a.owner], not_allowed)


def test_moves_a_collateral_position(kairos: Kairos, perp: Perp) -> None:
    a = perp.trader()
    b = second_account(kairos, a)
    asset = kairos.add_asset()
    kairos.deposit(a, asset, 1_000_000_000)
    kairos.send([policy_ix(kairos, a, [a, b], asset_mask=0b11 | 1 << asset.index)], [a.owner])
    # b has no slot for the asset yet: its health list includes the new one.
    to_health = [
        kairos.quote_asset_meta(),
        AccountMeta(asset.address, False, False),
        AccountMeta(asset.oracle.address, False, False),  # type: ignore[union-attr]
    ]
    kairos.send([move_ix(kairos, a, b, asset, 400_000_000, to_health=to_health)], [a.owner])
    assert kairos.margin(a.margin).collateral[0].amount == 600_000_000
    slot = next(s for s in kairos.margin(b.margin).collateral if s.active)
    assert (slot.asset_index, slot.amount) == (asset.index, 400_000_000)
    # Emptying the source frees its slot (its health list no longer names the asset).
    kairos.send(
        [
            move_ix(
                kairos,
                a,
                b,
                asset,
                600_000_000,
                from_health=kairos.health_accounts(a.margin, asset.index),
            )
        ],
        [a.owner],
    )
    assert not any(s.active for s in kairos.margin(a.margin).collateral)
    assert kairos.asset_state(asset).total_deposits == 1_000_000_000
