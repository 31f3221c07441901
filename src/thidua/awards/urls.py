"""URLs of the awards app: each slice's own urls (Vietnamese paths without diacritics)."""

from .eligibility.urls import urlpatterns as eligibility_urlpatterns

urlpatterns = [*eligibility_urlpatterns]
