"""App config for the emulation cycle: movements, registrations, review periods, reports, conferences, scoring."""

from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "thidua.emulation"
    label = "emulation"
    verbose_name = "Phong trào thi đua"

    def ready(self) -> None:
        """Fill core's registries: the slices' "Việc cần làm" on the home page and their audit event labels."""
        from thidua.core import dashboard

        from .conferences.todos import minutes_todos
        from .movements.todos import registration_todos
        from .reports.todos import report_todos
        from .scoring.todos import scoring_todos

        dashboard.register_todos("reports", report_todos)
        dashboard.register_todos("registrations", registration_todos)
        dashboard.register_todos("minutes", minutes_todos)
        dashboard.register_todos("scoring", scoring_todos)
