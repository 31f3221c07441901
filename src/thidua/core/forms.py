"""Forms of the core app and the small helpers every app's forms use (Bootstrap classes, date inputs)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.html import format_html

from . import vn
from .validators import validate_single_line, validate_text

# Dates are shown dd/mm/yyyy; what may be typed (dd/mm/yyyy, d-m-yyyy, d.m.yyyy, ISO) is vn.parse_date's to say.
DATE_DISPLAY_FORMAT = "%d/%m/%Y"
DATE_PLACEHOLDER = "dd/mm/yyyy"


class DateInput(forms.DateInput):
    """A text input showing dd/mm/yyyy with the vendored Vietnamese date picker (``static/js/vi-inputs.js``).

    Not ``type="date"``: a browser set to English shows that as mm/dd/yyyy with English month names.
    """

    input_type = "text"

    def __init__(self, attrs=None):
        defaults = {
            "placeholder": DATE_PLACEHOLDER,
            "inputmode": "numeric",
            "autocomplete": "off",
            "maxlength": "10",
            "data-date-picker": "",
        }
        super().__init__(attrs=defaults | (attrs or {}), format=DATE_DISPLAY_FORMAT)


class VietnameseDateField(forms.DateField):
    """A date typed dd/mm/yyyy (also d/m/yyyy, with "-" or ".", or ISO yyyy-mm-dd), read by :func:`vn.parse_date`;
    anything else, including a day that does not exist, is refused with a Vietnamese message naming the input."""

    widget = DateInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return vn.parse_date(str(value))
        except ValueError as exc:
            raise ValidationError(str(exc), code="invalid") from None


def DateField(label: str, required: bool = True, **kwargs) -> forms.DateField:  # noqa: N802 - reads like a field
    """A date field typed and shown dd/mm/yyyy with the Vietnamese date picker (:class:`VietnameseDateField`)."""
    return VietnameseDateField(label=label, required=required, **kwargs)


FILE_BUTTON_TEXT = "Chọn tệp…"
FILE_NONE_TEXT = "Chưa chọn tệp"


class FileInput(forms.FileInput):
    """A real ``<input type="file">`` (keyboard, screen readers, drag and drop, no JavaScript needed) drawn in
    Vietnamese: a "Chọn tệp…" button and the chosen file's name, or "Chưa chọn tệp".

    The browser's own control says "Choose File" / "No file chosen" in an English browser and cannot be relabelled.
    ``static/js/vi-inputs.js`` marks the wrapper ready (the real input then lies, transparent, over the Vietnamese
    face, so a click still lands on it) and writes the chosen name; without JavaScript the native control shows.
    """

    def render(self, name, value, attrs=None, renderer=None):
        control = super().render(name, value, attrs, renderer)
        return format_html(
            '<div class="vi-file" data-vi-file>{}<div class="vi-file-face form-control" aria-hidden="true">'
            '<span class="vi-file-button">{}</span><span class="vi-file-name" data-empty="{}">{}</span></div></div>',
            control,
            FILE_BUTTON_TEXT,
            FILE_NONE_TEXT,
            FILE_NONE_TEXT,
        )


def vietnamese_file_widget(widget: forms.Widget) -> forms.Widget:
    """The Vietnamese :class:`FileInput` in place of Django's file widgets (same attributes), others unchanged."""
    if not isinstance(widget, forms.FileInput) or isinstance(widget, FileInput):
        return widget
    replacement = FileInput(attrs=widget.attrs)
    replacement.is_required = widget.is_required
    return replacement


DJANGO_EMPTY_LABEL = "---------"


def vietnamese_empty_label(field: forms.Field) -> None:
    """A model select left with Django's "---------" first option says "— Chọn —" (required) or "— Không chọn —"."""
    if isinstance(field, forms.ModelChoiceField) and field.empty_label == DJANGO_EMPTY_LABEL:
        field.empty_label = "— Chọn —" if field.required else "— Không chọn —"


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
    characters in text, as every form does); file fields get the Vietnamese :class:`FileInput`, model selects a
    Vietnamese first option."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget = vietnamese_file_widget(field.widget)
            vietnamese_empty_label(field)
            add_bootstrap_class(field.widget)


COMMENT_MAX_LENGTH = 2000


class CommentForm(BootstrapFormMixin, forms.Form):
    """A confirmation (send, approve, freeze, close …) with an optional comment, kept in the audit event and shown on
    the object's page afterwards."""

    comment = forms.CharField(
        label="Ý kiến (không bắt buộc)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Ý kiến được lưu cùng thao tác và hiện trên trang của đối tượng.",
        error_messages={"max_length": "Ý kiến dài tối đa %(limit_value)d ký tự (hiện có %(show_value)d)."},
    )


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
