"""App config for yearly records (ratings, titles received, achievements, discipline, leave)."""

from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "thidua.records"
    label = "records"
    verbose_name = "Hồ sơ thành tích"
