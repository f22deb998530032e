from .badges import achievement_badge, certificate_badge, issuer_image
from .batches import batch_progress, cohort_certificates_issue_view
from .downloads import certificate_pdf, cohort_pdfs_zip
from .endorsements import (
    certificate_endorsement_withdraw_view,
    cohort_endorsement_approve_view,
    cohort_endorsement_export_view,
    cohort_endorsement_import_view,
    cohort_endorsements,
)
from .public import (
    achievement,
    credential_json,
    credential_jwt,
    credential_refresh,
    status_list,
    verify_code,
    verify_form,
)
from .wallet import (
    oid4vci_authorization_server_metadata,
    oid4vci_credential,
    oid4vci_issuer_metadata,
    oid4vci_nonce,
    oid4vci_token,
    wallet_exchange,
    wallet_pickup,
)

__all__ = [
    "achievement",
    "achievement_badge",
    "batch_progress",
    "certificate_badge",
    "certificate_endorsement_withdraw_view",
    "certificate_pdf",
    "cohort_endorsement_approve_view",
    "cohort_endorsement_export_view",
    "cohort_endorsement_import_view",
    "cohort_endorsements",
    "cohort_certificates_issue_view",
    "cohort_pdfs_zip",
    "credential_json",
    "credential_refresh",
    "credential_jwt",
    "issuer_image",
    "oid4vci_authorization_server_metadata",
    "oid4vci_credential",
    "oid4vci_issuer_metadata",
    "oid4vci_nonce",
    "oid4vci_token",
    "status_list",
    "verify_code",
    "verify_form",
    "wallet_exchange",
    "wallet_pickup",
]
