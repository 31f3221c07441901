"""Permission-matrix entries of core's notification pages: each user sees and marks only their own notifications."""

from __future__ import annotations

from tests import matrix as mx
from thidua.core.notifications import notify

R = mx.Route
OWN_POST = {"GET": {**mx.every(405), "anonymous": mx.LOGIN}, "POST": {**mx.every(mx.REDIRECT), "anonymous": mx.LOGIN}}


def extend_world(world) -> None:
    """A notification of the officer (with a link to the home page)."""
    world.notification = notify(recipients=[world.users.officer], text="Thông báo ma trận", link="/")[0]


ROUTES: list[mx.Route] = [
    R("notification_list", {"GET": mx.UI_LIST}, note="each user sees only their own notifications"),
    R(
        "notification_read",
        {
            "GET": {**mx.every(405), "anonymous": mx.LOGIN},
            "POST": {**mx.every(404), "anonymous": mx.LOGIN, "officer": mx.REDIRECT},
        },
        url=lambda w: {"pk": w.notification.pk},
        note="only the recipient (the officer) may mark it read",
    ),
    R("notification_read_all", OWN_POST, note="marks the user's own notifications only"),
]
