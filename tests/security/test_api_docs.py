"""The API docs page works under the site's own strict Content Security Policy."""

import re

import pytest

from .test_headers import _csp

pytestmark = pytest.mark.django_db

DOCS = "/api/v1/docs"


def test_api_docs_load_swagger_ui_from_this_site_only(client):
    response = client.get(DOCS)

    assert response.status_code == 200
    html = response.content.decode()
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert any(src.endswith("swagger-ui-bundle.js") for src in sources)
    assert all(src.startswith("/static/") for src in sources), sources
    # Every <script> either loads a same-origin file or is inert JSON data.
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        assert "src=" in attributes or 'type="application/json"' in attributes
        assert "src=" not in attributes or not body.strip()


def test_api_docs_keep_the_strict_policy(client):
    policy = _csp(client.get(DOCS))
    assert policy["script-src"] == "'self'"
    assert "unsafe" not in policy["style-src"]
    assert "http" not in policy["script-src"] + policy["style-src"]
