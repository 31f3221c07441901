"""URLs of review conferences (Vietnamese paths without diacritics)."""

from django.urls import path

from . import views

urlpatterns = [
    path("hoi-nghi/", views.conference_list, name="conference_list"),
    path("hoi-nghi/them/", views.ConferenceCreateView.as_view(), name="conference_create"),
    path("hoi-nghi/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("hoi-nghi/<int:pk>/sua/", views.ConferenceEditView.as_view(), name="conference_edit"),
    path("hoi-nghi/<int:pk>/dai-bieu/", views.AttendeeAddView.as_view(), name="conference_attendee"),
    path("hoi-nghi/<int:pk>/chuong-trinh/", views.AgendaAddView.as_view(), name="conference_agenda"),
    path("hoi-nghi/<int:pk>/ket-qua/", views.OutcomeAddView.as_view(), name="conference_outcome"),
    path("hoi-nghi/<int:pk>/ban-giao/", views.HandoverView.as_view(), name="conference_handover"),
    path("hoi-nghi/<int:pk>/bau-khoi-truong/", views.ElectionView.as_view(), name="conference_elect"),
    path("hoi-nghi/<int:pk>/bien-ban/", views.MinutesEditView.as_view(), name="conference_minutes"),
    path("hoi-nghi/<int:pk>/bien-ban/soan/", views.MinutesDraftView.as_view(), name="conference_minutes_draft"),
    path("hoi-nghi/<int:pk>/bien-ban.docx", views.conference_minutes_docx, name="conference_minutes_docx"),
    path("hoi-nghi/<int:pk>/chot/", views.FreezeView.as_view(), name="conference_freeze"),
    path("hoi-nghi/<int:pk>/nhan-ban/", views.CloneView.as_view(), name="conference_clone"),
]
