"""Certificate PDFs share the platform's private storage (training/storage.py)."""

# Named by migration 0001; the field now deconstructs to cohorts.files.PrivateStorage.
from training.storage import PrivateStorage, private_storage  # noqa: F401
