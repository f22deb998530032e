from .certificates import (
    certificate_batch_run,
    certificate_correct,
    certificate_issue,
    certificate_pdf_render,
    certificate_revoke,
    cohort_certificates_issue,
    holder_identity_get,
)
from .status_lists import status_list_bit_set, status_list_publish

__all__ = [
    "certificate_batch_run",
    "certificate_correct",
    "certificate_issue",
    "certificate_pdf_render",
    "certificate_revoke",
    "cohort_certificates_issue",
    "holder_identity_get",
    "status_list_bit_set",
    "status_list_publish",
]
