"""App config for the award catalogue (danh hiệu thi đua and hình thức khen thưởng)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_catalogue(sender, using="default", **kwargs):
    """After every migrate: add the catalogue items missing from the table (idempotent; edits are kept)."""
    from .seed import seed_catalogue

    seed_catalogue(update=False)


class CatalogueConfig(AppConfig):
    name = "thidua.catalogue"
    label = "catalogue"
    verbose_name = "Danh mục khen thưởng"

    def ready(self):
        post_migrate.connect(_sync_catalogue, sender=self, dispatch_uid="catalogue_sync")
