from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates.codes import code_normalise
from certificates.models import Certificate
from certificates.services import certificate_revoke


class Command(BaseCommand):
    help = "Revoke a certificate by its code; the status list is re-signed at once."

    def add_arguments(self, parser):
        parser.add_argument(
            "code", help="Verification code, e.g. SRIP-7K3M-Q9WD-X2HT-AB41"
        )
        parser.add_argument("--reason", required=True, help="Shown publicly.")

    def handle(self, *args, code, reason, **options):
        certificate = Certificate.objects.filter(
            code=code_normalise(code) or ""
        ).first()
        if certificate is None:
            raise CommandError(f"No certificate has the code {code!r}.")
        if certificate.revoked_at:
            self.stdout.write(
                f"{certificate.code} was already revoked on "
                f"{certificate.revoked_at:%Y-%m-%d}."
            )
            return
        try:
            certificate_revoke(certificate=certificate, reason=reason)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"{certificate.code} revoked."))
