"""Forms of the eligibility pages: candidate filters, starting a run, the "what if" check and a new rule version."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

from django import forms

from thidua.core.choices import Action
from thidua.core.forms import BootstrapFormMixin, CleanTextFormMixin
from thidua.core.validators import MAX_YEAR, MIN_YEAR
from thidua.org.forms import UnitChoiceField
from thidua.org.selectors import units_for_select

from .choices import Outcome
from .models import Award


def default_year() -> int:
    """Commendation is decided on the year just ended: last year by default."""
    return dt.date.today().year - 1


def year_field(**kwargs) -> forms.IntegerField:
    """The evaluated year (``nam``)."""
    return forms.IntegerField(label="Năm xét", min_value=MIN_YEAR, max_value=MAX_YEAR, **kwargs)


class CandidateFilterForm(BootstrapFormMixin, forms.Form):
    """Filters of the candidates page (GET): year, unit, award, outcome, name search."""

    nam = year_field(required=False)
    don_vi = UnitChoiceField(label="Đơn vị", queryset=None, required=False, empty_label="— Chọn đơn vị —")
    danh_hieu = forms.ChoiceField(label="Danh hiệu/Hình thức", required=False)
    ket_qua = forms.ChoiceField(label="Kết quả", required=False, choices=[("", "— Tất cả —"), *Outcome.choices])
    q = forms.CharField(label="Tìm theo tên", required=False, max_length=100)

    def __init__(self, *args, user, awards=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units_for_select(user, Action.VIEW)
        awards = Award.objects.filter(active=True).order_by("order", "code") if awards is None else awards
        self.fields["danh_hieu"].choices = [("", "— Tất cả —"), *((a.code, a.name) for a in awards)]

    def clean_nam(self) -> int:
        return self.cleaned_data.get("nam") or default_year()


class RunStartForm(CleanTextFormMixin, forms.Form):
    """Start an eligibility run for a year and a unit in the user's change scope."""

    nam = year_field()
    don_vi = UnitChoiceField(label="Đơn vị", queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["don_vi"].queryset = units_for_select(user, Action.CHANGE)


class WhatIfForm(BootstrapFormMixin, forms.Form):
    """Hypothetical facts for the evaluated year, to see the verdicts recomputed (nothing is saved)."""

    gia_dinh = forms.BooleanField(required=False, widget=forms.HiddenInput, initial=True)
    xep_loai = forms.ChoiceField(
        label="Mức hoàn thành nhiệm vụ năm xét",
        required=False,
        choices=[
            ("", "— Như dữ liệu —"),
            ("htxsnv", "Hoàn thành xuất sắc nhiệm vụ"),
            ("httnv", "Hoàn thành tốt nhiệm vụ"),
            ("htnv", "Hoàn thành nhiệm vụ"),
            ("khtnv", "Không hoàn thành nhiệm vụ"),
        ],
    )
    sang_kien_co_so = forms.BooleanField(label="Có sáng kiến được công nhận cấp cơ sở trong năm", required=False)
    cstdcs = forms.BooleanField(label="Đạt danh hiệu Chiến sĩ thi đua cơ sở trong năm", required=False)
    khong_ky_luat = forms.BooleanField(label="Không bị kỷ luật, không đang bị xem xét", required=False)

    def overrides(self) -> dict:
        """The ticked facts, in the engine's override vocabulary (only what the officer changed)."""
        data = self.cleaned_data
        out: dict = {}
        if data.get("xep_loai"):
            out["rating"] = data["xep_loai"]
        if data.get("sang_kien_co_so"):
            out["initiative_level"] = "co_so"
        if data.get("cstdcs"):
            out["title"] = "CSTDCS"
        if data.get("khong_ky_luat"):
            out["clear_discipline"] = True
        return out


class RuleVersionForm(BootstrapFormMixin, forms.Form):
    """A new rule version: paste a TOML/JSON document or upload the file; the rules module validates it."""

    document = forms.CharField(
        label="Nội dung quy tắc (TOML hoặc JSON)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "class": "font-monospace", "spellcheck": "false"}),
    )
    file = forms.FileField(label="hoặc tải tệp .toml/.json lên", required=False)
    source = forms.CharField(
        label="Nguồn (văn bản, người đề xuất)", required=False, max_length=255, help_text="Ví dụ: Công văn số …"
    )

    MAX_BYTES = 200_000

    def clean(self):
        data = super().clean()
        upload = data.get("file")
        text = data.get("document", "")
        if upload:
            if upload.size > self.MAX_BYTES:
                raise forms.ValidationError({"file": "Tệp quá lớn (tối đa 200 KB)."})
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise forms.ValidationError({"file": "Tệp phải là văn bản UTF-8."}) from None
        if not text.strip():
            raise forms.ValidationError({"document": "Dán nội dung quy tắc hoặc chọn tệp."})
        field = "file" if upload else "document"
        data["parsed"] = parse_rule_text(text, field=field)
        from .rules import RuleDocumentError, validate

        try:
            data["rule"] = validate(data["parsed"])
        except RuleDocumentError as exc:
            raise forms.ValidationError({field: f"{exc.path or '(tài liệu)'}: {exc.message}"}) from None
        return data


def parse_rule_text(text: str, *, field: str = "document") -> dict:
    """A rule document from TOML or JSON text (JSON when it starts with ``{``); a syntax error names the line."""
    stripped = text.strip()
    try:
        if stripped.startswith("{"):
            return json.loads(stripped)
        return tomllib.loads(stripped)
    except json.JSONDecodeError as exc:
        raise forms.ValidationError({field: f"JSON không hợp lệ (dòng {exc.lineno}): {exc.msg}"}) from None
    except tomllib.TOMLDecodeError as exc:
        raise forms.ValidationError({field: f"TOML không hợp lệ: {exc}"}) from None
