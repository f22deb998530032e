from .batches import CertificateBatch
from .certificates import Certificate, HolderIdentity
from .endorsements import CertificateEndorsement, CohortEndorsement
from .offices import OfficeCredentialSettings
from .status_lists import StatusList
from .wallet import WalletNonceUse, WalletOffer

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateEndorsement",
    "CohortEndorsement",
    "HolderIdentity",
    "OfficeCredentialSettings",
    "StatusList",
    "WalletNonceUse",
    "WalletOffer",
]
