"""App config for the award catalogue, rule sets and the eligibility engine."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_catalogue_and_rules(sender, using="default", **kwargs):
    """After every migrate: add missing catalogue items and store changed rule files as new versions (idempotent)."""
    from .catalogue import seed_catalogue
    from .models import Award
    from .rules.loader import load_rule_files

    seed_catalogue(Award, update=False)
    load_rule_files()


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        post_migrate.connect(_sync_catalogue_and_rules, sender=self, dispatch_uid="awards_sync_rules")
