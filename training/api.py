"""The read-only JSON API at /api/v1/, one router per app.

Add an app's router here: `api.add_router("/<area>/", <app>.api.router)`.
OpenAPI schema at /api/v1/openapi.json, interactive docs at /api/v1/docs.
"""

from ninja import NinjaAPI

import cohorts.api

api = NinjaAPI(
    title="Silk Road IP Academy API",
    version="1",
    description="Read-only data for partner offices' own systems. Every endpoint "
    "needs an office token and shows only what that office may see.",
    urls_namespace="api-v1",
)

api.add_router("/cohorts/", cohorts.api.router)
