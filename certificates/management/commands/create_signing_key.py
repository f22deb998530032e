from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import keys_dir
from certificates.services.keys import signing_key_create

from ._keys import add_office_argument, controller_of


class Command(BaseCommand):
    help = (
        "Create the Ed25519 (and ES256) signing key of the platform or of an office "
        "in SIGNING_KEYS_DIR. Refuses when a key exists: use rotate_signing_key."
    )

    def add_arguments(self, parser):
        add_office_argument(parser)

    def handle(self, *args, **options):
        controller = controller_of(options)
        try:
            key = signing_key_create(controller=controller)
        except CredentialError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Created {key.key_id}")
        self.stdout.write(f"Private keys in {keys_dir() / controller} (mode 600).")
