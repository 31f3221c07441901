"""App config for awards: its slices (today ``eligibility/``: rule sets and the eligibility engine)."""

from importlib import import_module

from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The slices whose models.py holds models of this app (app label ``awards``); nominations, councils and decisions
# will join the list.
SLICES = ("eligibility",)


def _sync_rules(sender, using="default", **kwargs):
    """After every migrate: store changed rule files as new versions (idempotent). The catalogue app, installed
    before this one, has added its missing items by then."""
    from .eligibility.rules.loader import load_rule_files

    load_rule_files()


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def import_models(self):
        """Django looks for ``awards/models.py``; this app keeps its models in each slice's ``models.py`` instead,
        so import those (they get the label ``awards`` as modules inside this app's package)."""
        super().import_models()
        for slice_name in SLICES:
            self.models_module = import_module(f"{self.name}.{slice_name}.models")

    def ready(self):
        # Job kinds register themselves on import; core's autodiscovery only looks for ``awards/tasks.py``.
        for slice_name in SLICES:
            import_module(f"{self.name}.{slice_name}.tasks")
        post_migrate.connect(_sync_rules, sender=self, dispatch_uid="awards_sync_rules")
