import importlib
import logging
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms.demo import STEPS, DemoContext


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
