"""URLs of the org app (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("don-vi/", views.unit_tree, name="unit_tree"),
    path("don-vi/danh-sach/", views.unit_list, name="unit_list"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:pk>/truc-thuoc/", views.unit_children, name="unit_children"),
    path("don-vi/<int:pk>/them-don-vi/", views.UnitCreateView.as_view(), name="unit_create"),
    path("don-vi/<int:pk>/sua/", views.UnitEditView.as_view(), name="unit_edit"),
    path("don-vi/<int:pk>/doi-ten/", views.UnitRenameView.as_view(), name="unit_rename"),
    path("don-vi/<int:pk>/chuyen/", views.UnitMoveView.as_view(), name="unit_move"),
    path("don-vi/<int:pk>/sap-nhap/", views.UnitMergeView.as_view(), name="unit_merge"),
    path("can-bo/", views.person_list, name="person_list"),
    path("can-bo/them/", views.PersonCreateView.as_view(), name="person_create"),
    path("can-bo/<int:pk>/", views.person_detail, name="person_detail"),
    path("can-bo/<int:pk>/sua/", views.PersonEditView.as_view(), name="person_edit"),
    path("can-bo/<int:pk>/cap-bac/", views.RankAddView.as_view(), name="person_rank"),
    path("can-bo/<int:pk>/chuc-vu/", views.PositionAddView.as_view(), name="position_add"),
    path("can-bo/<int:pk>/chuc-vu/<int:position_pk>/ket-thuc/", views.PositionEndView.as_view(), name="position_end"),
    path("can-bo/<int:pk>/dieu-dong/", views.TransferView.as_view(), name="person_transfer"),
    path("can-bo/<int:pk>/thoi-gian-phuc-vu/", views.ServicePeriodAddView.as_view(), name="service_period_add"),
    path("khoi-thi-dua/", views.group_list, name="group_list"),
    path("khoi-thi-dua/them/", views.GroupCreateView.as_view(), name="group_create"),
    path("khoi-thi-dua/<int:pk>/", views.group_detail, name="group_detail"),
    path("khoi-thi-dua/<int:pk>/khoi-truong/", views.GroupLeaderView.as_view(), name="group_leader"),
    path("khoi-thi-dua/<int:pk>/ban-giao/", views.HandoverView.as_view(), name="group_handover"),
]
