from training.exceptions import ApplicationError


class CredentialError(ApplicationError):
    """Base class for errors of the credential toolkit."""


class ContextNotShippedError(CredentialError):
    """A JSON-LD context the project does not ship was requested (never fetched)."""


class SigningKeyMissingError(CredentialError):
    """No signing key exists for a controller and creating one is not allowed here."""


class SigningKeyNotHeldError(CredentialError):
    """The controller holds its own private key; the platform only has the public key."""


class DidResolutionError(CredentialError):
    """A DID or verification method could not be resolved to a public key."""


class SigningKeyWithdrawnError(CredentialError):
    """The key was withdrawn (e.g. compromised): nothing may be signed with it."""


class KeyWithdrawnError(CredentialError):
    """A signature was made with a key on or after the date it was withdrawn."""
