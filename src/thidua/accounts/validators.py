"""The password policy (``AUTH_PASSWORD_VALIDATORS``) with its messages written in Vietnamese here.

Django's Vietnamese catalogue lags behind its code: since Django 5.2 the "too short" message has a new text that the
``vi`` catalogue does not translate, so it would appear in English inside a Vietnamese page. These subclasses keep
Django's checks and give every message and help text in Vietnamese, whatever catalogue is installed.
"""

from __future__ import annotations

from django.contrib.auth import password_validation as pv
from django.core.exceptions import ValidationError


class MinimumLengthValidator(pv.MinimumLengthValidator):
    """At least ``min_length`` characters (10 in the settings)."""

    def __init__(self, min_length: int = 10):
        super().__init__(min_length)

    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu phải có ít nhất {self.min_length} ký tự."


class UserAttributeSimilarityValidator(pv.UserAttributeSimilarityValidator):
    """Not too similar to the username, the full name or the e-mail address."""

    ATTRIBUTES = ("username", "full_name", "email", "first_name", "last_name")

    def __init__(self, user_attributes=ATTRIBUTES, max_similarity: float = 0.7):
        super().__init__(user_attributes=user_attributes, max_similarity=max_similarity)

    def validate(self, password, user=None):
        try:
            super().validate(password, user)
        except ValidationError as exc:
            name = str((exc.params or {}).get("verbose_name", "thông tin cá nhân")).lower()
            raise ValidationError(f"Mật khẩu quá giống với {name}.", code="password_too_similar") from None

    def get_help_text(self):
        return "Mật khẩu không được quá giống tên đăng nhập, họ tên hay thư điện tử của bạn."


class CommonPasswordValidator(pv.CommonPasswordValidator):
    """Not one of the 20,000 most common passwords (Django's list)."""

    def get_error_message(self):
        return "Mật khẩu này quá phổ biến, dễ bị đoán."

    def get_help_text(self):
        return "Mật khẩu không được là mật khẩu phổ biến."


class NumericPasswordValidator(pv.NumericPasswordValidator):
    """Not only digits."""

    def get_error_message(self):
        return "Mật khẩu không được chỉ gồm chữ số."

    def get_help_text(self):
        return "Mật khẩu không được chỉ gồm chữ số."
