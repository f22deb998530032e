from .batches import CertificateBatch
from .certificates import Certificate, HolderIdentity
from .status_lists import StatusList

__all__ = ["Certificate", "CertificateBatch", "HolderIdentity", "StatusList"]
