import datetime

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.exceptions import CredentialError
from certificates.services.keys import signing_key_withdraw

from ._keys import add_office_argument, controller_of


class Command(BaseCommand):
    help = (
        "Withdraw a compromised signing key of the platform or of an office from a "
        "day on: what it signed from that day fails verification, earlier "
        "credentials still verify. A current key held here is replaced at once."
    )

    def add_arguments(self, parser):
        add_office_argument(parser)
        parser.add_argument("key", help="The key's Multikey (z6Mk…), as in did.json.")
        parser.add_argument(
            "--from",
            dest="on",
            required=True,
            help="First day (YYYY-MM-DD, UTC) the key may have been in other hands.",
        )
        parser.add_argument("--reason", required=True, help="Kept in the audit log.")

    def handle(self, *args, key, on, reason, **options):
        try:
            day = datetime.date.fromisoformat(on)
        except ValueError as exc:
            raise CommandError(f"--from {on!r} is not a date (YYYY-MM-DD).") from exc
        try:
            withdrawn = signing_key_withdraw(
                controller=controller_of(options), fragment=key, on=day, reason=reason
            )
        except CredentialError as exc:
            raise CommandError(exc.message) from exc
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{withdrawn.key_id} is withdrawn from "
            f"{withdrawn.withdrawn_on.date().isoformat()}."
        )
