"""Certificate URLs; outside the language prefix, so printed and signed URLs never change."""

from django.urls import path

from . import views

app_name = "certificates"
urlpatterns = [
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/", views.verify_form, name="verify"),  # alias
    path("verify/<str:code>/", views.verify_code, name="verify_code"),
    # A credential's achievement id (no trailing slash, as signed).
    path(
        "certificates/achievements/<int:cohort_id>",
        views.achievement,
        name="achievement",
    ),
    path(
        "certificates/achievements/<int:cohort_id>/badge.png",
        views.achievement_badge,
        name="achievement_badge",
    ),
    path("certificates/issuer.png", views.issuer_image, name="issuer_image"),
    path(
        "certificates/status/<slug:slug>",
        views.status_list,
        name="status_list",
    ),
    path(
        "certificates/batches/<int:pk>/",
        views.batch_progress,
        name="batch_progress",
    ),
    path(
        "certificates/cohorts/<slug:slug>/issue/",
        views.cohort_certificates_issue_view,
        name="cohort_issue",
    ),
    path(
        "certificates/cohorts/<slug:slug>/endorsements/",
        views.cohort_endorsements,
        name="cohort_endorsements",
    ),
    path(
        "certificates/cohorts/<slug:slug>/endorsements/<slug:office_code>/approve/",
        views.cohort_endorsement_approve_view,
        name="endorsement_approve",
    ),
    path(
        "certificates/cohorts/<slug:slug>/endorsements/<slug:office_code>/export/",
        views.cohort_endorsement_export_view,
        name="endorsement_export",
    ),
    path(
        "certificates/cohorts/<slug:slug>/endorsements/<slug:office_code>/import/",
        views.cohort_endorsement_import_view,
        name="endorsement_import",
    ),
    path(
        "certificates/cohorts/<slug:slug>/endorsements/<slug:office_code>/"
        "withdraw/<str:code>/",
        views.certificate_endorsement_withdraw_view,
        name="endorsement_withdraw",
    ),
    path(
        "certificates/cohorts/<slug:slug>/certificates.zip",
        views.cohort_pdfs_zip,
        name="cohort_zip",
    ),
    path(
        "certificates/<str:code>/credential.json",
        views.credential_json,
        name="credential_json",
    ),
    # The credential's refreshService: the live credential that replaces it.
    path(
        "certificates/<str:code>/refresh",
        views.credential_refresh,
        name="credential_refresh",
    ),
    path(
        "certificates/<str:code>/credential.jwt",
        views.credential_jwt,
        name="credential_jwt",
    ),
    path(
        "certificates/<str:code>/badge.png",
        views.certificate_badge,
        name="certificate_badge",
    ),
    # Wallet pickup (docs/decisions/0016): the holder's offers, then the
    # endpoints wallets call.
    path(
        "certificates/<str:code>/wallet/",
        views.wallet_pickup,
        name="wallet_pickup",
    ),
    path(
        "certificates/wallet/exchanges/<str:exchange_id>",
        views.wallet_exchange,
        name="wallet_exchange",
    ),
    path(
        ".well-known/openid-credential-issuer",
        views.oid4vci_issuer_metadata,
        name="oid4vci_metadata",
    ),
    path(
        ".well-known/oauth-authorization-server",
        views.oid4vci_authorization_server_metadata,
        name="oid4vci_authorization_server",
    ),
    path("certificates/wallet/token", views.oid4vci_token, name="oid4vci_token"),
    path("certificates/wallet/nonce", views.oid4vci_nonce, name="oid4vci_nonce"),
    path(
        "certificates/wallet/credential",
        views.oid4vci_credential,
        name="oid4vci_credential",
    ),
    path(
        "certificates/<str:code>/certificate.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
]
