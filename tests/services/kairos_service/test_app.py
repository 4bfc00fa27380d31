"""The app factory: migrations at start-up, health, OpenAPI at /docs, problem+json errors."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from kairos_service.app import create_app
from kairos_service.config import ServiceConfig, normalise_database_url
from kairos_service.db.migrate import head_revision


def _client(database_url: str) -> TestClient:
    config = ServiceConfig(database_url=database_url, run_indexer=False, follow_accounts=False)
    return TestClient(create_app(config))


def test_start_migrates_and_serves_health_and_docs(database_url: str) -> None:
    with _client(database_url) as client:
        health = client.get("/api/health").json()
        assert health["status"] == "ok"
        assert health["database_revision"] == head_revision()
        assert health["indexed_slot"] == 0 and health["indexed_events"] is None
        assert client.get("/docs").status_code == 200
        spec = client.get("/openapi.json").json()
        assert "/api/health" in spec["paths"]


def test_unknown_route_is_problem_json(tmp_path: object) -> None:
    with _client(f"sqlite:///{tmp_path}/s.db") as client:
        response = client.get("/api/nothing-here")
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"
        body = response.json()
        assert body["status"] == 404 and body["instance"] == "/api/nothing-here"


@pytest.mark.parametrize("url", ["mysql://x/y", "redis://h", "", "sqlite:"])
def test_unsupported_database_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported database URL"):
        normalise_database_url(url)


def test_plain_urls_get_async_drivers() -> None:
    assert normalise_database_url("sqlite:///x.db") == "sqlite+aiosqlite:///x.db"
    assert normalise_database_url("postgres://u@h/d") == "postgresql+asyncpg://u@h/d"
