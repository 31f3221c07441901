"""Middleware: a request id on every request and response, no caching of logged-in pages, and the client's address
behind trusted reverse proxies."""

from __future__ import annotations

import ipaddress

from django.conf import settings

from .context import clear_request_id, new_request_id


class RequestIdMiddleware:
    """Give each request an id, echo it in ``X-Request-ID`` and let the audit log record it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = new_request_id(request.headers.get("X-Request-ID"))
        try:
            response = self.get_response(request)
        finally:
            clear_request_id()
        response["X-Request-ID"] = request.request_id
        return response


class CurrentActorMiddleware:
    """Pages for a logged-in user must not be stored by shared caches or the browser's back/forward cache."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            response.setdefault("Cache-Control", "private, no-store")
        return response


def client_ip(request) -> str | None:
    """The address of the person behind a request, for the login lockout (django-axes' ``AXES_CLIENT_IP_CALLABLE``).

    Without configured proxies it is the connection's address: an ``X-Forwarded-For`` header is ignored, since
    anyone can send one. With ``THIDUA_TRUSTED_PROXIES`` (address prefixes such as ``10.0.0.``) the addresses of
    ``X-Forwarded-For`` are read from the right, skipping trusted proxies, and the first untrusted one is the client;
    a request that did not come from a trusted proxy keeps its own address. With ``THIDUA_PROXY_COUNT = n`` (each of
    the n proxies appends the address it saw), the client is the n-th address from the right: whatever a client
    writes in the header itself stays to the left and is never believed.
    """
    remote = request.META.get("REMOTE_ADDR")
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    trusted = tuple(settings.THIDUA_TRUSTED_PROXIES)
    count = settings.THIDUA_PROXY_COUNT
    if trusted:
        chain = [*hops, remote or ""]
        while len(chain) > 1 and chain[-1].startswith(trusted):
            chain.pop()
        found = chain[-1]
    elif count and len(hops) >= count:
        found = hops[-count]
    else:
        return remote
    return found if _is_address(found) else remote


def _is_address(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address (a forged header may hold anything)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True
