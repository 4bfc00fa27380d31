"""``kairos webhooks``: subscriptions, deliveries, replays, and the delivery worker.

Subscription commands speak to the service's HTTP API (``--service-url``) with the caller's
API key (``--api-key``, env ``KAIROS_API_KEY``; optional when the service runs with
``api_keys=optional``), so a subscription is bound to that key exactly as over HTTP.
``kairos webhooks worker`` runs a delivery worker on the service database; ``kairos_service``
is imported inside that command only.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.table import Table

from kairos_cli.common import (
    JsonOpt,
    ServiceUrlOpt,
    app,
    cli_state,
    emit,
    fail,
)

webhooks_app = typer.Typer(
    help="Webhooks of the Kairos service (signed POSTs of indexed events).",
    no_args_is_help=True,
)
app.add_typer(webhooks_app, name="webhooks")

ApiKeyOpt = Annotated[
    str | None,
    typer.Option("--api-key", envvar="KAIROS_API_KEY", help="Your API key (X-API-Key)."),
]
DEFAULT_URL = "http://127.0.0.1:8080"


def _call(ctx: typer.Context, json_output: bool, method: str, service_url: str,
          path: str, api_key: str | None, **kwargs: Any) -> Any:  # fmt: skip
    state = cli_state(ctx, json_output)
    headers = {"X-API-Key": api_key} if api_key else {}
    try:
        response = httpx.request(method, service_url.rstrip("/") + path, headers=headers,
                                 timeout=30, **kwargs)  # fmt: skip
    except httpx.HTTPError as exc:
        fail(state, f"cannot reach the Kairos service at {service_url}: {exc}")
    if response.status_code >= 400:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        fail(state, f"{response.status_code}: {detail}")
    return None if response.status_code == 204 else response.json()


def _when(unix: float | None) -> str:
    if unix is None:
        return "-"
    return dt.datetime.fromtimestamp(unix, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _time(ctx: typer.Context, text: str | None, name: str) -> float | None:
    """Unix seconds, or an ISO 8601 time (UTC when no zone is given)."""
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        pass
    try:
        when = dt.datetime.fromisoformat(text)
    except ValueError:
        fail(cli_state(ctx, False), f"--{name}: {text!r} is neither unix seconds nor ISO 8601")
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


@webhooks_app.command("create")
def webhooks_create(
    ctx: typer.Context,
    url: Annotated[str, typer.Argument(help="http(s) URL receiving signed POSTs.")],
    event: Annotated[
        list[str] | None, typer.Option("--event", "-e", help="IDL event name (repeat).")
    ] = None,
    account: Annotated[
        list[str] | None, typer.Option("--account", "-a", help="Margin account (repeat).")
    ] = None,
    secret: Annotated[
        str | None, typer.Option(help="Signing secret (16..200 chars; generated if absent).")
    ] = None,
    description: Annotated[str, typer.Option(help="A note for yourself.")] = "",
    service_url: ServiceUrlOpt = DEFAULT_URL,
    api_key: ApiKeyOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Subscribe a URL to events; the signing secret is printed once."""
    body = {"url": url, "event_types": event or [], "accounts": account or [],
            "secret": secret, "description": description}  # fmt: skip
    doc = _call(ctx, json_output, "POST", service_url, "/api/webhooks", api_key, json=body)

    def human(console: Console) -> None:
        console.print(f"Webhook [bold]{doc['id']}[/] -> {doc['url']}", highlight=False)
        console.print(f"events: {', '.join(doc['event_types'])}; accounts: "
                      f"{', '.join(doc['accounts']) or 'all you may read'}")  # fmt: skip
        console.print("signing secret (shown once; verify with kairos.webhooks.verify_signature):")
        console.print(doc["secret"], highlight=False, soft_wrap=True)

    emit(cli_state(ctx, json_output), doc, human)


@webhooks_app.command("list")
def webhooks_list(
    ctx: typer.Context,
    service_url: ServiceUrlOpt = DEFAULT_URL,
    api_key: ApiKeyOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Your subscriptions."""
    doc = _call(ctx, json_output, "GET", service_url, "/api/webhooks", api_key)

    def human(console: Console) -> None:
        table = Table(title="Webhooks")
        for column in ("id", "url", "events", "accounts", "created"):
            table.add_column(column)
        for w in doc["webhooks"]:
            table.add_row(w["id"], w["url"], ", ".join(w["event_types"]),
                          str(len(w["accounts"])) if w["accounts"] else "all",
                          _when(w["created_at"]))  # fmt: skip
        console.print(table)

    emit(cli_state(ctx, json_output), doc, human)


WebhookIdArg = Annotated[str, typer.Argument(help="Webhook id (wh_...).")]


@webhooks_app.command("delete")
def webhooks_delete(
    ctx: typer.Context,
    webhook_id: WebhookIdArg,
    service_url: ServiceUrlOpt = DEFAULT_URL,
    api_key: ApiKeyOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Unsubscribe (undelivered deliveries are cancelled)."""
    _call(ctx, json_output, "DELETE", service_url, f"/api/webhooks/{webhook_id}", api_key)
    emit(cli_state(ctx, json_output), {"deleted": webhook_id},
         lambda console: console.print(f"deleted {webhook_id}"))  # fmt: skip


@webhooks_app.command("deliveries")
def webhooks_deliveries(
    ctx: typer.Context,
    webhook_id: WebhookIdArg,
    status: Annotated[
        str | None, typer.Option(help="pending, retrying, sent, failed or cancelled.")
    ] = None,
    limit: Annotated[int, typer.Option(help="How many, newest first (1..1000).")] = 20,
    service_url: ServiceUrlOpt = DEFAULT_URL,
    api_key: ApiKeyOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Deliveries of a webhook and each attempt (time, duration, answer, error)."""
    params: dict[str, Any] = {"limit": limit}
    if status:
        params["status"] = status
    doc = _call(ctx, json_output, "GET", service_url, f"/api/webhooks/{webhook_id}/deliveries",
                api_key, params=params)  # fmt: skip

    def human(console: Console) -> None:
        table = Table(title=f"Deliveries of {webhook_id}")
        for column in ("id", "event", "type", "status", "attempts", "last answer / error"):
            table.add_column(column)
        for d in doc["deliveries"]:
            last = d["attempt_log"][-1] if d["attempt_log"] else None
            answer = "-" if last is None else (
                f"{last['status_code']} in {last['duration_seconds'] * 1000:.0f} ms"
                if last["error"] is None else last["error"])  # fmt: skip
            table.add_row(str(d["id"]), d["event_id"], d["event_type"], d["status"],
                          str(d["attempts"]), answer)  # fmt: skip
        console.print(table)

    emit(cli_state(ctx, json_output), doc, human)


@webhooks_app.command("replay")
def webhooks_replay(
    ctx: typer.Context,
    webhook_id: WebhookIdArg,
    delivery: Annotated[int | None, typer.Option(help="One delivery id to send again.")] = None,
    since: Annotated[
        str | None, typer.Option(help="Range start: unix seconds or ISO 8601 (UTC).")
    ] = None,
    until: Annotated[str | None, typer.Option(help="Range end (exclusive).")] = None,
    service_url: ServiceUrlOpt = DEFAULT_URL,
    api_key: ApiKeyOpt = None,
    json_output: JsonOpt = False,
) -> None:
    """Send one delivery again, or every finished delivery indexed in [since, until)."""
    body = {"delivery_id": delivery, "since": _time(ctx, since, "since"),
            "until": _time(ctx, until, "until")}  # fmt: skip
    doc = _call(ctx, json_output, "POST", service_url, f"/api/webhooks/{webhook_id}/replay",
                api_key, json=body)  # fmt: skip
    emit(cli_state(ctx, json_output), doc,
         lambda console: console.print(f"queued {doc['queued']} deliveries"))  # fmt: skip


@webhooks_app.command("worker")
def webhooks_worker(
    ctx: typer.Context,
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="KAIROS_SERVICE_DATABASE_URL",
            help="The service database (PostgreSQL for several workers).",
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(help="Endpoints delivered in parallel.")] = 8,
    max_attempts: Annotated[int, typer.Option(help="Attempts before the dead letter.")] = 15,
    timeout: Annotated[float, typer.Option(help="Seconds one attempt may take.")] = 10.0,
    backoff_base: Annotated[
        float, typer.Option(help="Backoff ceiling after the first failure (seconds).")
    ] = 60.0,
    backoff_cap: Annotated[float, typer.Option(help="Largest backoff ceiling (s).")] = 21600.0,
    batch: Annotated[int, typer.Option(help="Deliveries sent per claim of one endpoint.")] = 20,
    poll_seconds: Annotated[
        float, typer.Option(help="How often an idle worker looks for due deliveries.")
    ] = 0.2,
    metrics_port: Annotated[
        int | None, typer.Option(help="Serve Prometheus metrics on this port.")
    ] = None,
    metrics_host: Annotated[str, typer.Option(help="Address of the metrics port.")] = "127.0.0.1",
) -> None:
    """Run a webhook delivery worker (next to, or instead of, the one in kairos serve)."""
    import asyncio
    import logging

    from kairos_service.config import DEFAULT_DATABASE_URL, normalise_database_url
    from kairos_service.webhooks.worker import WorkerSettings, run_worker

    state = cli_state(ctx, False)
    url = database_url or DEFAULT_DATABASE_URL
    try:
        normalise_database_url(url)
        settings = WorkerSettings(
            concurrency=concurrency, max_attempts=max_attempts, timeout_seconds=timeout,
            connect_timeout_seconds=min(timeout, 5.0), backoff_base_seconds=backoff_base,
            backoff_cap_seconds=backoff_cap, batch=batch, poll_seconds=poll_seconds,
        )  # fmt: skip
    except ValueError as exc:
        fail(state, str(exc))
    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(message)s")
    try:
        asyncio.run(run_worker(url, settings, metrics_port=metrics_port, metrics_host=metrics_host))
    except KeyboardInterrupt:
        typer.echo(json.dumps({"stopped": True}))
