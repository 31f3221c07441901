"""Demo data for ``thidua demo``: :mod:`.data` holds the facts, :mod:`.load` loads them idempotently."""
