"""Paging helpers for large lists."""

from __future__ import annotations

from django.db.models import QuerySet


class IdsFirst:
    """A Paginator-compatible stand-in for a queryset that loads a page in two steps.

    A slice first selects only the page's primary keys — for the people search that is an index-only scan of the
    covering (search_key, sort_key) index and a top-50 sort — and then loads just those rows with their relations.
    Selecting whole rows (joined to their unit) in one statement made SQLite read every matching row of a 200,000-row
    table before sorting: 40–60 ms instead of 20 ms for a common name.
    """

    def __init__(self, queryset: QuerySet, *, select_related: tuple = (), prefetch_related: tuple = ()):
        self._qs = queryset
        self._select_related = select_related
        self._prefetch_related = prefetch_related

    def count(self) -> int:
        """Total rows (one COUNT query)."""
        return self._qs.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = list(self._qs.values_list("pk", flat=True)[key])
        loader = self._qs.model._default_manager.select_related(*self._select_related)
        rows = loader.prefetch_related(*self._prefetch_related).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
