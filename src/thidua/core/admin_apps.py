"""The admin app's configuration, apart from :mod:`.admin_site` because it is imported before the models exist."""

from django.contrib.admin.apps import AdminConfig


class ThiduaAdminConfig(AdminConfig):
    """``django.contrib.admin`` with :class:`thidua.core.admin_site.ThiduaAdminSite` as ``admin.site``."""

    default_site = "thidua.core.admin_site.ThiduaAdminSite"
