"""URLs of the eligibility pages (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("xet-khen-thuong/", views.candidates, name="eligibility_candidates"),
    path("xet-khen-thuong/chay/", views.run_start, name="eligibility_run_start"),
    path("xet-khen-thuong/xuat-excel/", views.export, name="eligibility_export"),
    path("quy-tac-khen-thuong/", views.rules, name="rules"),
    path("quy-tac-khen-thuong/them/", views.rule_version_add, name="rule_version_add"),
    path("can-bo/<int:pk>/dieu-kien/", views.person_eligibility, name="person_eligibility"),
    path("don-vi/<int:pk>/dieu-kien/", views.unit_eligibility, name="unit_eligibility"),
]
