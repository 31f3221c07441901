"""App config for the emulation cycle: movements, registrations, review periods, reports, conferences, scoring."""

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = "Phong trào thi đua"
