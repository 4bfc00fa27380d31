"""RFC 9457 problem+json errors for every failure the API reports."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_JSON = "application/problem+json"
PROBLEM_BASE = "https://kairos.dev/problems/"


class Problem(Exception):
    """An API error: HTTP status, a short type slug, a title and a clear detail."""

    def __init__(self, status: int, kind: str, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.extra = extra

    def body(self, instance: str) -> dict[str, Any]:
        """The problem document."""
        return {
            "type": PROBLEM_BASE + self.kind,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
            "instance": instance,
            **self.extra,
        }


def bad_parameter(name: str, detail: str) -> Problem:
    """400: a parameter has a value the API cannot use."""
    return Problem(400, "bad-parameter", "Bad parameter", detail, parameter=name)


def not_found(kind: str, detail: str) -> Problem:
    """404: the named thing does not exist (unknown account, ...)."""
    return Problem(404, kind, "Not found", detail)


def problem_response(problem: Problem, request: Request) -> JSONResponse:
    """A JSONResponse with the problem+json media type."""
    return JSONResponse(
        problem.body(request.url.path), status_code=problem.status, media_type=PROBLEM_JSON
    )


def install(app: FastAPI) -> None:
    """Make every error of ``app`` a problem+json document."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return problem_response(exc, request)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        errors = [
            {
                "parameter": ".".join(str(part) for part in error.get("loc", ())[1:]) or "body",
                "location": str(error.get("loc", ("?",))[0]),
                "message": error.get("msg", ""),
            }
            for error in exc.errors()
        ]
        detail = "; ".join(f"{e['parameter']}: {e['message']}" for e in errors)
        problem = Problem(422, "invalid-request", "Invalid request", detail, errors=errors)
        return problem_response(problem, request)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        kind = "not-found" if exc.status_code == 404 else f"http-{exc.status_code}"
        problem = Problem(exc.status_code, kind, str(exc.detail), str(exc.detail))
        return problem_response(problem, request)

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
