"""Agenda item numbers stay unique when many people add items at once (issue 9: 40 concurrent adds gave 17 distinct
numbers on PostgreSQL): a unique constraint plus ``core.sequences.save_numbered``'s retry."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import IntegrityError, connection, connections

from thidua.core import sequences
from thidua.emulation.conferences import services as svc
from thidua.emulation.conferences.choices import AgendaKind, ConferenceKind
from thidua.emulation.models import AgendaItem

THREADS = 30


def _conference(tree, users, people):
    return svc.conference_create(
        actor=users.officer,
        title="Hội nghị tổng kết thi đua năm 2020",
        kind=ConferenceKind.YEAR_END,
        host_unit=tree.tc,
        held_on=dt.date(2020, 10, 28),
        place="Hà Nội",
        chair=people.hung,
    )


def _add(conference, users, title: str):
    return svc.agenda_item_add(actor=users.officer, conference=conference, kind=AgendaKind.CONTRIBUTION, title=title)


def test_numbers_follow_on(tree, users, people):
    conference = _conference(tree, users, people)
    orders = [_add(conference, users, f"Tham luận {i}").order for i in range(3)]
    assert orders == [1, 2, 3]


def test_a_taken_number_is_retried_with_the_next_one(tree, users, people, monkeypatch):
    """Simulate the race: the first read returns a number another request has just taken."""
    conference = _conference(tree, users, people)
    _add(conference, users, "Khai mạc")
    real = sequences.next_number
    calls = []

    def stale(queryset, field):
        calls.append(field)
        return 1 if len(calls) == 1 else real(queryset, field)

    monkeypatch.setattr(sequences, "next_number", stale)
    item = _add(conference, users, "Tham luận")
    assert item.order == 2 and len(calls) == 2
    assert sorted(conference.agenda.values_list("order", flat=True)) == [1, 2]


def test_the_database_refuses_a_duplicate_number(tree, users, people):
    conference = _conference(tree, users, people)
    _add(conference, users, "Khai mạc")
    with pytest.raises(IntegrityError):
        AgendaItem.objects.create(conference=conference, order=1, kind=AgendaKind.CONTRIBUTION, title="Trùng")


@pytest.mark.django_db(transaction=True)
def test_concurrent_adds_get_distinct_numbers(tree, users, people):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL (DATABASE_URL=postgres://…)")
    conference = _conference(tree, users, people)
    barrier = threading.Barrier(THREADS)
    errors: list[BaseException] = []

    def add(n: int) -> None:
        try:
            barrier.wait()
            _add(conference, users, f"Tham luận {n}")
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=add, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    orders = sorted(AgendaItem.objects.filter(conference=conference).values_list("order", flat=True))
    assert orders == list(range(1, THREADS + 1))
