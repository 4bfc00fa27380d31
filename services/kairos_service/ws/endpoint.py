"""The /ws WebSocket endpoint.

Client messages (JSON): ``{"op": "subscribe", "account": PUBKEY, "alert": {"threshold_pct":
5, "window_seconds": 3600}}`` (alert optional), ``{"op": "unsubscribe", "account": PUBKEY}``.
Server messages: ``subscribed``, ``event`` (fills, liquidations, every indexed event of the
account), ``equity`` (live P&L), ``health_alert``, ``performance_alert``, ``heartbeat``,
``error``. A client that does not keep up is closed with code 1013.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from solders.pubkey import Pubkey

from kairos_service.ws.hub import SLOW_CONSUMER_CLOSE_CODE, Client, Hub, PerformanceAlert

router = APIRouter()


def _handle(hub: Hub, client: Client, text: str) -> dict[str, Any]:
    try:
        message = json.loads(text)
    except ValueError:
        return {"type": "error", "detail": "messages must be JSON objects"}
    if not isinstance(message, dict):
        return {"type": "error", "detail": "messages must be JSON objects"}
    op = message.get("op")
    account = str(message.get("account"))
    if op not in ("subscribe", "unsubscribe"):
        return {"type": "error", "detail": f"unknown op {op!r}: use subscribe or unsubscribe"}
    try:
        Pubkey.from_string(account)
    except ValueError:
        return {"type": "error", "detail": f"account {account!r} is not a base58 public key"}
    if op == "unsubscribe":
        client.accounts.discard(account)
        client.alerts.pop(account, None)
        return {"type": "unsubscribed", "account": account}
    alert = message.get("alert")
    if alert is not None:
        try:
            threshold = float(alert["threshold_pct"])
            window = float(alert["window_seconds"])
        except (KeyError, TypeError, ValueError):
            return {
                "type": "error",
                "detail": "alert needs numeric threshold_pct and window_seconds",
            }
        if not (threshold > 0 and window > 0):
            return {"type": "error", "detail": "threshold_pct and window_seconds must be > 0"}
        client.alerts[account] = PerformanceAlert(threshold, window)
    client.accounts.add(account)
    return {"type": "subscribed", "account": account}


@router.websocket("/ws")
async def ws_endpoint(websocket: WebSocket) -> None:
    """Stream account events to one client until it leaves or falls behind."""
    runtime = websocket.app.state.runtime
    hub: Hub = runtime.hub
    heartbeat = runtime.config.ws_heartbeat_seconds
    await websocket.accept()
    client = hub.connect()

    async def reader() -> None:
        while True:
            text = await websocket.receive_text()
            reply = _handle(hub, client, text)
            with contextlib.suppress(asyncio.QueueFull):
                client.queue.put_nowait(reply)

    read_task = asyncio.create_task(reader())
    drop_task = asyncio.create_task(client.dropped.wait())
    loop = asyncio.get_running_loop()
    next_beat = loop.time() + heartbeat
    try:
        while True:
            # A heartbeat every `heartbeat` seconds, busy or idle.
            if loop.time() >= next_beat:
                await websocket.send_json({"type": "heartbeat", "queued": client.queue.qsize()})
                next_beat = loop.time() + heartbeat
            get_task = asyncio.create_task(client.queue.get())
            done, _ = await asyncio.wait(
                {get_task, read_task, drop_task},
                timeout=max(next_beat - loop.time(), 0.0),
                return_when=asyncio.FIRST_COMPLETED,
            )
            if drop_task in done:
                get_task.cancel()
                await websocket.close(code=SLOW_CONSUMER_CLOSE_CODE, reason="slow consumer")
                return
            if read_task in done:
                get_task.cancel()
                read_task.result()  # re-raises the disconnect
                return
            if get_task in done:
                await websocket.send_json(get_task.result())
                client.sent += 1
            else:
                get_task.cancel()
    except (WebSocketDisconnect, RuntimeError):
        return
    finally:
        hub.disconnect(client)
        for task in (read_task, drop_task):
            task.cancel()
