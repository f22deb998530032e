"""A third-party verifier over every demo credential: the Digital Credentials
Consortium's verifier-core (npm), run by node against the platform served over TLS.

did:web needs https, so the platform is served on 127.0.0.1 as
``https://localhost:<port>`` with a certificate from a throw-away CA made for this
run; node trusts that CA through NODE_EXTRA_CA_CERTS and nothing else does.
Credentials are issued with that site URL, so their issuers are
``did:web:localhost%3A<port>`` (the platform) and ``...:offices:<code>`` (offices),
and verifier-core resolves their keys and status lists from the server. Everything
else it would fetch is answered offline (see verify_with_dcc.mjs).
"""

import copy
import ipaddress
import json
import os
import shutil
import ssl
import subprocess
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test import Client
from django.test.testcases import LiveServerThread
from pyld import jsonld as pyld

from certificates.credentials import jsonld, schema
from certificates.credentials.did import did_web_fetch
from certificates.credentials.verify import credential_jwt_verify, credential_verify
from certificates.models import Certificate
from certificates.services.credential_results import OB_SCHEMA_URL
from certificates.services.wallet import wallet_pickup_create
from cms.demo import DemoContext
from cms.demo import certificates as demo_certificates
from cms.demo import endorsements as demo_endorsements

from .factories import CompletedCohortFactory, CompletedEnrolmentFactory
from .wallet_client import WalletClient

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("verify_with_dcc.mjs")
ENDORSEMENT_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/"
    "ob_v3p0_endorsementcredential_schema.json"
)
PACKAGE = ROOT / "node_modules" / "@digitalcredentials" / "verifier-core"


def _missing(reason):
    if os.environ.get("REQUIRE_SERVICES") == "1":  # CI: the verifier must run
        pytest.fail(reason)
    pytest.skip(reason)


# ---- a throw-away CA and a server certificate for localhost ----


def _name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _pem(path, certificate):
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return path


def _tls_files(directory: Path) -> tuple[Path, Path, Path]:
    """(CA certificate, server certificate, server key) valid for two hours."""
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = _name("Throw-away test CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("localhost"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(hours=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.DNSName("localhost"),
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    key_path = directory / "server-key.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return (
        _pem(directory / "ca.pem", ca),
        _pem(directory / "server.pem", leaf),
        key_path,
    )


# ---- the platform over TLS (Django's live server thread, its sockets wrapped) ----


class _TLSServer(ThreadedWSGIServer):
    ssl_context: ssl.SSLContext

    def get_request(self):
        sock, address = super().get_request()
        # A failed handshake raises an OSError, which the server ignores.
        return self.ssl_context.wrap_socket(sock, server_side=True), address


def _tls_server_thread(context: ssl.SSLContext) -> LiveServerThread:
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections

    server_class = type("TLSServer", (_TLSServer,), {"ssl_context": context})
    thread_class = type(
        "TLSLiveServerThread", (LiveServerThread,), {"server_class": server_class}
    )
    # An in-memory SQLite test database (local runs) is shared with the thread;
    # PostgreSQL (CI) is reached by the thread's own connection.
    shared = {
        conn.alias: conn
        for conn in connections.all()
        if conn.vendor == "sqlite" and conn.is_in_memory_db()
    }
    thread = thread_class("127.0.0.1", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    return thread


@pytest.fixture
def tls_site(settings, tmp_path):
    """The platform on https://localhost:<port>, which is its SITE_URL meanwhile.

    Yields (site URL, CA certificate path)."""
    if not shutil.which("node"):
        _missing("node is not installed: the DCC verifier-core check needs it")
    if not PACKAGE.is_dir():
        _missing(
            "@digitalcredentials/verifier-core is not installed (run `make js-deps`)"
        )
    ca, certificate, key = _tls_files(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate, key)
    thread = _tls_server_thread(context)
    for conn in thread.connections_override.values():
        conn.inc_thread_sharing()
    thread.start()
    thread.is_ready.wait()
    try:
        if thread.error:
            raise thread.error
        settings.SITE_URL = f"https://localhost:{thread.port}"
        yield settings.SITE_URL, ca
    finally:
        thread.terminate()
        for conn in thread.connections_override.values():
            conn.dec_thread_sharing()


def _https_getter(ca: Path):
    """GET over https trusting only this run's CA."""
    context = ssl.create_default_context(cafile=str(ca))

    def get(url: str) -> bytes:
        with urllib.request.urlopen(url, context=context, timeout=30) as response:  # noqa: S310
            return response.read()

    return get


# ---- the demo credentials ----


@pytest.fixture
def demo_credentials(tls_site, joint, monkeypatch):
    """Every kind of demo credential, issued by the TLS site: {label: (code,
    credential)}. The partly withdrawn one is also kept as it was downloaded just
    before its office withdrew the endorsement."""
    cohort, *_ = joint
    cohort.slug = demo_endorsements.COHORT_SLUG
    cohort.save()
    CompletedEnrolmentFactory.create_batch(2, cohort=cohort)
    # A cohort of one office: its credentials carry no endorsement.
    CompletedEnrolmentFactory.create_batch(2, cohort=CompletedCohortFactory())

    before_withdrawal = {}
    withdraw = demo_endorsements.certificate_endorsement_withdraw

    def withdraw_keeping_a_copy(*, endorsement, **kwargs):
        certificate = Certificate.objects.get(pk=endorsement.certificate_id)
        before_withdrawal[certificate.code] = copy.deepcopy(certificate.credential)
        return withdraw(endorsement=endorsement, **kwargs)

    monkeypatch.setattr(
        demo_endorsements, "certificate_endorsement_withdraw", withdraw_keeping_a_copy
    )
    ctx = DemoContext(password="x", write=lambda line: None)
    demo_certificates.seed(ctx)
    demo_endorsements.seed(ctx)

    by_status = {}
    for code, status in ctx.codes:
        by_status.setdefault(status, code)
    codes = {
        "valid": next(
            c.code
            for c in Certificate.objects.order_by("pk")
            if c.status == Certificate.Status.VALID
            and "endorsement" not in c.credential
        ),
        "revoked": by_status["revoked"],
        "superseded": by_status["superseded"],
        "endorsed": next(c for s, c in by_status.items() if "jointly signed" in s),
        "endorsement withdrawn": next(
            c for s, c in by_status.items() if "withdrew" in s
        ),
    }
    found = {
        label: (code, Certificate.objects.get(code=code).credential)
        for label, code in codes.items()
    }
    withdrawn_code = codes["endorsement withdrawn"]
    found["endorsement withdrawn, copy from before"] = (
        withdrawn_code,
        before_withdrawal[withdrawn_code],
    )
    # A test wallet picks the valid certificate up through both protocols: the
    # copies bound to its did:key must verify like the live credential.
    valid = Certificate.objects.get(code=codes["valid"])
    for label, pickup in (
        ("wallet, VC-API", WalletClient.vcapi_credential),
        ("wallet, OpenID4VCI", WalletClient.oid4vci_credential),
    ):
        wallet = WalletClient(Client())
        offers = wallet_pickup_create(certificate=valid, user=valid.holder)
        credential = pickup(wallet, offers)
        assert credential["credentialSubject"]["id"] == wallet.did
        found[label] = (valid.code, credential)
    tampered = copy.deepcopy(found["valid"][1])
    tampered["credentialSubject"]["name"] = "Someone Else"
    found["tampered"] = (codes["valid"], tampered)
    return found


# ---- running verifier-core ----


def _offline_documents() -> dict[str, str]:
    """URL -> file of every JSON-LD context and JSON Schema we ship."""
    documents = {
        url: str(jsonld.CONTEXTS_DIR / name)
        for url, name in jsonld.CONTEXT_FILES.items()
    }
    # The shipped copy of the schema our credentials name (its $id is the
    # json-ld path of the same schema).
    documents[OB_SCHEMA_URL] = str(
        schema.SCHEMAS_DIR / schema.ACHIEVEMENT_CREDENTIAL_SCHEMA
    )
    return documents


def _dcc_verify(credentials: list[tuple[str, dict]], ca: Path) -> dict[str, dict]:
    request = {
        "documents": _offline_documents(),
        "credentials": [
            {"label": label, "credential": credential}
            for label, credential in credentials
        ],
    }
    result = subprocess.run(  # noqa: S603
        ["node", str(SCRIPT)],  # noqa: S607
        input=json.dumps(request),
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ | {"NODE_EXTRA_CA_CERTS": str(ca)},
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return {item["label"]: item for item in json.loads(result.stdout)}


def _verdict(item: dict) -> str:
    if item["errors"]:
        return "fails: " + ", ".join(error["name"] for error in item["errors"])
    steps = item["steps"]
    failed = [
        step
        for step in ("valid_signature", "expiration", "revocation_status")
        if step in steps and not steps[step]["valid"]
    ]
    return "verifies" if not failed else "reports " + ", ".join(failed)


def _line(label: str, code: str, item: dict) -> str:
    steps = ", ".join(
        f"{step}={'ok' if value['valid'] else value.get('error', 'no')}"
        for step, value in item["steps"].items()
    )
    return f"DCC verifier-core {code} [{label}]: {_verdict(item)} ({steps or '-'})"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_dcc_verifier_agrees_on_every_demo_credential(
    tls_site, demo_credentials, capsys
):
    site, ca = tls_site
    get = _https_getter(ca)

    def get_json(url):
        return json.loads(get(url))

    for _, credential in demo_credentials.values():
        assert (
            credential["issuer"]["id"]
            == f"did:web:localhost%3A{site.rsplit(':', 1)[1]}"
        )

    # Each credential, and each endorsement inside it as a credential of its own
    # (verifier-core checks only the top-level credentialStatus).
    queue = []
    for label, (_, credential) in demo_credentials.items():
        queue.append((label, credential))
        for endorsement in credential.get("endorsement", []):
            office = endorsement["issuer"]["id"].rsplit(":", 1)[1]
            queue.append((f"{label}: endorsement by {office}", endorsement))
    results = _dcc_verify(queue, ca)

    with capsys.disabled():
        print()  # noqa: T201
        for label, _ in queue:
            code = demo_credentials[label.split(":")[0]][0]
            print(_line(label, code, results[label]))  # noqa: T201

    def steps(label):
        return {k: v["valid"] for k, v in results[label]["steps"].items()}

    # Nothing that decides a verdict needed the network: the contexts are ours,
    # did:web and status lists came from the TLS site. The one refusal is the
    # OB 3.0 endorsement JSON Schema (we ship only the achievement one), which
    # verifier-core reports apart ("additional information"), not as a failure.
    refused = {url for r in results.values() for url in r["refused"]}
    assert refused <= {ENDORSEMENT_SCHEMA}, refused

    for label in (
        "valid",
        "endorsed",
        "endorsement withdrawn",
        "wallet, VC-API",
        "wallet, OpenID4VCI",
    ):
        assert results[label]["errors"] == [], results[label]
        assert steps(label)["valid_signature"] is True
        assert steps(label)["revocation_status"] is True
        assert steps(label)["expiration"] is True
        # The OB 3.0 schema check (informative in verifier-core) passes too.
        assert results[label]["schema"] == [{"schema": OB_SCHEMA_URL, "valid": True}]
    # Our issuers are in none of the DCC's registries, which stay unasked offline.
    assert steps("valid")["registered_issuer"] is False

    for label in ("revoked", "superseded"):
        assert results[label]["errors"] == [], results[label]
        assert steps(label)["valid_signature"] is True
        assert steps(label)["revocation_status"] is False
    # verifier-core has no notion of superseded; the credential says where the
    # live one is (OB 3.0 refreshService), which our verifier follows.
    assert demo_credentials["superseded"][1]["refreshService"]["id"].startswith(site)

    assert [e["name"] for e in results["tampered"]["errors"]] == ["invalid_signature"]

    # Endorsements: all three verify in the jointly signed credential; in the copy
    # downloaded before the withdrawal, the GCC Patent Office's shows revoked on
    # its office's status list; the live credential no longer carries it.
    for office in ("cnipa", "ipos", "gccpo"):
        assert steps(f"endorsed: endorsement by {office}")["revocation_status"] is True
    old = "endorsement withdrawn, copy from before"
    assert results[old]["errors"] == []
    assert steps(old)["revocation_status"] is True  # the certificate stays valid
    assert steps(f"{old}: endorsement by cnipa")["revocation_status"] is True
    assert steps(f"{old}: endorsement by gccpo")["valid_signature"] is True
    assert steps(f"{old}: endorsement by gccpo")["revocation_status"] is False
    assert not any(
        label.startswith("endorsement withdrawn: endorsement by gccpo")
        for label in results
    )

    # Our own verifier, resolving the published DID documents over the same TLS
    # site: the JWT form agrees with the JSON form, and both with verifier-core.
    def resolve(did):
        return did_web_fetch(did, fetch=get_json)

    expected_status = {"revoked": "revoked", "superseded": "superseded"}
    for label, (code, credential) in demo_credentials.items():
        report = credential_verify(credential, resolve=resolve, fetch_status=get_json)
        if label == "tampered":
            assert not report.valid
            assert report.check("proof").status == "failed"
            continue
        assert report.valid == (label not in expected_status), label
        assert report.check("status").code == expected_status.get(label, "")
        if label == old:
            assert report.check("endorsements").code == "endorsement_withdrawn"
            continue
        token = get(f"{site}/certificates/{code}/credential.jwt").decode()
        jwt_report = credential_jwt_verify(
            token, resolve=resolve, fetch_status=get_json
        )
        assert jwt_report.valid == report.valid, label
        assert jwt_report.check("status").code == report.check("status").code
        if "endorsement" in credential:
            assert jwt_report.check("endorsements").status == "passed", label
            assert report.check("endorsements").status == "passed", label


def _types(node):
    if isinstance(node, dict):
        found = node.get("@type", [])
        yield from [found] if isinstance(found, str) else found
        for value in node.values():
            yield from _types(value)
    elif isinstance(node, list):
        for value in node:
            yield from _types(value)


@pytest.mark.django_db
def test_every_type_in_our_credentials_is_defined_by_their_contexts(joint):
    """What JSON-LD safe mode (verifier-core's, Digital Bazaar's) demands, checked
    without node: no type is left a relative IRI by the credential's contexts."""
    *_, certificates = joint
    for certificate in certificates:
        certificate.refresh_from_db()
        expanded = pyld.expand(
            certificate.credential,
            {"documentLoader": jsonld.document_loader, "base": None},
        )
        types = set(_types(expanded))
        assert [t for t in types if not urlsplit(t).scheme] == []
        assert any(t.endswith("#1EdTechJsonSchemaValidator2019") for t in types)
