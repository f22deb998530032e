from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import public_keys_list
from certificates.services.keys import signing_key_rotate

from ._keys import add_office_argument, controller_of


class Command(BaseCommand):
    help = (
        "Rotate the signing key of the platform or of an office: a new key signs from "
        "now on; old public keys stay in the DID document so older credentials verify."
    )

    def add_arguments(self, parser):
        add_office_argument(parser)

    def handle(self, *args, **options):
        controller = controller_of(options)
        try:
            key = signing_key_rotate(controller=controller)
        except CredentialError as exc:
            raise CommandError(exc.message) from exc
        retired = sum(1 for k in public_keys_list(controller) if k.retired)
        self.stdout.write(f"New current key {key.key_id}")
        self.stdout.write(f"{retired} retired key(s) remain published.")
