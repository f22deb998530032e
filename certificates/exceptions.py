from django.utils.translation import gettext_lazy as _

from training.exceptions import ApplicationError


class CertificateError(ApplicationError):
    """Base class for certificate errors."""


class EnrolmentNotCompletedError(CertificateError):
    def __init__(self):
        super().__init__(_("Only completed enrolments receive a certificate."))


class HolderNameMissingError(CertificateError):
    def __init__(self):
        super().__init__(
            _("The trainee has no name on their profile to print on the certificate.")
        )


class CertificateNotCurrentError(CertificateError):
    def __init__(self):
        super().__init__(
            _("This certificate was already revoked or superseded; nothing to change.")
        )


class NotLeadOfficeError(CertificateError):
    def __init__(self):
        super().__init__(
            _("Only coordinators of the cohort's lead office can do this.")
        )


class NotHolderError(CertificateError):
    def __init__(self):
        super().__init__(
            _("Only the holder of this certificate can download its baked badge.")
        )


class EndorsementError(CertificateError):
    """Base class for errors of jointly issued certificates."""


class NotEndorsingOfficeError(EndorsementError):
    def __init__(self):
        super().__init__(
            _("Only coordinators of an office taking part in the cohort can do this.")
        )


class CohortNotCompletedError(EndorsementError):
    def __init__(self):
        super().__init__(_("Results can be approved once the cohort is completed."))


class OfficeKeyHeldError(EndorsementError):
    """The office keeps its private key: it signs exported batches itself."""

    def __init__(self):
        super().__init__(
            _(
                "This office keeps its own signing key: export the batch, sign it "
                "with the offline tool and upload the signed file."
            )
        )


class EndorsementNotSignedError(EndorsementError):
    def __init__(self):
        super().__init__(_("Only a signed endorsement can be withdrawn."))


class EndorsementImportError(EndorsementError):
    """A signed batch was refused; ``extra["errors"]`` lists every problem."""


class WalletError(CertificateError):
    """A wallet pickup refused. ``code`` is the protocol's error code (OAuth 2.0
    and OpenID4VCI error names), ``status`` the HTTP status to answer with."""

    def __init__(self, message, code: str = "invalid_request", status: int = 400):
        super().__init__(message)
        self.code = code
        self.status = status


class WalletNotHolderError(WalletError):
    def __init__(self):
        super().__init__(
            _("Only the holder of this certificate can put it in a wallet."),
            code="access_denied",
            status=403,
        )


class WalletCertificateNotValidError(WalletError):
    def __init__(self):
        super().__init__(
            _("Only a valid certificate can be put in a wallet."),
            code="credential_request_denied",
        )


class OfficeKeysPermissionError(CertificateError):
    def __init__(self):
        super().__init__(
            _("Only the office's coordinators and platform admins manage its keys.")
        )


class OfficeOwnDidError(CertificateError):
    """An office cannot move to its own DID once it has signed under another."""
