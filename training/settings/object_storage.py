"""STORAGES entries for S3-compatible buckets; a pure function of the raw values.

Used by base.py (from the environment) and by the tests (against a local S3
server) so that both build the buckets the same way.
https://django-storages.readthedocs.io/en/latest/backends/amazon-S3.html
"""

S3_BACKEND = "storages.backends.s3.S3Storage"


def s3_storage(
    options: dict,
    *,
    bucket: str,
    private: bool,
    url_seconds: int = 60,
    custom_domain: str | None = None,
) -> dict:
    """One STORAGES entry. A private bucket's objects are reached only by URLs
    signed for ``url_seconds``; a public one's by plain (or CDN) URLs."""
    # No object ACL: buckets made today refuse ACLs, and a bucket without a public
    # policy keeps its objects private.
    access = (
        {"querystring_auth": True, "querystring_expire": url_seconds}
        if private
        else {"querystring_auth": False, "custom_domain": custom_domain}
    )
    return {
        "BACKEND": S3_BACKEND,
        "OPTIONS": {"signature_version": "s3v4", "file_overwrite": False}
        | options
        | {"bucket_name": bucket}
        | access,
    }
