from .batches import (
    certificate_batch_chunk_run,
    certificate_batch_plan,
    certificate_batch_run,
    cohort_certificates_issue,
)
from .certificates import (
    certificate_correct,
    certificate_issue,
    certificate_pdf_refresh,
    certificate_pdf_render,
    certificate_pdfs_render,
    certificate_revoke,
    holder_identity_get,
)
from .endorsements import (
    certificate_endorsement_withdraw,
    certificate_endorsements_sign,
    cohort_endorsement_approve,
    cohort_endorsement_export,
    cohort_endorsement_import,
    cohort_endorsement_sign,
    office_public_key_register,
    user_may_endorse_for,
)
from .status_lists import status_list_bit_set, status_list_publish
from .sweeps import certificate_pdf_sweep

__all__ = [
    "certificate_batch_chunk_run",
    "certificate_batch_plan",
    "certificate_batch_run",
    "certificate_correct",
    "certificate_endorsement_withdraw",
    "certificate_endorsements_sign",
    "certificate_issue",
    "certificate_pdf_refresh",
    "certificate_pdf_render",
    "certificate_pdf_sweep",
    "certificate_pdfs_render",
    "certificate_revoke",
    "cohort_certificates_issue",
    "cohort_endorsement_approve",
    "cohort_endorsement_export",
    "cohort_endorsement_import",
    "cohort_endorsement_sign",
    "holder_identity_get",
    "office_public_key_register",
    "status_list_bit_set",
    "status_list_publish",
    "user_may_endorse_for",
]
