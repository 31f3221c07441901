"""URLs of the emulation app: each slice owns its ``<slice>/urls.py``; one line per slice here."""

from .conferences.urls import urlpatterns as conferences_urlpatterns
from .movements.urls import urlpatterns as movements_urlpatterns
from .reports.urls import urlpatterns as reports_urlpatterns
from .scoring.urls import urlpatterns as scoring_urlpatterns

urlpatterns = []
urlpatterns += movements_urlpatterns
urlpatterns += reports_urlpatterns
urlpatterns += conferences_urlpatterns
urlpatterns += scoring_urlpatterns
