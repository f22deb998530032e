import importlib
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from certificates.credentials.exceptions import CredentialError
from certificates.credentials.keys import office_controller, signing_key_get
from cms.demo import STEPS, DemoContext
from cms.demo.endorsements import SIGNING_OFFICES


def _missing_signing_keys() -> list[str]:
    """The create_signing_key commands still needed for the demo's certificates."""
    commands = []
    for office in [None, *SIGNING_OFFICES]:
        try:
            signing_key_get(office_controller(office) if office else "platform")
        except CredentialError:
            suffix = f" --office {office}" if office else ""
            commands.append(f"python manage.py create_signing_key{suffix}")
    return commands


class Command(BaseCommand):
    help = "Create or refresh the demo content (idempotent). Prints the demo logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default="changeme-demo",
            help="Password for newly created demo accounts (default: changeme-demo).",
        )
        parser.add_argument(
            "--force", action="store_true", help="Run even with DEBUG off."
        )

    def handle(self, *args, password, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Re-run with --force "
                "if you really want demo content here."
            )
        # Without auto-created keys (production) the demo would stop half-way,
        # at the first certificate; say so before writing anything.
        if not settings.SIGNING_KEYS_AUTO_CREATE and (
            commands := _missing_signing_keys()
        ):
            raise CommandError(
                "The demo issues signed certificates, but signing keys are missing "
                f"in {settings.SIGNING_KEYS_DIR}. Create them first:\n  "
                + "\n  ".join(commands)
            )
        started = time.monotonic()

        def write(line):
            self.stdout.write(f"  [{time.monotonic() - started:5.1f}s] {line}")
            self.stdout.flush()

        # Eager tasks would log a line each; the progress lines say enough.
        logging.getLogger("celery.app.trace").setLevel(logging.WARNING)
        ctx = DemoContext(password=password, write=write)
        self.stdout.write(f"Seeding demo content ({len(STEPS)} steps)…")
        for number, dotted in enumerate(STEPS, start=1):
            write(f"step {number}/{len(STEPS)}: {dotted.rsplit('.', 1)[-1]}")
            with transaction.atomic():
                importlib.import_module(dotted).seed(ctx)

        self.stdout.write(
            self.style.SUCCESS(f"\nDemo logins (password for new accounts: {password})")
        )
        for role, email in ctx.logins:
            self.stdout.write(f"  {role:<28} {email}")
        if ctx.codes:
            self.stdout.write(self.style.SUCCESS("\nCertificate codes"))
            for code, status in ctx.codes:
                self.stdout.write(f"  {code} {status}")
        for note in ctx.notes:
            self.stdout.write(note)
