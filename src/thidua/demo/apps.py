"""App config for the demo and synthetic data (``thidua demo``, ``thidua synth``, ``thidua synth-records``).

The top layer: it writes through the services of every app below, and nothing below knows it exists."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "thidua.demo"
    label = "demo"
    verbose_name = "Dữ liệu mẫu"
