"""Per-request context (request id) shared by the audit log without threading it through every call."""

from __future__ import annotations

import contextvars
import uuid

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("thidua_request_id", default="")


def new_request_id(incoming: str | None = None) -> str:
    """Use a sane incoming X-Request-ID (from a proxy) or make one, and remember it for this request."""
    rid = incoming if incoming and len(incoming) <= 64 and incoming.replace("-", "").isalnum() else uuid.uuid4().hex
    _request_id.set(rid)
    return rid


def current_request_id() -> str:
    """The id of the request being served ('' outside a request, e.g. in a command)."""
    return _request_id.get()


def clear_request_id() -> None:
    """Forget the request id once the response is built."""
    _request_id.set("")
