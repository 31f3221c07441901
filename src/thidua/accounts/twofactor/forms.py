"""Forms of the second factor: the code at sign-in and the first code that confirms an enrollment."""

from __future__ import annotations

from django import forms


class CodeForm(forms.Form):
    """The code typed after the password: six digits from the app, or a recovery code."""

    code = forms.CharField(
        label="Mã xác thực",
        max_length=32,
        error_messages={"required": "Hãy nhập mã xác thực hoặc một mã khôi phục."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "class": "form-control", "spellcheck": "false"}
        ),
    )


class EnrollForm(forms.Form):
    """The first code of the newly added app, which proves it was set up with the secret shown."""

    code = forms.CharField(
        label="Mã 6 chữ số trong ứng dụng",
        max_length=16,
        error_messages={"required": "Hãy nhập mã gồm 6 chữ số đang hiện trong ứng dụng xác thực."},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "class": "form-control"}
        ),
    )
