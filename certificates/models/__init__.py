from .batches import CertificateBatch
from .certificates import Certificate, HolderIdentity
from .endorsements import CertificateEndorsement, CohortEndorsement
from .offices import OfficeCredentialSettings
from .status_lists import StatusList

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateEndorsement",
    "CohortEndorsement",
    "HolderIdentity",
    "OfficeCredentialSettings",
    "StatusList",
]
