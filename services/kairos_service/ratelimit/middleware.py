"""The ASGI middleware that wraps every endpoint: REST, the WebSocket handshake and messages.

HTTP, in order: exempt paths (API docs, static files, /metrics) pass untouched; the key is
authenticated (401); the route is matched to learn its template and parameters; the
feature the route needs is checked against tier, rollout and switches (403); an account or
owner named in the path or query must be bound to the key (403); one token is taken from the
key's bucket (429 with Retry-After and a JSON body, or a cached answer for a safe read);
the request then waits for a slot of the saturation gate (Enterprise before Free; 503 when
refused); the answer gets the X-RateLimit-* headers; usage and metrics are recorded.

WebSocket: the handshake goes through the same checks (a refusal is an HTTP denial response
where the server supports it, else a close with 1008 / 1013); each message a client sends
takes one token (an over-limit message is answered by an ``error`` frame with status 429
and dropped), and a ``subscribe`` to an account the key may not read is answered by an
``error`` frame with status 403 and dropped.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any
from urllib.parse import parse_qs

from starlette.convertors import Convertor
from starlette.routing import Mount, Router, compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kairos_service.api.problems import PROBLEM_BASE
from kairos_service.auth.keys import key_from_headers
from kairos_service.auth.store import Principal
from kairos_service.ratelimit.guard import (
    ACCOUNT_PARAMS,
    CACHEABLE_PREFIXES,
    ApiError,
    Guard,
    feature_for,
    limited_error,
    rate_headers,
)
from kairos_service.ratelimit.priority import Saturated

EXEMPT_PREFIXES = ("/docs", "/redoc", "/openapi.json", "/static/", "/metrics")
WS_POLICY_VIOLATION = 1008
WS_TRY_AGAIN_LATER = 1013


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}


def _encode(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


#: problem+json ``type`` slugs of the guard's refusals (the service's PROBLEM_BASE + slug).
PROBLEM_KINDS = {401: "unauthorized", 403: "forbidden", 429: "rate-limited", 503: "saturated"}


def _problem(error: ApiError, scope: Scope) -> bytes:
    kind = "feature-unavailable" if "feature" in error.extra else PROBLEM_KINDS.get(
        error.status, f"http-{error.status}"
    )
    body: dict[str, Any] = {
        "type": PROBLEM_BASE + kind,
        "title": error.title,
        "status": error.status,
        "detail": error.detail,
        "instance": scope.get("path", ""),
    }
    body.update(error.extra)
    return json.dumps(body).encode()


class RateLimitMiddleware:
    """Pure ASGI middleware (no body buffering except for cacheable answers)."""

    def __init__(self, app: ASGIApp, guard: Guard, router: Router) -> None:
        self.app = app
        self.guard = guard
        self.router = router
        self._table: list[tuple[str, re.Pattern[str], dict[str, Convertor[Any]]]] | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Guard one HTTP request or WebSocket connection."""
        if scope["type"] == "http":
            path: str = scope["path"]
            if path.startswith(EXEMPT_PREFIXES):
                await self.app(scope, receive, send)
                return
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:
            await self.app(scope, receive, send)

    def _routes(self) -> list[tuple[str, re.Pattern[str], dict[str, Convertor[Any]]]]:
        """(template, regex, convertors) of every route, built once from the router tree.

        FastAPI 0.16x keeps included routers nested (their routes are reached through
        ``effective_route_contexts``); every template is compiled with Starlette's own
        ``compile_path`` so matching here agrees with the router's.
        """
        if self._table is None:
            templates: list[str] = []
            for route in self.router.routes:
                contexts = getattr(route, "effective_route_contexts", None)
                if callable(contexts):
                    # WebSocket contexts leave ``path`` empty: prefix + the route's own path.
                    prefix = str(getattr(getattr(route, "include_context", None), "prefix", ""))
                    for ctx in contexts():
                        own = getattr(getattr(ctx, "original_route", None), "path", "")
                        template = str(getattr(ctx, "path", "") or (prefix + str(own or "")))
                        if template:
                            templates.append(template)
                elif isinstance(route, Mount):
                    templates.append(route.path.rstrip("/") + "/{rest:path}")
                elif getattr(route, "path", None):
                    templates.append(str(getattr(route, "path")))  # noqa: B009
            table = []
            for template in templates:
                regex, _, convertors = compile_path(template)
                table.append((template, regex, convertors))
            self._table = table
        return self._table

    def _match(self, scope: Scope) -> tuple[str, dict[str, Any]]:
        path: str = scope["path"]
        for template, regex, convertors in self._routes():
            found = regex.match(path)
            if found is not None:
                params = {k: convertors[k].convert(v) for k, v in found.groupdict().items()}
                return template, params
        return "unmatched", {}

    async def _check(self, scope: Scope, principal: Principal, template: str,
                     params: dict[str, Any]) -> None:
        self.guard.check_feature(principal, feature_for(template))
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        for name in ACCOUNT_PARAMS:
            values = [str(params[name])] if name in params else []
            values += query.get(name, [])
            for account in values:
                await self.guard.check_account(principal, account)

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        guard = self.guard
        started = time.perf_counter()
        at = time.time()
        template, params = self._match(scope)
        client = (scope.get("client") or ("unknown", 0))[0]
        principal: Principal | None = None
        status = 500
        limited = False
        bucket_headers: dict[str, str] = {}
        try:
            principal = await guard.authenticate(key_from_headers(_headers(scope)), client)
            # Every authenticated request costs a token, refused ones included (no free
            # probing of which accounts a key may read).
            decision = await guard.take(principal)
            bucket_headers = rate_headers(decision)
            await self._check(scope, principal, template, params)
            state = scope.setdefault("state", {})
            state["kairos_principal"] = principal
            state["kairos_decision"] = decision
            query = scope.get("query_string", b"").decode("latin-1")
            cacheable = scope["method"] == "GET" and template.startswith(CACHEABLE_PREFIXES)
            if not decision.allowed:
                limited = True
                guard.metrics.limited.labels(principal.tier.name.value, template).inc()
                cached = (
                    guard.cache.get(principal.key_id, scope["path"], query) if cacheable else None
                )
                if cached is None:
                    raise limited_error(principal, decision)
                guard.metrics.cached.labels(principal.tier.name.value).inc()
                status = 200
                extra = rate_headers(decision) | {
                    "Content-Type": cached.content_type,
                    "X-Kairos-Cache": "stale",
                    "Age": str(cached.age_seconds),
                    "Retry-After": str(max(1, -(-decision.retry_after_us // 1_000_000))),
                }
                await send({"type": "http.response.start", "status": 200,
                            "headers": _encode(extra)})
                await send({"type": "http.response.body", "body": cached.body})
                return
            extra_headers = _encode(rate_headers(decision))
            key_id = principal.key_id
            captured: list[bytes] | None = [] if cacheable else None
            content_type = "application/json"

            async def send_wrapper(message: Message) -> None:
                nonlocal status, captured, content_type
                if message["type"] == "http.response.start":
                    status = int(message["status"])
                    headers = list(message.get("headers", [])) + extra_headers
                    message = {**message, "headers": headers}
                    if status != 200:
                        captured = None
                    for k, v in headers:
                        if k.lower() == b"content-type":
                            content_type = v.decode("latin-1")
                elif message["type"] == "http.response.body" and captured is not None:
                    captured.append(message.get("body", b""))
                    if sum(map(len, captured)) > guard.cache.max_body_bytes:
                        captured = None
                    elif not message.get("more_body", False):
                        guard.cache.store(key_id, scope["path"], query,
                                          b"".join(captured), content_type)
                await send(message)

            try:
                async with guard.gate.slot(principal.tier.priority):
                    await self.app(scope, receive, send_wrapper)
            except Saturated as exc:
                guard.metrics.saturated.labels(principal.tier.name.value).inc()
                raise ApiError(
                    503, "Service saturated", exc.reason,
                    headers={"Retry-After": str(max(1, round(exc.retry_after_seconds)))}
                    | rate_headers(decision),
                ) from None
        except ApiError as error:
            status = error.status
            await send({
                "type": "http.response.start",
                "status": error.status,
                "headers": _encode(
                    {"Content-Type": "application/problem+json"} | bucket_headers | error.headers
                ),
            })
            await send({"type": "http.response.body", "body": _problem(error, scope)})
        finally:
            if principal is not None:
                elapsed = time.perf_counter() - started
                tier = principal.tier.name.value
                guard.metrics.requests.labels(tier, template, str(status)).inc()
                guard.metrics.latency.labels(tier).observe(elapsed)
                guard.usage.record(principal.key_id, tier, template, status=status,
                                   latency_us=int(elapsed * 1e6), limited=limited, at=at)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        guard = self.guard
        template, params = self._match(scope)
        headers = _headers(scope)
        key = key_from_headers(headers)
        if key is None:
            # Browsers cannot set headers on a WebSocket: accept ?api_key= on /ws only.
            key = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(
                "api_key", [None])[0]
        client = (scope.get("client") or ("unknown", 0))[0]
        started = time.perf_counter()
        try:
            principal = await guard.authenticate(key, client)
            decision = await guard.take(principal)
            await self._check(scope, principal, template, params)
            state = scope.setdefault("state", {})
            state["kairos_principal"] = principal
            state["kairos_decision"] = decision
            if not decision.allowed:
                raise limited_error(principal, decision)
        except ApiError as error:
            await self._deny(scope, receive, send, error)
            return
        tier = principal.tier.name.value
        guard.metrics.requests.labels(tier, template, "101").inc()
        guard.usage.record(principal.key_id, tier, template, status=101,
                           latency_us=int((time.perf_counter() - started) * 1e6),
                           limited=False, at=time.time())
        accept_headers = _encode(rate_headers(decision))
        message_endpoint = f"{template} (message)"

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "websocket.accept":
                message = {**message, "headers": list(message.get("headers", [])) + accept_headers}
            await send(message)

        async def receive_wrapper() -> Message:
            while True:
                message = await receive()
                if message["type"] != "websocket.receive":
                    return message
                t0 = time.perf_counter()
                refusal = await self._ws_message(principal, message)
                limited = refusal is not None and refusal["status"] == 429
                guard.usage.record(principal.key_id, tier, message_endpoint,
                                   status=refusal["status"] if refusal else 200,
                                   latency_us=int((time.perf_counter() - t0) * 1e6),
                                   limited=limited, at=time.time())
                guard.metrics.requests.labels(
                    tier, message_endpoint, str(refusal["status"] if refusal else 200)).inc()
                if refusal is None:
                    return message
                if limited:
                    guard.metrics.limited.labels(tier, message_endpoint).inc()
                await send({"type": "websocket.send", "text": json.dumps(refusal)})

        await self.app(scope, receive_wrapper, send_wrapper)

    async def _ws_message(self, principal: Principal, message: Message) -> dict[str, Any] | None:
        decision = await self.guard.take(principal)
        if not decision.allowed:
            error = limited_error(principal, decision)
            return {"type": "error", "status": 429, "detail": error.detail, **error.extra}
        text = message.get("text")
        if text:
            try:
                parsed = json.loads(text)
            except ValueError:
                return None  # the endpoint answers malformed messages itself
            if isinstance(parsed, dict) and parsed.get("op") == "subscribe":
                try:
                    await self.guard.check_account(principal, str(parsed.get("account")))
                except ApiError as error:
                    return {"type": "error", "status": 403, "detail": error.detail,
                            "account": parsed.get("account")}
        return None

    async def _deny(self, scope: Scope, receive: Receive, send: Send, error: ApiError) -> None:
        first = await receive()
        if first["type"] != "websocket.connect":
            return
        if "websocket.http.response" in scope.get("extensions", {}):
            await send({
                "type": "websocket.http.response.start",
                "status": error.status,
                "headers": _encode({"Content-Type": "application/problem+json"} | error.headers),
            })
            await send({"type": "websocket.http.response.body", "body": _problem(error, scope)})
            return
        code = WS_TRY_AGAIN_LATER if error.status == 429 else WS_POLICY_VIOLATION
        await send({"type": "websocket.close", "code": code, "reason": error.detail[:120]})

