"""Writes of the movements slice, one module per entity: :mod:`.movements` (movements and their documents),
:mod:`.registrations` and :mod:`.pacts`. Callers use ``services.<name>`` whatever the module."""

from .movements import (
    ALLOWED_EXTENSIONS,
    MAX_DOCUMENT_BYTES,
    OUT_OF_SCOPE,
    check_upload,
    movement_close,
    movement_create,
    movement_document_add,
    movement_launch,
    movement_update,
)
from .pacts import pact_create, pact_sign, pact_update
from .registrations import (
    registration_approve,
    registration_create,
    registration_return,
    registration_submit,
    registration_update,
)

__all__ = [
    "ALLOWED_EXTENSIONS",
    "MAX_DOCUMENT_BYTES",
    "OUT_OF_SCOPE",
    "check_upload",
    "movement_close",
    "movement_create",
    "movement_document_add",
    "movement_launch",
    "movement_update",
    "pact_create",
    "pact_sign",
    "pact_update",
    "registration_approve",
    "registration_create",
    "registration_return",
    "registration_submit",
    "registration_update",
]
