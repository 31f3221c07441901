"""Permission-matrix entries of the second-factor pages (collected by tests/test_permission_matrix.py).

Every subject signs in with ``force_login`` and the second factor not required (the tests' default), and nobody in
the matrix world has a device: the code page has nothing to ask and sends them on, the security and enrollment pages
are everyone's own. None of the subjects is an administrator, so the reset of another user's second factor is a 404
for all of them (the scoped cases are in tests/accounts/twofactor/test_views.py)."""

from __future__ import annotations

from tests import matrix as mx

R = mx.Route
SIGNED_IN = {**mx.every(200), "anonymous": mx.LOGIN}
GOES_ON = {**mx.every(mx.REDIRECT), "anonymous": mx.LOGIN}
POST_ONLY = {**mx.every(405), "anonymous": mx.LOGIN}

ROUTES: list[mx.Route] = [
    R(
        "twofactor_verify",
        {"GET": GOES_ON, "POST": GOES_ON},
        data=lambda w: {"code": "123456"},
        note="nothing owed (no device): sent on to the home page",
    ),
    R("account_security", {"GET": SIGNED_IN}, note="the user's own page"),
    R(
        "twofactor_enroll",
        {"GET": SIGNED_IN, "POST": SIGNED_IN},
        data=lambda w: {"code": "12"},
        note="one's own enrollment; a malformed code re-renders the form with the error",
    ),
    R("twofactor_codes", {"GET": GOES_ON, "POST": GOES_ON}, note="no fresh codes: back to the security page"),
    R(
        "twofactor_codes_download",
        {"GET": {**mx.every(404), "anonymous": mx.LOGIN}},
        note="only while fresh codes are being shown to this session",
    ),
    R(
        "twofactor_regenerate",
        {"GET": POST_ONLY, "POST": GOES_ON},
        note="not enrolled: back to the security page with an error, nothing written",
    ),
    R("twofactor_disable", {"GET": POST_ONLY, "POST": GOES_ON}, note="not enrolled: back with an error"),
    R(
        "twofactor_reset",
        {"GET": POST_ONLY, "POST": {**mx.every(404), "anonymous": mx.LOGIN}},
        url=lambda w: {"pk": w.users.officer.pk},
        note="administrators of the user's subtree only",
    ),
]
