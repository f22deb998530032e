"""The API docs render under the site's Content Security Policy (no CDN, no inline script)."""

import pytest

from .conftest import BROWSER_DB

pytestmark = [pytest.mark.browser, BROWSER_DB]


def test_api_docs_render_the_operations_list(live_server, page, shot):
    # The `page` fixture fails the test on any CSP violation or script error.
    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".opblock").first.wait_for()
    shot(page, "api docs")
    operations = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/certificates/" in path for path in operations), operations
