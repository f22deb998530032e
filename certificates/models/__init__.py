from .batches import CertificateBatch
from .certificates import Certificate, HolderIdentity
from .endorsements import CertificateEndorsement, CohortEndorsement
from .status_lists import StatusList
from .wallet import WalletNonceUse, WalletOffer

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateEndorsement",
    "CohortEndorsement",
    "HolderIdentity",
    "StatusList",
    "WalletNonceUse",
    "WalletOffer",
]
