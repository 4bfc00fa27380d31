"""RiskLimits: creation, tightening at once, loosening after the cooldown, the delegate,
and every account check (issue 16, items 2 and 6)."""

from __future__ import annotations

from kairos import errors
from kairos import instructions as ix
from kairos.risk import risk_limits_address
from solders.keypair import Keypair

from ..conftest import ERR_CONSTRAINT_SEEDS, Kairos, with_meta
from ..perp.conftest import Perp
from .conftest import DAY, Risk, limits


def test_create_sets_the_flag_and_the_limits(risk: Risk, perp: Perp) -> None:
    trader = perp.trader()
    delegate = Keypair().pubkey()
    meta = risk.create_limits(trader, limits(max_leverage_bps=30_000), delegate)
    assert risk.kairos.margin(trader.margin).risk_limits_enabled == 1
    state = risk.limits_of(trader)
    assert state.active.max_leverage_bps == 30_000
    assert state.delegate == delegate and state.owner == trader.owner.pubkey()
    assert state.margin_account == trader.margin and state.day_index == 0
    (event,) = [e.data for e in risk.chain.events(meta) if e.name == "RiskLimitsCreated"]
    assert event.risk_limits == risk_limits_address(trader.margin)
    # Only once per margin account.
    risk.chain.fail([risk.create_limits_ix(trader, limits())], [trader.owner])


def test_create_refuses_bad_input_and_changes_nothing(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    trader = perp.trader()
    stranger = kairos.new_trader()
    cases = [
        (limits(max_concentration_bps=10_001), errors.RiskLimitsInvalid.code),
        (limits(max_leverage_bps=10_000_001), errors.RiskLimitsInvalid.code),
        (limits(max_liquidity_take_bps=100), errors.RiskLimitsInvalid.code),  # no band
        (limits(loosen_cooldown_seconds=31 * DAY), errors.RiskLimitsInvalid.code),
    ]
    for values, code in cases:
        kairos.fail_unchanged([risk.create_limits_ix(trader, values)], [trader.owner], code)
    # Another owner's margin account.
    wrong_owner = ix.create_risk_limits(
        owner=stranger.owner.pubkey(), margin_account=trader.margin, limits=limits()
    )
    kairos.fail_unchanged([wrong_owner], [stranger.owner], errors.Unauthorized.code)
    # A RiskLimits address that is not this margin account's PDA.
    good = risk.create_limits_ix(trader, limits())
    kairos.fail_unchanged(
        [with_meta(good, 4, pubkey=risk_limits_address(stranger.margin))],
        [trader.owner],
        ERR_CONSTRAINT_SEEDS,
    )
    # Something else than the RiskParameters.
    kairos.fail_unchanged(
        [with_meta(good, 3, pubkey=kairos.exchange.address)],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )
    assert kairos.margin(trader.margin).risk_limits_enabled == 0


def test_create_before_risk_parameters_exist(kairos: Kairos, perp: Perp) -> None:
    trader = perp.trader()
    kairos.fail_unchanged(
        [
            ix.create_risk_limits(
                owner=trader.owner.pubkey(), margin_account=trader.margin, limits=limits()
            )
        ],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )


def test_caps_bind_new_limits(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    caps = limits(max_leverage_bps=50_000, loosen_cooldown_seconds=3_600)
    # Defaults must be within the caps.
    kairos.fail_unchanged(
        [
            ix.set_risk_limit_caps(
                admin=risk.admin.pubkey(), caps=caps, defaults=limits(max_leverage_bps=60_000)
            )
        ],
        [risk.admin],
        errors.RiskLimitAboveCap.code,
    )
    stranger = kairos.chain.fund()
    kairos.fail_unchanged(
        [ix.set_risk_limit_caps(admin=stranger.pubkey(), caps=caps, defaults=caps)],
        [stranger],
        errors.Unauthorized.code,
    )
    meta = risk.set_caps(caps, limits(max_leverage_bps=20_000))
    assert [e.name for e in risk.chain.events(meta)] == ["RiskLimitCapsSet"]
    assert risk.params().caps.max_leverage_bps == 50_000
    trader = perp.trader()
    for values in (
        limits(),
        limits(max_leverage_bps=50_001),
        limits(max_leverage_bps=10_000, loosen_cooldown_seconds=60),
    ):
        kairos.fail_unchanged(
            [risk.create_limits_ix(trader, values)],
            [trader.owner],
            errors.RiskLimitAboveCap.code,
        )
    risk.create_limits(trader, limits(max_leverage_bps=50_000))


def test_tightening_is_immediate_and_loosening_waits(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    # The exchange's minimum cooldown is 24 h unless the admin lowers it.
    risk.set_caps(limits(loosen_cooldown_seconds=60), limits(loosen_cooldown_seconds=60))
    trader = perp.trader()
    risk.create_limits(trader, limits(max_leverage_bps=30_000, max_daily_loss_bps=500))
    # Tighter leverage applies now; nothing pending.
    kairos.send(
        [risk.set_limits_ix(trader, limits(max_leverage_bps=20_000, max_daily_loss_bps=500))],
        [trader.owner],
    )
    state = risk.limits_of(trader)
    assert state.active.max_leverage_bps == 20_000 and state.pending_effective_timestamp == 0
    # Mixed: the daily loss tightens now, the leverage loosens after the cooldown.
    now = risk.chain.clock().unix_timestamp
    meta = kairos.send(
        [risk.set_limits_ix(trader, limits(max_leverage_bps=40_000, max_daily_loss_bps=300))],
        [trader.owner],
    )
    state = risk.limits_of(trader)
    assert state.active.max_leverage_bps == 20_000
    assert state.active.max_daily_loss_bps == 300
    assert state.pending.max_leverage_bps == 40_000
    assert state.pending_effective_timestamp == now + DAY
    (event,) = [e.data for e in risk.chain.events(meta) if e.name == "RiskLimitsSet"]
    assert event.pending_effective_timestamp == now + DAY
    # Removing a limit (0) is a loosening too; shortening the cooldown as well.
    kairos.send(
        [
            risk.set_limits_ix(
                trader,
                limits(max_leverage_bps=20_000, max_daily_loss_bps=300, loosen_cooldown_seconds=60),
            )
        ],
        [trader.owner],
    )
    state = risk.limits_of(trader)
    assert state.active.loosen_cooldown_seconds == DAY
    assert state.pending.loosen_cooldown_seconds == 60
    # Before the cooldown, still the tight values; after it, the next evaluation applies.
    risk.chain.warp(10, DAY - 10)
    kairos.refresh_oracles()
    risk.compute_risk(trader)
    assert risk.limits_of(trader).active.loosen_cooldown_seconds == DAY
    risk.chain.warp(10, 20)
    kairos.refresh_oracles()
    risk.compute_risk(trader)
    state = risk.limits_of(trader)
    assert state.active.loosen_cooldown_seconds == 60
    assert state.pending_effective_timestamp == 0


def test_delegate_sets_limits_but_not_the_delegate(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    trader = perp.trader()
    officer = kairos.chain.fund()
    risk.create_limits(trader, limits(max_leverage_bps=30_000), officer.pubkey())
    kairos.send(
        [
            risk.set_limits_ix(
                trader, limits(max_leverage_bps=10_000), officer.pubkey(), officer.pubkey()
            )
        ],
        [officer],
    )
    assert risk.limits_of(trader).active.max_leverage_bps == 10_000
    other = kairos.chain.fund()
    kairos.fail_unchanged(
        [risk.set_limits_ix(trader, limits(), officer.pubkey(), other.pubkey())],
        [officer],
        errors.RiskDelegateUnauthorized.code,
    )
    kairos.fail_unchanged(
        [risk.set_limits_ix(trader, limits(), other.pubkey(), officer.pubkey())],
        [other],
        errors.RiskDelegateUnauthorized.code,
    )
    # The owner replaces the delegate; the old one is out.
    kairos.send(
        [risk.set_limits_ix(trader, limits(max_leverage_bps=10_000), delegate=other.pubkey())],
        [trader.owner],
    )
    kairos.fail_unchanged(
        [
            risk.set_limits_ix(
                trader, limits(max_leverage_bps=5_000), officer.pubkey(), officer.pubkey()
            )
        ],
        [officer],
        errors.RiskDelegateUnauthorized.code,
    )


def test_set_limits_checks_accounts_and_ranges(risk: Risk, perp: Perp) -> None:
    kairos = risk.kairos
    trader, other = perp.trader(), perp.trader()
    risk.create_limits(trader, limits(max_leverage_bps=30_000))
    risk.create_limits(other, limits())
    good = risk.set_limits_ix(trader, limits(max_leverage_bps=20_000))
    # Another account's RiskLimits.
    kairos.fail_unchanged(
        [with_meta(good, 3, pubkey=risk_limits_address(other.margin))],
        [trader.owner],
        errors.RiskAccountsMismatch.code,
    )
    # A margin account without risk limits.
    plain = perp.trader()
    kairos.fail_unchanged(
        [with_meta(good, 3, pubkey=risk_limits_address(plain.margin))],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )
    kairos.fail_unchanged(
        [with_meta(good, 2, pubkey=kairos.quote.address)],
        [trader.owner],
        errors.RiskAccountsMissing.code,
    )
    kairos.fail_unchanged(
        [risk.set_limits_ix(trader, limits(max_var_bps=10_001))],
        [trader.owner],
        errors.RiskLimitsInvalid.code,
    )
    # The RiskLimits must be writable.
    kairos.fail_unchanged([with_meta(good, 3, is_writable=False)], [trader.owner], 2000)
