import json
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.did import did_resolve, did_web_fetch
from certificates.credentials.exceptions import CredentialError
from certificates.credentials.fetch import fetch_text
from certificates.credentials.verify import (
    FAILED,
    PASSED,
    WARNING,
    credential_jwt_verify,
    credential_verify,
)

MARKS = {PASSED: "PASS", FAILED: "FAIL", WARNING: "WARN"}
# Exit codes: 0 valid, 1 not valid, 2 input that could not be read at all.
UNREADABLE = 2


def _local_text(url: str) -> str | None:
    """Serve URLs of this site in-process, so the command works without a server."""
    site = urlsplit(settings.SITE_URL)
    target = urlsplit(url)
    if target.netloc != site.netloc:
        return None
    from django.test import Client

    client = Client(HTTP_HOST=site.netloc, secure=target.scheme == "https")
    response = client.get(target.path + (f"?{target.query}" if target.query else ""))
    if response.status_code != 200:
        raise CredentialError(f"{url} answered {response.status_code}.")
    return response.content.decode("utf-8")


def fetch(url: str) -> str:
    local = _local_text(url)
    return local if local is not None else fetch_text(url, accept="*/*")


class Command(BaseCommand):
    help = (
        "Verify an Open Badges 3.0 credential (JSON with a Data Integrity proof, or a "
        "JWT) from a file or URL: schema, proof, issuer binding, validity, status, "
        "and the endorsements it carries. Keys come from the published DID "
        "documents. "
        "Exit code 0 when it is valid, 1 when it is not, 2 when the input "
        "cannot be read."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE_OR_URL")
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON."
        )
        parser.add_argument(
            "--local-keys",
            action="store_true",
            help="Take this platform's own keys from the local key store instead "
            "of the published DID documents (which are the default).",
        )
        parser.add_argument(
            "--did-web-http",
            action="store_true",
            help="Fetch did:web documents over plain http (test hosts only).",
        )

    def handle(self, *args, source, **options):
        try:
            if source.startswith(("https://", "http://")):
                text = fetch(source)
            elif Path(source).is_file():
                text = Path(source).read_text(encoding="utf-8")
            else:
                raise CommandError(f"No such file: {source}", returncode=UNREADABLE)
        except CredentialError as exc:
            raise CommandError(exc.message, returncode=UNREADABLE) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(
                f"{source} is not UTF-8 text: {exc.reason} at byte {exc.start}.",
                returncode=UNREADABLE,
            ) from exc
        text = text.strip()

        def fetch_status(url: str) -> dict:
            try:
                return json.loads(fetch(url))
            except ValueError as exc:
                raise CredentialError(f"{url} did not answer JSON.") from exc

        scheme = "http" if options["did_web_http"] else "https"

        def resolve(did: str) -> dict:
            if options["local_keys"] or not did.startswith("did:web:"):
                return did_resolve(did)
            return did_web_fetch(did, fetch_status, scheme=scheme)

        try:
            report = self._verify(text, fetch_status, resolve)
        except RecursionError as exc:
            # json.loads recurses once per level; no credential nests that deep.
            raise CommandError(
                "The JSON is nested too deeply to be a credential.",
                returncode=UNREADABLE,
            ) from exc
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

    def _verify(self, text: str, fetch_status, resolve):
        if text.startswith("ey"):  # compact JWS: base64url of '{"'
            return credential_jwt_verify(
                text, resolve=resolve, fetch_status=fetch_status
            )
        try:
            document = json.loads(text)
        except ValueError as exc:
            raise CommandError(
                f"Not JSON and not a JWT: {exc}", returncode=UNREADABLE
            ) from exc
        return credential_verify(document, resolve=resolve, fetch_status=fetch_status)
