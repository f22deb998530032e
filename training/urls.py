from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import login as login_doors
from accounts import views as account_views
from certificates.views import did as did_views
from training import views
from training.api import api

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # did:web documents of the platform and the offices (issuer identities).
    path(".well-known/did.json", did_views.platform_did_document, name="did_platform"),
    path(
        "offices/<slug:code>/did.json",
        did_views.office_did_document,
        name="did_office",
    ),
    path("api/v1/", api.urls),
    # Before Wagtail's own: all log-in goes through allauth (accounts/login.py).
    path("admin/login/", login_doors.wagtail_admin_login),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", admin.site.urls),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/setlang/", account_views.set_language, name="set_language"),
    # Printed and signed URLs (QR codes, credentials) stay language-neutral.
    path("", include("certificates.urls")),
]

# Pages people read are served per language: /courses/ in English, /zh-hans/courses/ …
urlpatterns += i18n_patterns(
    path("accounts/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("learning/", include("cms.urls")),
    path("cohorts/", include("cohorts.urls")),
    path("network/", include("accounts.network_urls")),
    path("exchange/", include("exchange.urls")),
    path("", include("courses.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("_util/login/", login_doors.wagtail_frontend_login),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

if settings.BENCH_VIEWS:
    urlpatterns[:0] = [
        path("bench/ping", views.bench_ping, name="bench_ping"),
        path("bench/lookup/<str:code>", views.bench_lookup, name="bench_lookup"),
    ]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = (
        static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
    )
