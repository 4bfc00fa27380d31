"""The /ws hub: bounded per-client queues, slow consumers dropped, alerts by threshold."""

from __future__ import annotations

from kairos_service.ws.endpoint import _handle
from kairos_service.ws.hub import Hub

ACCOUNT = "11111111111111111111111111111112"


async def test_slow_consumer_is_dropped_not_buffered() -> None:
    hub = Hub(queue_size=4)
    slow, fast = hub.connect(), hub.connect()
    slow.accounts.add(ACCOUNT)
    fast.accounts.add(ACCOUNT)
    for i in range(10):
        hub.publish(ACCOUNT, {"n": i})
        while not fast.queue.empty():  # the fast client keeps up
            fast.queue.get_nowait()
    assert slow.dropped.is_set() and slow.id not in hub.clients
    assert slow.queue.qsize() == 4  # never more than its bound
    assert not fast.dropped.is_set() and hub.dropped_total == 1


async def test_only_subscribers_get_an_account_message() -> None:
    hub = Hub()
    a, b = hub.connect(), hub.connect()
    a.accounts.add(ACCOUNT)
    assert hub.publish(ACCOUNT, {"x": 1}) == 1
    assert a.queue.qsize() == 1 and b.queue.qsize() == 0


async def test_performance_alert_fires_beyond_threshold() -> None:
    hub = Hub()
    client = hub.connect()
    text = (
        f'{{"op": "subscribe", "account": "{ACCOUNT}", '
        '"alert": {"threshold_pct": 5, "window_seconds": 60}}'
    )
    assert _handle(hub, client, text)["type"] == "subscribed"
    hub.publish_equity(ACCOUNT, 0.0, 1_000, 1)
    hub.publish_equity(ACCOUNT, 10.0, 1_040, 2)  # +4%: no alert
    hub.publish_equity(ACCOUNT, 20.0, 940, 3)  # -6%: alert
    messages = [client.queue.get_nowait() for _ in range(client.queue.qsize())]
    alerts = [m for m in messages if m["type"] == "performance_alert"]
    assert len(alerts) == 1 and round(alerts[0]["change_pct"]) == -6


def test_bad_messages_get_clear_errors() -> None:
    hub = Hub()
    client = hub.connect()
    for text, words in [
        ("not json", "JSON"),
        ("[1]", "JSON objects"),
        ('{"op": "nope", "account": "x"}', "unknown op"),
        ('{"op": "subscribe", "account": "zz"}', "not a base58"),
        (f'{{"op": "subscribe", "account": "{ACCOUNT}", "alert": {{"threshold_pct": -1, '
         '"window_seconds": 5}}', "> 0"),  # fmt: skip
    ]:
        reply = _handle(hub, client, text)
        assert reply["type"] == "error" and words in reply["detail"], reply
    assert client.accounts == set()  # nothing changed
