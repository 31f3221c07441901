"""Paging helpers for large lists."""

from __future__ import annotations

from django.db.models import QuerySet

CHUNK = 2000  # rows loaded per step when every row is read (Excel export, print)


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

    def __getattr__(self, name):
        """Queryset methods pass through; one that returns a queryset (``order_by``, ``sorted_vn`` …) returns an
        IdsFirst again, so a list table (django-tables2) can order and page it like a queryset."""
        if name.startswith("_"):
            raise AttributeError(name)
        attr = getattr(self._qs, name)
        if not callable(attr):
            return attr

        def wrapped(*args, **kwargs):
            result = attr(*args, **kwargs)
            if isinstance(result, QuerySet):
                return IdsFirst(result, select_related=self._select_related, prefetch_related=self._prefetch_related)
            return result

        return wrapped

    def __iter__(self):
        """Every row, loaded ``CHUNK`` at a time (never one query per row)."""
        start = 0
        while True:
            rows = self[start : start + CHUNK]
            yield from rows
            if len(rows) < CHUNK:
                return
            start += CHUNK

    def __getitem__(self, key):
        if isinstance(key, int):
            return self[key : key + 1][0]
        ids = list(self._qs.values_list("pk", flat=True)[key])
        loader = self._qs.model._default_manager.select_related(*self._select_related)
        rows = loader.prefetch_related(*self._prefetch_related).in_bulk(ids)
        return [rows[pk] for pk in ids if pk in rows]
