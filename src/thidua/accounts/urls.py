"""URLs of the accounts app: each slice's patterns are included here under /tai-khoan/."""

urlpatterns: list = []
