"""The public JSON API, `/api/v1/`, with its OpenAPI schema at /api/v1/openapi.json."""

from ninja import NinjaAPI

from certificates.api import router as certificates_router

api = NinjaAPI(
    title="Silk Road IP Academy API",
    version="1",
    urls_namespace="api",
)
api.add_router("/", certificates_router)
