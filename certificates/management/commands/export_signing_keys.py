from django.core.management.base import BaseCommand

from certificates.credentials.keys import signing_keys_export


class Command(BaseCommand):
    help = (
        "Print the key store in SIGNING_KEYS_DIR as the value of SIGNING_KEYS (one "
        "line of JSON with the private keys): pipe it into your secret store, "
        "never into a file in the repository or a log."
    )

    def handle(self, *args, **options):
        self.stdout.write(signing_keys_export())
