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
