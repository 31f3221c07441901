"""Top-level URL configuration: the web UI of each app, the API and authentication."""

from django.contrib import admin
from django.urls import include, path

from thidua.api.api import api

urlpatterns = [
    path("", include("thidua.core.urls")),
    path("", include("thidua.org.urls")),
    path("tai-khoan/", include("thidua.accounts.urls")),
    path("", include("thidua.records.urls")),
    path("", include("thidua.awards.urls")),
    path("", include("thidua.emulation.urls")),
    path("api/v1/", api.urls),
    path("quan-tri/", admin.site.urls),
]
