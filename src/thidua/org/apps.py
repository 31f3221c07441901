"""App config for the organisation registry."""

from django.apps import AppConfig


def _count(model):
    """A home-page counter: how many rows of ``model`` the user may see."""

    def count(user) -> int:
        from thidua.core.choices import Action

        return model.objects.visible_to(user, Action.VIEW).count()

    return count


class OrgConfig(AppConfig):
    name = "thidua.org"
    label = "org"
    verbose_name = "Tổ chức, cán bộ"

    def ready(self):
        """Fill core's registries (core sits below org and never imports it): the unit tree scopes resolve against,
        the home page's counts, and the rank filters of the ``thidua`` template library."""
        from thidua.core import dashboard, scoping
        from thidua.core.templatetags.thidua import register as thidua_filters

        from . import template_filters
        from .models import EmulationGroup, OrgUnit, Person

        scoping.register_unit_tree(OrgUnit)
        dashboard.register_counter("unit_count", _count(OrgUnit))
        dashboard.register_counter("person_count", _count(Person))
        dashboard.register_counter("group_count", _count(EmulationGroup))
        template_filters.register_on(thidua_filters)
