"""URLs of the accounts app: each slice's patterns are included here under /tai-khoan/."""

from django.urls import include, path

urlpatterns: list = [
    path("", include("thidua.accounts.users.urls")),
    path("", include("thidua.accounts.twofactor.urls")),
]
