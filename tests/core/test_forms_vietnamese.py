"""Core form helpers a user sees in any browser: the file field's Vietnamese face and the first option of a model
select (not Django's "---------")."""

from __future__ import annotations

import pytest
from django import forms

from thidua.core.forms import BootstrapFormMixin
from thidua.org.models import OrgUnit


class _Form(BootstrapFormMixin, forms.Form):
    file = forms.FileField(label="Tệp")
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), required=False)
    parent = forms.ModelChoiceField(queryset=OrgUnit.objects.none())


def test_a_file_field_keeps_a_real_input_with_a_vietnamese_face():
    html = str(_Form()["file"])
    assert 'type="file"' in html and 'name="file"' in html and "required" in html
    assert "Chọn tệp…" in html and "Chưa chọn tệp" in html
    assert "data-vi-file" in html


@pytest.mark.django_db
def test_model_selects_start_with_a_vietnamese_option():
    form = _Form()
    assert '<option value="" selected>— Không chọn —</option>' in str(form["unit"])
    assert '<option value="" selected>— Chọn —</option>' in str(form["parent"])
    assert "---------" not in str(form["unit"]) + str(form["parent"])
