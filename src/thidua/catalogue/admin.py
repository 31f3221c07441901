"""Admin registration of the award catalogue (danh hiệu, hình thức khen thưởng).

Read-only (see :mod:`thidua.core.admin_site`): the catalogue is seeded from ``catalogue/data/awards.toml``.
"""

from django.contrib import admin

from thidua.core.admin_site import ReadOnlyAdmin

from .models import Award


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    """The award catalogue, in its order; seeded from data, changed with the rules, never here."""

    list_display = ("code", "name", "kind", "subject", "level", "family", "active")
    list_filter = ("kind", "subject", "level", "active")
    search_fields = ("code", "name", "short_name")
