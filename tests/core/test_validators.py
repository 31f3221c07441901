"""The one check of user text (core.validators) and where it applies: forms (core.forms mixins), list filters
(core.filters.BaseFilterSet), API schemas (core.schemas) and the middleware guard for any other parameter."""

from __future__ import annotations

import pytest
from django import forms
from pydantic import ValidationError as PydanticError

from thidua.core.filters import YearFilter
from thidua.core.forms import BootstrapFormMixin, CleanTextFormMixin
from thidua.core.schemas import InputSchema, Line, Year
from thidua.core.validators import has_control_characters


@pytest.mark.parametrize("text", ["\x00", "a\x01", "\x08", "\x0b", "\x1b", "\x7f", "\x85", "\x9f"])
def test_control_characters_are_found(text):
    assert has_control_characters(text)
    assert has_control_characters(text, multiline=False)


def test_tab_and_newlines_only_in_multiline_text():
    assert not has_control_characters("Dòng 1\r\nDòng 2\tcột")
    assert has_control_characters("Dòng 1\nDòng 2", multiline=False)
    assert not has_control_characters("Tên\tcột", multiline=False)
    assert not has_control_characters("Nguyễn Văn Ánh — Đại tá")


class NoteForm(BootstrapFormMixin, forms.Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)


class PlainForm(CleanTextFormMixin, forms.Form):
    name = forms.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["late"] = forms.CharField(required=False)  # added after __init__: still checked


def test_form_refuses_control_characters_with_a_vietnamese_message():
    form = NoteForm({"name": "Tổ\x07 1", "note": "Dòng 1\nDòng 2"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    assert "ký tự điều khiển" in form.errors["name"][0]
    assert not NoteForm({"name": "Tổ 1", "note": "a\x00b"}).is_valid()
    assert not NoteForm({"name": "Tổ\n1"}).is_valid()  # one line only outside a text area


def test_fields_added_later_are_checked_too():
    assert PlainForm({"name": "A"}).is_valid()
    form = PlainForm({"name": "A", "late": "x\x1by"})
    assert not form.is_valid() and "late" in form.errors


def test_year_filter_range():
    field = YearFilter().field
    assert field.clean("2025") == 2025
    for value in ("0", "1944", "2101", "99999999999", "-515"):
        with pytest.raises(forms.ValidationError):
            field.clean(value)


class Sample(InputSchema):
    year: Year
    name: Line
    note: str = ""
    tags: list[str] = []
    optional: str | None = None


def test_input_schema_checks_every_text():
    assert Sample(year=2025, name="Tổ 1", note="a\nb", tags=["x"], optional=None).name == "Tổ 1"
    for bad in ({"note": "\x00"}, {"tags": ["ok", "\x01"]}, {"name": "a\nb"}, {"year": 10000}, {"year": -515}):
        with pytest.raises(PydanticError):
            Sample(**{"year": 2025, "name": "Tổ", **bad})
    with pytest.raises(PydanticError) as err:
        Sample(year=2025, name=None)
    assert "null" in str(err.value)
