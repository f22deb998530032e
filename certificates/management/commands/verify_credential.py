import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.verify import (
    FAILED,
    PASSED,
    credential_jwt_verify,
    credential_verify,
)

MARKS = {PASSED: "PASS", FAILED: "FAIL"}


def _load(source: str):
    if source.startswith(("https://", "http://")):
        import requests

        try:
            response = requests.get(
                source,
                timeout=15,
                headers={"Accept": "application/ld+json, application/json, */*"},
            )
            response.raise_for_status()
        except requests.RequestException as exc:
            raise CommandError(f"Could not fetch {source}: {exc}") from exc
        return response.text
    path = Path(source)
    if not path.is_file():
        raise CommandError(f"No such file: {source}")
    return path.read_text(encoding="utf-8")


class Command(BaseCommand):
    help = (
        "Verify an Open Badges 3.0 credential (JSON with a Data Integrity proof, or a "
        "JWT) from a file or URL: schema, proof, issuer binding, validity, status. "
        "Exit code 0 only when it is valid."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL")
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )

    def handle(self, *args, source, **options):
        text = _load(source).strip()
        if text.startswith("ey"):  # compact JWS: base64url of '{"'
            report = credential_jwt_verify(text)
        else:
            try:
                document = json.loads(text)
            except ValueError as exc:
                raise CommandError(f"Not JSON and not a JWT: {exc}") from exc
            report = credential_verify(document)
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            for check in report.checks:
                mark = MARKS.get(check.status, "SKIP")
                self.stdout.write(f"{mark} {check.name}: {check.message}")
                for detail in check.details:
                    self.stdout.write(f"     {detail}")
        if not report.valid:
            raise CommandError("The credential is NOT valid.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The credential is valid."))
