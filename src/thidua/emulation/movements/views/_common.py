"""What the movement slice's pages share: the form template, the ``?nam=`` year, a fetch that is a 404 when the
object is out of scope."""

from __future__ import annotations

import datetime as dt

from django.http import Http404

from thidua.core.validators import MAX_YEAR, MIN_YEAR

from ..models import Movement, Pact, Registration

FORM_TEMPLATE = "emulation/movements/form.html"


def _year(request) -> int:
    """``?nam=`` as a year (this year when missing or junk)."""
    try:
        year = int(request.GET.get("nam", ""))
    except ValueError:
        return dt.date.today().year
    return year if MIN_YEAR <= year <= MAX_YEAR else dt.date.today().year


def _get(fetch, *args):
    """``fetch(*args)`` from a scoped selector, an object out of scope (DoesNotExist) being a 404."""
    try:
        return fetch(*args)
    except (Movement.DoesNotExist, Registration.DoesNotExist, Pact.DoesNotExist) as exc:
        raise Http404 from exc
