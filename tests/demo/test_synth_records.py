"""``thidua synth-records``: deterministic bulk records for synthetic people, one family title a year."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from thidua.demo.synth.org import synthesize
from thidua.records.models import Achievement, AwardRecord, PersonRating, UnitRating


def _snapshot():
    return (
        list(PersonRating.objects.order_by("person_id", "year").values_list("person_id", "year", "rating")),
        list(AwardRecord.objects.order_by("id").values_list("person_id", "unit_id", "year", "award__code")),
    )


def test_synth_records(db, awards):
    synthesize(people=300, seed=3, units=None, batch_size=500, log=lambda line: None)
    out = StringIO()
    call_command("synth-records", "--years", "2016-2025", "--seed", "5", stdout=out)
    assert "Xong" in out.getvalue()
    assert PersonRating.objects.filter(year=2025).count() == 300
    assert UnitRating.objects.exists() and Achievement.objects.exists()
    duplicated = (
        AwardRecord.objects.exclude(family="")
        .values("person_id", "unit_id", "year", "family")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
    )
    assert not duplicated.exists()
    first = _snapshot()
    with pytest.raises(CommandError, match="--replace"):
        call_command("synth-records", "--years", "2016-2025", "--seed", "5", stdout=StringIO())
    call_command("synth-records", "--years", "2016-2025", "--seed", "5", "--replace", stdout=StringIO())
    second = _snapshot()
    assert first[0] == second[0] and [r[:3] + (r[3],) for r in first[1]] == [r[:3] + (r[3],) for r in second[1]]


def test_bad_years(db):
    with pytest.raises(CommandError):
        call_command("synth-records", "--years", "2016-20x5", stdout=StringIO())
    with pytest.raises(CommandError, match="chưa đến"):
        call_command("synth-records", "--years", "2016-2099", stdout=StringIO())
