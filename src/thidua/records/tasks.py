"""Background job kinds of the records app (registered with :func:`thidua.core.jobs.job_kind`)."""

from __future__ import annotations

from thidua.core.jobs import job_kind

from .importer import IMPORT_JOB, run_import

job_kind(IMPORT_JOB)(run_import)
