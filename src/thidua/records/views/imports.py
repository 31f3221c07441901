"""The Excel import of past records (a page that starts the job and shows its report) and its template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from thidua.core.choices import Action
from thidua.core.jobs import job_run_inline
from thidua.core.models import Job
from thidua.core.policies import has_change_scope
from thidua.core.xlsx import XLSX_TYPE
from thidua.org.models import OrgUnit

from .. import importer
from ..forms import ImportForm
from ..template import build_template

# --- import ----------------------------------------------------------------------------------------------------


def _import_unit(request) -> OrgUnit | None:
    """The unit whose records page the import was opened from (``?don_vi=``), visible to the user, else 404."""
    value = request.GET.get("don_vi", "")
    if not value:
        return None
    if not value.isdigit():
        raise Http404
    return get_object_or_404(OrgUnit.objects.visible_to(request.user, Action.VIEW), pk=int(value))


@login_required
def records_import(request):
    """Upload a list of past records; all rows are saved, or none and the page lists every error by row.

    The import runs as a job: inline (a laptop) the report is shown at once; with workers the user follows the job's
    page, whose "Xem kết quả" comes back here with ``?cong_viec=<id>``. Opened from a unit's records page
    (``?don_vi=<id>``), the page leads back there; a successful report links to the people and awards imported.
    """
    if not has_change_scope(request.user):
        raise Http404
    unit = _import_unit(request)
    report = refused = job = None
    if request.GET.get("cong_viec", "").isdigit():
        job = Job.objects.visible_to(request.user).filter(pk=request.GET["cong_viec"], kind=importer.IMPORT_JOB).first()
        if job is None:
            raise Http404
        report, refused = importer.report_of(job)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importer.MAX_BYTES:
            refused = "Tệp quá lớn; tối đa 5 MB."
        else:
            try:
                job = importer.import_start(
                    actor=request.user, name=upload.name, data=upload.read(), unit_id=unit.pk if unit else None
                )
            except importer.ImportRefused as exc:
                refused = str(exc)
            else:
                job = job_run_inline(job)
                if job.is_active:
                    return redirect("job_detail", pk=job.pk)
                report, refused = importer.report_of(job)
    context = {"form": form, "report": report, "refused": refused, "unit": unit, "job": job}
    return render(request, "records/import.html", context)


@login_required
def records_import_template(request):
    """The Excel template of the import list."""
    if not has_change_scope(request.user):
        raise Http404
    response = HttpResponse(build_template(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="mau-nhap-thanh-tich.xlsx"'
    return response
