from .batches import batch_progress, cohort_certificates_issue_view
from .downloads import certificate_pdf, cohort_pdfs_zip
from .public import (
    credential_json,
    credential_jwt,
    status_list,
    verify_code,
    verify_form,
)

__all__ = [
    "batch_progress",
    "certificate_pdf",
    "cohort_certificates_issue_view",
    "cohort_pdfs_zip",
    "credential_json",
    "credential_jwt",
    "status_list",
    "verify_code",
    "verify_form",
]
