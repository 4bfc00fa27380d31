"""deploy/: Prometheus config and rules through promtool, dashboards vs their generator and the
service's metrics, the compose file's structure and mounts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from kairos_service.app import create_app
from kairos_service.config import ServiceConfig
from kairos_service.metrics import dashboards
from prometheus_client import CollectorRegistry

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def _promtool() -> str:
    path = shutil.which("promtool")
    if path is None:
        raise RuntimeError(
            "promtool not found: apt-get install -y prometheus (the README's test command "
            "installs it)"
        )
    return path


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_promtool(), *args], capture_output=True, text=True, check=False)


def test_prometheus_config_and_rules_pass_promtool(tmp_path: Path) -> None:
    rules = _run("check", "rules", str(DEPLOY / "prometheus" / "alerts.yml"))
    assert rules.returncode == 0, rules.stdout + rules.stderr
    # The config names the rules at their path inside the container: point it at the repo.
    config = yaml.safe_load((DEPLOY / "prometheus" / "prometheus.yml").read_text())
    assert config["rule_files"] == ["/etc/prometheus/alerts.yml"]
    config["rule_files"] = [str(DEPLOY / "prometheus" / "alerts.yml")]
    local = tmp_path / "prometheus.yml"
    local.write_text(yaml.safe_dump(config))
    checked = _run("check", "config", str(local))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    jobs = {job["job_name"] for job in config["scrape_configs"]}
    assert {"kairos-service", "kairos-webhook-worker"} <= jobs


def test_promtool_refuses_a_broken_rule(tmp_path: Path) -> None:
    broken = tmp_path / "bad.yml"
    broken.write_text("groups:\n  - name: x\n    rules:\n      - alert: X\n        expr: sum(\n")
    assert _run("check", "rules", str(broken)).returncode != 0


def _service_series(tmp_path: Path) -> set[str]:
    """Every series name the service's /metrics can export (rate limits, webhooks, business)."""
    config = ServiceConfig(database_url=f"sqlite:///{tmp_path / 'db.sqlite'}", run_indexer=False)
    app = create_app(config)
    registry: CollectorRegistry = app.state.metrics_registry
    names: set[str] = set()
    for family in registry.collect():
        suffixes = {"counter": ["_total"], "histogram": ["_bucket", "_sum", "_count"]}
        names |= {family.name + s for s in suffixes.get(family.type, [""])}
    return names


def test_dashboards_are_generated_and_query_real_metrics(tmp_path: Path) -> None:
    series = _service_series(tmp_path)
    for name, build in dashboards.DASHBOARDS.items():
        path = DEPLOY / "grafana" / "dashboards" / name
        assert path.read_text() == dashboards.render(build()), (
            f"{path} is stale: run python -m kairos_service.metrics.dashboards"
        )
        used = dashboards.metric_names(build())
        assert used, name
        assert used <= series, f"{name} queries unknown metrics {sorted(used - series)}"
    alerts = (DEPLOY / "prometheus" / "alerts.yml").read_text()
    assert set(dashboards._METRIC.findall(alerts)) <= series


def test_a_panel_on_a_missing_metric_is_caught(tmp_path: Path) -> None:
    fake = dashboards._dashboard("x", "x", [dashboards._panel("p", [("kairos_nope_total", "")])])
    assert not dashboards.metric_names(fake) <= _service_series(tmp_path)


def test_compose_starts_the_whole_stack_and_mounts_existing_files() -> None:
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"postgres", "redis", "kairos", "webhook-worker", "prometheus", "grafana"} <= set(
        services
    )
    assert services["kairos"]["command"][0] == "serve"
    env = services["kairos"]["environment"]
    assert env["KAIROS_SERVICE_DATABASE_URL"].startswith("postgresql://")
    assert env["KAIROS_SERVICE_REDIS_URL"].startswith("redis://")
    for service in services.values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (DEPLOY / source).exists(), source
        build = service.get("build")
        if build:
            assert (DEPLOY / build["context"] / build["dockerfile"]).exists()
    for key in env:  # every variable is one kairos serve reads
        name = key.removeprefix("KAIROS_SERVICE_").lower()
        assert name in ServiceConfig.__dataclass_fields__, key


@pytest.mark.parametrize("name", ["datasources/prometheus.yml", "dashboards/kairos.yml"])
def test_grafana_provisioning_parses(name: str) -> None:
    doc = yaml.safe_load((DEPLOY / "grafana" / "provisioning" / name).read_text())
    assert doc["apiVersion"] == 1
