"""Browser fixtures: a live server with the demo data, Chromium, screenshots, axe.

The live server is pytest-django's (a thread in this process, on 127.0.0.1), so
tests read the same database and the same email outbox as the pages they drive.
Each browser test is transactional with serialized rollback: the demo data it
seeds is flushed afterwards and the migration data (home page, site, groups) is
restored for the tests that follow.
"""

import io
import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DEMO_PASSWORD = "changeme-demo"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def _missing(reason: str):
    """Skip with the reason, or fail under REQUIRE_SERVICES=1 (CI)."""
    if os.environ.get("REQUIRE_SERVICES") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


# Each test module here declares:
#   pytestmark = [pytest.mark.browser, BROWSER_DB]
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="session")
def _playwright():
    if not CHROMIUM.exists():
        _missing(
            f"{CHROMIUM} not found: install Debian's chromium to run browser tests"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -r requirements/dev.lock)")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls
    # made by the tests themselves (reading the outbox) are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture(scope="session")
def browser(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=["--no-sandbox", "--disable-dev-shm-usage"],
    )
    yield browser
    browser.close()


_SERIALIZED: dict[str, str] = {}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized migration data where the browser tests can find it.

    Playwright's sync API switches the test into another context, where Django's
    connection object lacks `_test_serialized_contents`; without it the serialized
    rollback silently restores nothing after the previous test's flush.
    """
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents:
            _SERIALIZED[alias] = contents
    yield


@pytest.fixture
def demo(live_server, django_db_serialized_rollback):
    """The demo data, seeded into the live server's database; returns the URL base."""
    from django.db import connection
    from wagtail.models import Site

    contents = _SERIALIZED.get("default")
    if contents and not hasattr(connection, "_test_serialized_contents"):
        connection._test_serialized_contents = contents
        if not Site.objects.exists():  # flushed by the previous test
            connection.creation.deserialize_db_from_string(contents)
    call_command("seed_demo", force=True, password=DEMO_PASSWORD, stdout=io.StringIO())
    return live_server.url


class Screenshots:
    """Numbered screenshots under artifacts/screenshots/<test>/<nn-step>.png."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def __call__(self, page, step: str) -> Path:
        self.count += 1
        name = re.sub(r"[^a-z0-9]+", "-", step.lower()).strip("-")
        path = self.folder / f"{self.count:02d}-{name}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception:  # noqa: BLE001 - a navigation was still under way
            page.wait_for_load_state("load")
            page.screenshot(path=str(path), full_page=True)
        return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


@pytest.fixture
def shot(request):
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    folder = SCREENSHOTS / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return Screenshots(folder)


@pytest.fixture
def context(browser):
    """A fresh browser profile (no cookies) at desktop size, English first."""
    context = browser.new_context(viewport=DESKTOP, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context, request):
    """A page that fails the test on any CSP violation or uncaught script error.

    When the test fails, the page as it was is saved as failure.png beside the
    step screenshots.
    """
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on(
        "console",
        lambda msg: (
            problems.append(f"console: {msg.text}")
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    yield page
    if getattr(request.node, "e2e_failed", False):
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
        (SCREENSHOTS / name).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / name / "failure.png"), full_page=True)
    assert problems == [], problems


def login(page, base_url: str, email: str, password: str = DEMO_PASSWORD) -> None:
    """Log in through the real form."""
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(password)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def admin_login(page, base_url: str, email: str) -> None:
    """/admin/ sends to the site's login; the form brings the user back."""
    page.goto(f"{base_url}/admin/")
    page.wait_for_url(re.compile(r"/accounts/login/\?next=/admin/"))
    page.get_by_label("Email:").fill(email)
    page.get_by_label("Password:").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(f"{base_url}/admin/")


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_JS.exists():
        _missing(
            f"{AXE_JS.relative_to(ROOT)} not found: run `npm ci` for the axe checks"
        )
    return AXE_JS.read_text()


@pytest.fixture
def axe(axe_source):
    """Run axe-core on the page; return its violations (serious and critical by default).

    Injected through the DevTools protocol (page.evaluate), so the page's CSP,
    which forbids inline scripts, does not block it.
    """

    def run(page, impacts=("serious", "critical")) -> list[dict]:
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        result = page.evaluate(
            "async () => await axe.run(document, {resultTypes: ['violations']})"
        )
        return [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
            if v["impact"] in impacts
        ]

    return run
