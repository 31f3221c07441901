"""Formula injection (issue 9): a person, unit, conference or movement named ``=HYPERLINK(…)`` (or starting with
``+``, ``-``, ``@``, a tab or a carriage return) stays plain text in EVERY Excel export: each list page of the app is
exported with demo data whose names were turned into formulas, and no cell of any workbook is a formula."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from thidua.core.models import User
from thidua.core.xlsx import Formats, open_book, write_value
from thidua.emulation.models import Conference, CriteriaSheet, Movement, ReviewPeriod
from thidua.org.models import OrgUnit, Person

FORMULA = '=HYPERLINK("http://vi-du.invalid/x","'
PREFIXES = ["=", "+", "-", "@", "\t", "\r"]
SKIP = ("api/", "quan-tri/", "dang-xuat", "tai-khoan/dang-xuat")


def _static_paths(resolver=None, prefix: str = "") -> list[str]:
    """Every URL of the app without a parameter (the list pages are among them)."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = str(entry.pattern)
        if "<" in route or "(?P" in route or route.startswith("^"):
            continue
        if isinstance(entry, URLResolver):
            found += _static_paths(entry, prefix + route)
        elif isinstance(entry, URLPattern):
            found.append("/" + prefix + route)
    return [path for path in found if not path.lstrip("/").startswith(SKIP)]


@pytest.fixture
def hostile_demo(db):
    """The demo, with every person, unit, conference and movement renamed to a formula or a risky prefix."""
    call_command("demo", stdout=io.StringIO())
    Person.objects.update(full_name=Concat(Value(FORMULA), F("full_name"), Value('")')))
    OrgUnit.objects.filter(depth__gte=3).update(short_name=Concat(Value("+"), F("short_name")))
    OrgUnit.objects.update(name=Concat(Value("@"), F("name")))
    Conference.objects.update(title=Concat(Value("-"), F("title")))
    Movement.objects.update(name=Concat(Value("=1+1 "), F("name")))
    return User.objects.get(username="admin")


def _export_paths() -> list[str]:
    paths = _static_paths()
    paths += [f"/ky-bao-cao/{pk}/" for pk in ReviewPeriod.objects.values_list("pk", flat=True)[:2]]
    paths += [f"/cham-diem/{pk}/" for pk in CriteriaSheet.objects.values_list("pk", flat=True)[:2]]
    return paths


def test_every_export_writes_user_text_as_text(client, hostile_demo):
    client.force_login(hostile_demo)
    exported, hostile_cells = [], 0
    for path in _export_paths():
        response = client.get(path, {"export": "xlsx"})
        if response.status_code != 200 or "spreadsheetml" not in response.get("Content-Type", ""):
            continue
        exported.append(path)
        for sheet in load_workbook(io.BytesIO(response.content)).worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, cell.coordinate, cell.value)
                    if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "@", "-"):
                        assert cell.data_type == "s"
                        hostile_cells += 1
    assert len(exported) >= 12, exported  # people, units, groups, records, movements, reports, scoring …
    assert hostile_cells > 100
    people = client.get("/can-bo/", {"export": "xlsx"})
    values = [c.value for row in load_workbook(io.BytesIO(people.content)).active.iter_rows() for c in row]
    assert any(isinstance(v, str) and v.startswith(FORMULA) and v.endswith('")') for v in values)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_write_value_keeps_a_risky_prefix_as_the_same_text(prefix):
    book, buffer = open_book()
    sheet = book.add_worksheet()
    text = f'{prefix}HYPERLINK("http://x","y")'
    write_value(sheet, 0, 0, text, Formats(book))
    book.close()
    content = buffer.getvalue()
    assert load_workbook(io.BytesIO(content)).active["A1"].data_type == "s"
    # calamine decodes Excel's _x000D_ escape of a carriage return as Excel does (openpyxl leaves it escaped)
    assert CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0).to_python()[0][0] == text
