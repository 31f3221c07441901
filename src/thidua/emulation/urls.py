"""URLs of the emulation app: each slice owns its ``urls_<slice>.py``; one line per slice here."""

from .urls_conferences import urlpatterns as conferences_urlpatterns
from .urls_movements import urlpatterns as movements_urlpatterns
from .urls_reports import urlpatterns as reports_urlpatterns
from .urls_scoring import urlpatterns as scoring_urlpatterns

urlpatterns = []
urlpatterns += movements_urlpatterns
urlpatterns += reports_urlpatterns
urlpatterns += conferences_urlpatterns
urlpatterns += scoring_urlpatterns
