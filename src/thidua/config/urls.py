"""Top-level URL configuration: the web UI of each app, the API and authentication."""

from django.contrib import admin
from django.urls import include, path, re_path

from thidua.api.api import api, not_found

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("", include("thidua.org.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.records.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.emulation.urls")),
    path("api/v1/", api.urls),
    re_path(
        r"^api/", not_found, name="api_not_found"
    ),  # any other API path (unknown route, non-integer id): a JSON 404
    path("quan-tri/", admin.site.urls),
]
