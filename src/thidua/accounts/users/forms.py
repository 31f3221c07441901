"""Forms of the users pages (Vietnamese labels and errors). Field names match the services' keyword arguments, so a
service's ValidationError lands on the right input."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import PasswordChangeForm

from thidua.core.choices import Role
from thidua.core.forms import BootstrapFormMixin, DateField
from thidua.org.forms import UnitChoiceField

from . import selectors

PASSWORD_HELP = "Để trống để hệ thống tự tạo. Người dùng phải đổi mật khẩu này ngay lần đăng nhập đầu."


class _RoleFields(forms.Form):
    """Role, unit, with descendants, validity: the fields of a role assignment."""

    role = forms.ChoiceField(label="Vai trò", choices=[("", "— Chọn vai trò —"), *Role.choices])
    unit = UnitChoiceField(label="Đơn vị", queryset=None)
    include_descendants = forms.BooleanField(label="Kể cả các đơn vị trực thuộc", required=False, initial=True)
    valid_from = DateField("Hiệu lực từ ngày", required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.grantable_units(actor)
        self.fields["unit"].empty_label = "— Chọn đơn vị —"
        self.fields["unit"].error_messages["invalid_choice"] = (
            "Đơn vị không có hoặc nằm ngoài phạm vi quản trị của bạn."
        )


class UserCreateForm(BootstrapFormMixin, _RoleFields):
    """A new account: who, how to reach them, a temporary password (or generated) and the first role."""

    field_order = ["username", "full_name", "email", "password", "role", "unit", "include_descendants", "valid_from"]

    username = forms.CharField(
        label="Tên đăng nhập", max_length=150, help_text="Chữ cái không dấu, chữ số và . @ + - _; ví dụ: canbo_z111."
    )
    full_name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."}
    )
    password = forms.CharField(
        label="Mật khẩu tạm thời",
        required=False,
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class UserEditForm(BootstrapFormMixin, forms.Form):
    """An account's full name, e-mail and access to the read-only system admin (the username does not change)."""

    full_name = forms.CharField(label="Họ và tên", max_length=120)
    email = forms.EmailField(
        label="Thư điện tử", required=False, error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."}
    )
    is_staff = forms.BooleanField(
        label="Được vào trang Quản trị hệ thống",
        required=False,
        help_text=(
            "Trang xem (chỉ đọc) toàn bộ dữ liệu trong phạm vi; chỉ có tác dụng khi tài khoản có vai trò quản trị."
        ),
    )


class PasswordResetForm(BootstrapFormMixin, forms.Form):
    """A temporary password typed by the administrator, or none (generated)."""

    password = forms.CharField(
        label="Mật khẩu tạm thời",
        required=False,
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class RoleAssignForm(BootstrapFormMixin, _RoleFields):
    """A new role assignment on the user page."""

    valid_to = DateField("Hiệu lực đến ngày", required=False, help_text="Để trống nếu chưa xác định.")


class RoleEndForm(BootstrapFormMixin, forms.Form):
    """End a role on a date (today by default)."""

    valid_to = DateField("Kết thúc từ ngày", required=False, help_text="Để trống: kết thúc từ hôm nay.")


class ImportForm(BootstrapFormMixin, forms.Form):
    """The account list to import."""

    file = forms.FileField(
        label="Tệp Excel danh sách tài khoản (.xlsx)",
        error_messages={"required": "Hãy chọn tệp Excel.", "empty": "Tệp rỗng."},
    )


class OwnPasswordChangeForm(BootstrapFormMixin, PasswordChangeForm):
    """Django's password change form, with Vietnamese labels and help (its errors come from Django's vi catalogue and
    the password validators)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        self.fields["new_password1"].label = "Mật khẩu mới"
        self.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        self.fields[
            "new_password1"
        ].help_text = (
            "Ít nhất 10 ký tự; không toàn chữ số; không phải mật khẩu phổ biến; không giống tên đăng nhập hay họ tên."
        )
        self.fields["new_password2"].help_text = ""
        self.error_messages["password_incorrect"] = "Mật khẩu hiện tại không đúng. Hãy nhập lại."
        self.error_messages["password_mismatch"] = "Hai lần nhập mật khẩu mới không giống nhau."
