"""What the home page counts for a user: a registry that the apps above core fill in their AppConfig.ready.

Core sits below every other app and never imports them; an app that wants a count on the home page registers a
function ``user → int`` under the template variable's name (``unit_count``, ``person_count`` …).
"""

from __future__ import annotations

from collections.abc import Callable

COUNTERS: dict[str, Callable] = {}


def register_counter(name: str, count: Callable) -> None:
    """Show ``count(user)`` on the home page as ``{{ name }}``."""
    COUNTERS[name] = count


def counts(user) -> dict[str, int]:
    """Every registered count for ``user`` (each one scoped by the function that computes it)."""
    return {name: count(user) for name, count in COUNTERS.items()}
