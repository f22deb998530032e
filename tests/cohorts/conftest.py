import os

import pytest


@pytest.fixture
def postgresql():
    """Skip (with the reason) unless the database is PostgreSQL; fail in CI.

    Row locks (`select_for_update`) only mean something on PostgreSQL; SQLite
    serializes every write transaction anyway.
    """
    from django.db import connection

    if connection.vendor != "postgresql":
        reason = f"needs PostgreSQL for parallel transactions; database is {connection.vendor}"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
