import io
import zipfile

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from certificates.codes import code_normalise
from certificates.models import Certificate
from certificates.selectors import certificate_can_download
from cohorts.selectors.scoping import cohort_get_for_coordinator, user_leads_cohort
from training.storage import private_file_response


@login_required
@require_GET
def certificate_pdf(request, code):
    """The PDF, for its holder and the lead office's coordinators; 404 for anyone else."""
    certificate = (
        Certificate.objects.select_related("cohort")
        .filter(code=code_normalise(code) or "")
        .first()
    )
    if (
        certificate is None
        or not certificate.pdf
        or not certificate_can_download(request.user, certificate)
    ):
        raise Http404
    return private_file_response(
        certificate.pdf,
        filename=f"{certificate.code}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_GET
def cohort_pdfs_zip(request, slug):
    """All PDFs of a cohort's certificates in one ZIP, for the lead office."""
    cohort = cohort_get_for_coordinator(request.user, slug=slug)
    if not user_leads_cohort(request.user, cohort):
        raise Http404
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for certificate in cohort.certificates.exclude(pdf="").order_by("holder_name"):
            with certificate.pdf.open("rb") as handle:
                archive.writestr(f"{certificate.code}.pdf", handle.read())
    buffer.seek(0)
    return FileResponse(
        buffer,
        as_attachment=True,
        filename=f"{cohort.slug}-certificates.zip",
        content_type="application/zip",
    )
