"""WAGTAILFRONTENDCACHE from raw values; a pure function, as object_storage.py.

One backend per CDN that is configured; none configured means no purge at all.
https://docs.wagtail.org/en/stable/reference/contrib/frontendcache.html
"""

BACKENDS = "wagtail.contrib.frontend_cache.backends"


def frontend_cache_backends(
    *,
    purge_url: str = "",
    cloudflare_zone_id: str = "",
    cloudflare_token: str = "",
    cloudfront_distribution_id: str = "",
    hostnames: list[str] | None = None,
) -> dict:
    """Backends for an HTTP purge endpoint (Varnish and others that accept
    PURGE), Cloudflare (zone id and an API token allowed to purge) and
    CloudFront (distribution id; AWS credentials from the usual AWS_*
    variables). `hostnames` limits purges to those hosts (default: all)."""
    backends = {}
    if purge_url:
        backends["http"] = {"BACKEND": f"{BACKENDS}.HTTPBackend", "LOCATION": purge_url}
    if cloudflare_zone_id:
        backends["cloudflare"] = {
            "BACKEND": f"{BACKENDS}.CloudflareBackend",
            "ZONEID": cloudflare_zone_id,
            "BEARER_TOKEN": cloudflare_token,
        }
    if cloudfront_distribution_id:
        backends["cloudfront"] = {
            "BACKEND": f"{BACKENDS}.CloudfrontBackend",
            "DISTRIBUTION_ID": cloudfront_distribution_id,
        }
    if hostnames:
        for backend in backends.values():
            backend["HOSTNAMES"] = list(hostnames)
    return backends
