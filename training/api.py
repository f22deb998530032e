"""The JSON API at /api/v1/, one router per app.

Add an app's router here: `api.add_router("/<area>/", <app>.api.router)`.
OpenAPI schema at /api/v1/openapi.json, interactive docs at /api/v1/docs.
"""

from ninja import NinjaAPI

import cohorts.api
from accounts.api import router as network_router
from certificates.api import router as certificates_router

api = NinjaAPI(
    title="Silk Road IP Academy API",
    version="1",
    description="Certificate verification is public and rate-limited. Cohort data "
    "is read-only for partner offices' own systems: every cohort endpoint needs "
    "an office token and shows only what that office may see. The network "
    "directory shows the profiles the caller may see (public ones without a "
    "session), never an email address.",
    urls_namespace="api-v1",
)

api.add_router("/cohorts/", cohorts.api.router)
api.add_router("/reports/", cohorts.api.reports_router)
api.add_router("/", certificates_router)
api.add_router("/network/", network_router)
