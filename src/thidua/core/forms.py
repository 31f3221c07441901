"""Forms of the core app and the small helpers every app's forms use (Bootstrap classes, date inputs)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator

from .validators import validate_single_line, validate_text

# A date typed in any of the ways Vietnamese users write one, besides the date picker's YYYY-MM-DD.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    """An HTML ``<input type="date">`` (the browser shows a date picker; the value travels as YYYY-MM-DD)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def DateField(label: str, required: bool = True, **kwargs) -> forms.DateField:  # noqa: N802 - reads like a field
    """A date field rendered as ``type="date"`` that also accepts typed dd/mm/yyyy."""
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        input_formats=DATE_INPUT_FORMATS,
        **kwargs,
    )


def add_bootstrap_class(widget: forms.Widget) -> None:
    """Give a widget its Bootstrap class (check box, select or text control)."""
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple | forms.RadioSelect):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


def add_text_validator(field: forms.Field) -> None:
    """Refuse control characters in a text field (``core.validators``): newlines only in a multi-line text area."""
    if not isinstance(field, forms.CharField):
        return
    validator = validate_text if isinstance(field.widget, forms.Textarea) else validate_single_line
    if validator not in field.validators:
        field.validators.append(validator)


class CleanTextFormMixin:
    """Every text field of the form refuses NUL bytes and control characters, with a Vietnamese message (fields added
    or given a text area after ``__init__`` included: the validators are attached when the form is cleaned)."""

    def full_clean(self):
        for field in self.fields.values():
            add_text_validator(field)
        super().full_clean()


class BootstrapFormMixin(CleanTextFormMixin):
    """Give every widget its Bootstrap class, so templates can render fields in a loop (and refuse control
    characters in text, as every form does)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            add_bootstrap_class(field.widget)


class VersionedFormMixin(forms.Form):
    """A hidden ``version`` field: the version of the record the form was built from (optimistic locking)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TokenForm(BootstrapFormMixin, forms.Form):
    """Create a personal access token: a name to recognise it by and how many days it stays valid."""

    name = forms.CharField(label="Tên gợi nhớ", max_length=80, help_text="Ví dụ: Máy chủ báo cáo, Tập lệnh nhập liệu.")
    days = forms.IntegerField(label="Thời hạn (ngày)", min_value=1, initial=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_days = settings.API_TOKEN_MAX_DAYS
        self.fields["days"].widget.attrs["max"] = max_days
        self.fields["days"].help_text = f"Tối đa {max_days} ngày."
        self.fields["days"].validators.append(
            MaxValueValidator(max_days, message=f"Thời hạn tối đa là {max_days} ngày.")
        )
