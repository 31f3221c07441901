"""URLs of the second factor (included by accounts/urls.py under /tai-khoan/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("xac-thuc/", views.verify, name="twofactor_verify"),
    path("bao-mat/", views.security, name="account_security"),
    path("bao-mat/dang-ky/", views.enroll, name="twofactor_enroll"),
    path("bao-mat/ma-khoi-phuc/", views.codes, name="twofactor_codes"),
    path("bao-mat/ma-khoi-phuc.txt", views.codes_download, name="twofactor_codes_download"),
    path("bao-mat/ma-khoi-phuc/tao-lai/", views.regenerate, name="twofactor_regenerate"),
    path("bao-mat/tat/", views.disable, name="twofactor_disable"),
    path("<int:pk>/xac-thuc-hai-lop/dat-lai/", views.reset, name="twofactor_reset"),
]
