"""Property: on random small histories the bulk engine and the one-subject check agree for every person and award."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.awards.eligibility.engine import evaluate, explain
from thidua.org.models import Person, Position, ServicePeriod

from .engine_helpers import achievement, discipline, person, review, service, title

YEARS = list(range(2019, 2026))
RATINGS = st.sampled_from([None, "htxsnv", "httnv", "htnv", "khtnv"])
TITLES = st.sampled_from([None, "CSTT", "CSTDCS", "LDTT"])
history = st.fixed_dictionaries(
    {
        "gender": st.sampled_from(["nam", "nu"]),
        "category": st.sampled_from(["si_quan", "hsq_bs", "cnvqp"]),
        "start": st.dates(dt.date(1985, 1, 1), dt.date(2025, 6, 1)),
        "break_days": st.one_of(st.none(), st.integers(1, 4000)),
        "ratings": st.lists(RATINGS, min_size=len(YEARS), max_size=len(YEARS)),
        "titles": st.lists(TITLES, min_size=len(YEARS), max_size=len(YEARS)),
        "achievements": st.lists(
            st.tuples(
                st.sampled_from(YEARS),
                st.sampled_from(["sang_kien", "de_tai"]),
                st.sampled_from(["co_so", "toan_quan", "toan_quoc"]),
            ),
            max_size=3,
        ),
        "discipline": st.one_of(st.none(), st.dates(dt.date(2022, 1, 1), dt.date(2025, 12, 31))),
        "review": st.booleans(),
        "medal": st.booleans(),
        "time_factor": st.sampled_from([1, 2]),  # of the first service period
        "posts": st.lists(
            st.tuples(
                st.sampled_from(["0.7", "0.8", "0.9", "1.0"]),
                st.dates(dt.date(2005, 1, 1), dt.date(2025, 12, 31)),
                st.one_of(st.none(), st.integers(0, 5000)),
            ),
            max_size=3,
        ),
        "order": st.sampled_from([None, "HCBVTQ_HANG_BA", "HCBVTQ_HANG_NHI"]),
    }
)


@pytest.mark.django_db
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(histories=st.lists(history, min_size=1, max_size=4), year=st.sampled_from([2023, 2024, 2025]))
def test_bulk_and_explain_agree(tree, histories, year):
    Person.objects.all().delete()
    people = []
    for h in histories:
        p = person(tree.nm, gender=h["gender"], category=h["category"], enlisted=None)
        if h["break_days"]:
            mid = h["start"] + dt.timedelta(days=h["break_days"])
            service(p, (h["start"], mid), (mid + dt.timedelta(days=200), None))
        else:
            service(p, (h["start"], None))
        for y, r in zip(YEARS, h["ratings"], strict=True):
            if r:
                p.ratings.create(year=y, rating=r)
        for y, t in zip(YEARS, h["titles"], strict=True):
            if t:
                title(p, t, y)
        for y, kind, level in h["achievements"]:
            achievement(p, y, kind, level)
        if h["discipline"]:
            discipline(p, "khien_trach", h["discipline"])
        if h["review"]:
            review(p, dt.date(year, 6, 1))
        if h["medal"]:
            title(p, "HC_QKQT", 2020)
        ServicePeriod.objects.filter(person=p, start_on=h["start"]).update(time_factor=h["time_factor"])
        for coefficient, start, days in h["posts"]:
            end = start + dt.timedelta(days=days) if days is not None else None
            Position.objects.create(
                person=p, title="Chỉ huy", unit=p.unit, start_on=start, end_on=end, coefficient=coefficient
            )
        if h["order"]:
            title(p, h["order"], 2019)
        people.append(p)
    bulk = {
        (v.subject_id, v.award_code): v for v in evaluate(year, include_not_eligible=True) if v.subject_type == "person"
    }
    # The fast path (pre-filters, certainly-met shortcuts, only eligible and soon kept) gives the same verdicts.
    fast = {(v.subject_id, v.award_code): (v.outcome, v.soon_on) for v in evaluate(year) if v.subject_type == "person"}
    assert fast == {k: (v.outcome, v.soon_on) for k, v in bulk.items() if v.outcome != "chua_du"}
    codes = {code for (_, code) in bulk}
    for p in people:
        for code in codes:
            if (p.pk, code) not in bulk:
                continue
            single = explain(p, code, year)
            got = bulk[(p.pk, code)]
            assert (got.outcome, got.soon_on, got.rule_version_id) == (
                single.outcome,
                single.soon_on,
                single.rule_version_id,
            ), code
            assert [r.text for r in got.reasons] == [r.text for r in single.reasons]
