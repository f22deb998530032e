from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import office_controller, public_key_register


class Command(BaseCommand):
    help = (
        "Register the public key of an office that keeps its private key itself "
        "(printed by `python -m certificates.credentials.offline_sign --keygen`)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--office", metavar="CODE", required=True)
        parser.add_argument("public_key_multibase", metavar="PUBLIC_KEY_MULTIBASE")

    def handle(self, *args, **options):
        try:
            key = public_key_register(
                office_controller(options["office"]), options["public_key_multibase"]
            )
        except CredentialError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"Registered {key.key_id}; earlier keys are retired.")
