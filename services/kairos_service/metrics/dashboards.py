"""The Grafana dashboards, as code: ``python -m kairos_service.metrics.dashboards`` writes them.

Panels are plain Grafana dashboard JSON (schema 39) built from small helpers; no Python
Grafana SDK is packaged here (grafana-foundation-sdk publishes Go/TS/Java builders only in
the registries this project uses). tests/services/kairos_service/metrics checks the files
under deploy/grafana/dashboards equal what this module builds and that every metric a panel
queries is registered by the service.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

DATASOURCE = {"type": "prometheus", "uid": "prometheus"}
DASHBOARD_DIR = Path(__file__).resolve().parents[3] / "deploy" / "grafana" / "dashboards"


def _panel(title: str, exprs: list[tuple[str, str]], *, unit: str = "short",
           kind: str = "timeseries", w: int = 12, h: int = 8) -> dict[str, Any]:  # fmt: skip
    return {
        "type": kind,
        "title": title,
        "datasource": DATASOURCE,
        "gridPos": {"w": w, "h": h, "x": 0, "y": 0},
        "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
        "options": {},
        "targets": [
            {"refId": chr(ord("A") + i), "datasource": DATASOURCE, "expr": expr,
             "legendFormat": legend}
            for i, (expr, legend) in enumerate(exprs)
        ],  # fmt: skip
    }


def _layout(panels: list[dict[str, Any]]) -> list[dict[str, Any]]:
    x = y = 0
    row_height = 0
    for i, panel in enumerate(panels, start=1):
        grid = panel["gridPos"]
        if x + grid["w"] > 24:
            x, y, row_height = 0, y + row_height, 0
        grid["x"], grid["y"] = x, y
        x += grid["w"]
        row_height = max(row_height, grid["h"])
        panel["id"] = i
    return panels


def _dashboard(uid: str, title: str, panels: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "uid": uid,
        "title": title,
        "tags": ["kairos"],
        "timezone": "utc",
        "schemaVersion": 39,
        "version": 1,
        "editable": True,
        "refresh": "30s",
        "time": {"from": "now-6h", "to": "now"},
        "templating": {"list": []},
        "annotations": {"list": []},
        "panels": _layout(panels),
    }


def business() -> dict[str, Any]:
    """Exchange activity: volume, open interest, fees, insurance, liquidations, funding."""
    return _dashboard("kairos-business", "Kairos: exchange", [
        _panel("Volume (quote/s) by market", [
            ("sum by (market) (rate(kairos_volume_quote_total[5m]))", "{{market}}")]),
        _panel("Fills per second", [
            ("sum by (venue) (rate(kairos_fills_total[5m]))", "{{venue}}")]),
        _panel("Open interest (lots)", [("kairos_open_interest_lots", "{{market}}")]),
        _panel("Insurance fund (quote)", [("kairos_insurance_fund_quote", "fund")], kind="stat",
               w=6),
        _panel("Fees swept (quote, 24 h)", [
            ("sum(increase(kairos_fees_swept_quote_total[24h]))", "fees"),
            ("sum(increase(kairos_auction_fees_quote_total[24h]))", "auction fees")],
            kind="stat", w=6),
        _panel("Liquidations per hour", [
            ("sum by (kind) (increase(kairos_liquidations_total[1h]))", "{{kind}}")]),
        _panel("Bankruptcies and losses (quote, 1 h)", [
            ("increase(kairos_bankruptcies_total[1h])", "bankruptcies"),
            ("sum by (covered_by) (increase(kairos_bankruptcy_loss_quote_total[1h]))",
             "loss: {{covered_by}}")]),
        _panel("Funding rate", [("kairos_funding_rate", "{{market}}")]),
        _panel("Auction price improvement (bps, p50/p90)", [
            ("histogram_quantile(0.5, sum by (le) "
             "(rate(kairos_auction_price_improvement_bps_bucket[1h])))", "p50"),
            ("histogram_quantile(0.9, sum by (le) "
             "(rate(kairos_auction_price_improvement_bps_bucket[1h])))", "p90")]),
        _panel("TWAP / scheduled execution delay (p90, s)", [
            ("histogram_quantile(0.9, sum by (le) "
             "(rate(kairos_twap_slice_delay_seconds_bucket[1h])))", "TWAP slice"),
            ("histogram_quantile(0.9, sum by (le) "
             "(rate(kairos_scheduled_run_delay_seconds_bucket[1h])))", "scheduled run")],
            unit="s"),
        _panel("Triggers fired and keeper rewards", [
            ("increase(kairos_triggers_fired_total[1h])", "triggers / h"),
            ("sum by (job) (increase(kairos_keeper_rewards_total[1h]))", "reward {{job}} / h")]),
        _panel("Events indexed per second", [
            ("sum by (event) (rate(kairos_events_total[5m]))", "{{event}}")]),
    ])  # fmt: skip


def operations() -> dict[str, Any]:
    """The API and the webhook worker."""
    return _dashboard("kairos-operations", "Kairos: API and webhooks", [
        _panel("API requests per second by code", [
            ("sum by (code) (rate(kairos_api_requests_total[5m]))", "{{code}}")]),
        _panel("API latency p99 by tier (s)", [
            ("histogram_quantile(0.99, sum by (le, tier) "
             "(rate(kairos_api_request_seconds_bucket[5m])))", "{{tier}}")], unit="s"),
        _panel("Rate limited per second", [
            ("sum by (tier) (rate(kairos_api_rate_limited_total[5m]))", "{{tier}}")]),
        _panel("Rate-limit backend up", [("kairos_ratelimit_backend_up", "up")], kind="stat",
               w=6),
        _panel("API queue depth", [("kairos_api_queue_depth", "{{instance}}")], w=6),
        _panel("Webhook attempts per second by outcome", [
            ("sum by (outcome) (rate(kairos_webhook_attempts_total[5m]))", "{{outcome}}")]),
        _panel("Webhook delivery lag p50/p99 (s)", [
            ("histogram_quantile(0.5, sum by (le) "
             "(rate(kairos_webhook_delivery_lag_seconds_bucket[5m])))", "p50"),
            ("histogram_quantile(0.99, sum by (le) "
             "(rate(kairos_webhook_delivery_lag_seconds_bucket[5m])))", "p99")], unit="s"),
        _panel("Webhook backlog", [("max by (status) (kairos_webhook_deliveries)", "{{status}}")]),
        _panel("Webhook dead letters (1 h)", [
            ("sum(increase(kairos_webhook_dead_letters_total[1h]))", "dead letters")],
            kind="stat", w=6),
        _panel("Webhook attempt duration p99 (s)", [
            ("histogram_quantile(0.99, sum by (le) "
             "(rate(kairos_webhook_attempt_seconds_bucket[5m])))", "p99")], unit="s", w=6),
    ])  # fmt: skip


DASHBOARDS = {"kairos-business.json": business, "kairos-operations.json": operations}

_METRIC = re.compile(r"\b(kairos_[a-z0-9_]+)\b")


def metric_names(dashboard: dict[str, Any]) -> set[str]:
    """Every ``kairos_*`` series a dashboard queries (histogram suffixes kept)."""
    names: set[str] = set()
    for panel in dashboard["panels"]:
        for target in panel["targets"]:
            names |= set(_METRIC.findall(target["expr"]))
    return names


def render(dashboard: dict[str, Any]) -> str:
    """The file text of a dashboard."""
    return json.dumps(dashboard, indent=2, sort_keys=True) + "\n"


def write(directory: Path = DASHBOARD_DIR) -> list[Path]:
    """Write every dashboard; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, build in DASHBOARDS.items():
        path = directory / name
        path.write_text(render(build()))
        paths.append(path)
    return paths


if __name__ == "__main__":  # pragma: no cover - the generator entry point
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else DASHBOARD_DIR):
        print(written)
