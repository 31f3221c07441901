"""Permission-matrix entries of the users pages (collected by tests/test_permission_matrix.py).

None of the matrix's subjects is an administrator, so every users page is a 404 for them (the pages do not exist for
a user who manages no accounts) and a sign-in redirect for anonymous users; the scoped administrator's 404 on another
subtree is tested route by route in ``test_policies.py``. Everyone signed in may open their own password page.
"""

from __future__ import annotations

from tests import matrix as mx

R = mx.Route
ADMIN_ONLY = {**mx.every(404), "anonymous": mx.LOGIN}
POST_ONLY = {"GET": {**mx.every(405), "anonymous": mx.LOGIN}, "POST": ADMIN_ONLY}


def _officer(w) -> dict:
    return {"pk": w.users.officer.pk}


def _officer_role(w) -> dict:
    return {"pk": w.users.officer.pk, "assignment_pk": w.users.officer.role_assignments.get().pk}


def _new_user(w) -> dict:
    return {"username": "matran_moi", "full_name": "Ma Trận", "role": "viewer", "unit": w.tree.tc.pk}


ROUTES: list[mx.Route] = [
    R("user_list", {"GET": ADMIN_ONLY}, note="administrators only"),
    R("user_create", {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY}, data=_new_user),
    R("user_import", {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY}),
    R("user_import_template", {"GET": ADMIN_ONLY}),
    R("user_import_passwords", {"GET": ADMIN_ONLY}, note="404 for an administrator too once downloaded"),
    R("user_detail", {"GET": ADMIN_ONLY}, url=_officer),
    R("user_edit", {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY}, url=_officer, data=lambda w: {"full_name": "Đổi"}),
    R("user_deactivate", POST_ONLY, url=_officer),
    R("user_reactivate", POST_ONLY, url=_officer),
    R("user_password_reset", {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY}, url=_officer, data=lambda w: {"password": ""}),
    R(
        "role_assign",
        {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
        url=_officer,
        data=lambda w: {"role": "admin", "unit": w.tree.bqp.pk},
    ),
    R("role_end", {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY}, url=_officer_role, data=lambda w: {"valid_to": ""}),
    R(
        "password_change",
        {"GET": mx.UI_LIST, "POST": mx.UI_LIST},
        data=lambda w: {"old_password": "sai", "new_password1": "Mot-hai-ba-bon-1", "new_password2": "khac"},
        note="everyone's own password; a wrong current password re-renders the form",
    ),
]
