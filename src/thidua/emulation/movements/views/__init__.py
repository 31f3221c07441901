"""Web pages of movements, registrations, pacts and the emulation calendar, one module each; re-exported here so
``urls.py`` names them ``views.<name>``."""

from .movements import (
    MovementCloseView,
    MovementCreateView,
    MovementDocumentAddView,
    MovementEditView,
    MovementLaunchView,
    emulation_calendar,
    movement_detail,
    movement_document_download,
    movement_list,
)
from .pacts import PactCreateView, PactSignView, pact_detail, pact_list
from .registrations import (
    RegistrationApproveView,
    RegistrationCreateView,
    RegistrationEditView,
    RegistrationReturnView,
    RegistrationSubmitView,
    registration_detail,
    registration_list,
    registration_rollup,
)

__all__ = [
    "MovementCloseView",
    "MovementCreateView",
    "MovementDocumentAddView",
    "MovementEditView",
    "MovementLaunchView",
    "PactCreateView",
    "PactSignView",
    "RegistrationApproveView",
    "RegistrationCreateView",
    "RegistrationEditView",
    "RegistrationReturnView",
    "RegistrationSubmitView",
    "emulation_calendar",
    "movement_detail",
    "movement_document_download",
    "movement_list",
    "pact_detail",
    "pact_list",
    "registration_detail",
    "registration_list",
    "registration_rollup",
]
