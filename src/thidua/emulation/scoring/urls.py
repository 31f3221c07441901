"""URLs of block scoring (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("cham-diem/", views.sheet_list, name="sheet_list"),
    path("cham-diem/them/", views.SheetCreateView.as_view(), name="sheet_create"),
    path("cham-diem/<int:pk>/", views.sheet_detail, name="sheet_detail"),
    path("cham-diem/<int:pk>/tieu-chi/", views.CriterionAddView.as_view(), name="sheet_criterion"),
    path("cham-diem/<int:pk>/cham/", views.ScoreView.as_view(), name="sheet_score"),
    path("cham-diem/<int:pk>/chuyen-buoc/", views.AdvanceView.as_view(), name="sheet_advance"),
    path("cham-diem/<int:pk>/suy-ton/", views.ProposalView.as_view(), name="sheet_propose"),
    path("cham-diem/<int:pk>/lich-su/", views.score_history, name="score_history"),
]
