"""Admin of the accounts app: django-otp's device admins are taken off the site — a device holds a secret, and a
lost second factor is reset from the user's page (scoped, audited), never edited in the admin."""

from django.contrib import admin
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

for model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
