from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, OfficeCredentialSettings

MAX_PDF_BYTES = 20 * 1024 * 1024


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=64,
        help_text=_("As printed on the certificate, e.g. SRIP-7K3M-Q9WD-X2HT-AB4C."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "spellcheck": "false",
                "autocapitalize": "characters",
            }
        ),
    )


class PdfCheckForm(forms.Form):
    pdf = forms.FileField(
        label=_("Certificate PDF"),
        help_text=_("The file you were given; it is compared and not stored."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > MAX_PDF_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown publicly on the verification page."),
    )


class CorrectForm(forms.Form):
    holder_name = forms.CharField(
        label=_("Corrected name as it should be printed"),
        max_length=Certificate._meta.get_field("holder_name").max_length,
    )


class EndorsementApproveForm(forms.Form):
    signatory_name = forms.CharField(
        label=_("Signatory's name"),
        max_length=200,
        help_text=_(
            "The person who signs for the office; printed on the certificates."
        ),
    )
    signatory_title = forms.CharField(
        label=_("Signatory's title"),
        max_length=200,
        required=False,
        help_text=_("e.g. Director, Training Division"),
    )


class EndorsementWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for withdrawal"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown publicly on the certificate's verification page."),
    )


MAX_BATCH_BYTES = 20 * 1024 * 1024


class SignedBatchForm(forms.Form):
    signed = forms.FileField(
        label=_("Signed batch (JSON)"),
        help_text=_("The file the offline signing tool wrote (SIGNED.json)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/json,.json"}),
    )

    def clean_signed(self):
        import json

        upload = self.cleaned_data["signed"]
        if upload.size > MAX_BATCH_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise forms.ValidationError(_("The file is not valid JSON.")) from exc


class OfficePublicKeyForm(forms.Form):
    """An office's Ed25519 public key, as a Multikey (``z6Mk…``) or a PEM block."""

    public_key = forms.CharField(
        label=_("Public key"),
        widget=forms.Textarea(attrs={"rows": 4, "spellcheck": "false"}),
        help_text=_(
            "The line python -m certificates.credentials.offline_sign --keygen "
            "printed (z6Mk…), or a PEM public key (-----BEGIN PUBLIC KEY-----)."
        ),
    )
    confirm = forms.BooleanField(
        label=_(
            "The office keeps its private key: the platform will no longer sign "
            "for it, and the office signs exported batches itself."
        )
    )

    def clean_public_key(self) -> str:
        """The key as a Multikey; private keys and other key types are refused."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import (
            Ed25519PublicKey,
        )

        from certificates.credentials import multikey
        from certificates.credentials.exceptions import CredentialError

        value = self.cleaned_data["public_key"].strip()
        if "PRIVATE KEY" in value or value.startswith("z3u2"):
            raise forms.ValidationError(
                _(
                    "This is a private key. Never send it to anyone; paste the "
                    "public key only, and make a new key pair, as this one is no "
                    "longer secret."
                )
            )
        if value.startswith("-----BEGIN"):
            try:
                key = serialization.load_pem_public_key(value.encode())
            except ValueError as exc:
                raise forms.ValidationError(
                    _("This PEM block cannot be read.")
                ) from exc
            if not isinstance(key, Ed25519PublicKey):
                raise forms.ValidationError(_("Only Ed25519 keys are supported."))
            return multikey.ed25519_public_multibase(key)
        try:
            multikey.ed25519_public_from_multibase(value)
        except (CredentialError, ValueError) as exc:
            raise forms.ValidationError(
                _("This is not an Ed25519 public key in Multikey form (z6Mk…).")
            ) from exc
        return value


class KeyWithdrawForm(forms.Form):
    """Withdraw a (compromised) signing key from a day on."""

    on = forms.DateField(
        label=_("Withdrawn from"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "The first day the key may have been in other hands. Everything it "
            "signed on this day or later will fail verification; what it signed "
            "earlier still verifies."
        ),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the audit log, e.g. 'laptop with the key stolen'."),
    )
    confirm = forms.BooleanField(
        label=_(
            "I understand that this cannot be undone and that credentials signed "
            "with this key from that day on no longer verify."
        )
    )


def _host_clean(value: str) -> str:
    from certificates.credentials.did import own_did_for_host
    from certificates.credentials.exceptions import DidResolutionError

    value = value.strip().lower()
    if value:
        try:
            own_did_for_host(value)
        except DidResolutionError:
            raise forms.ValidationError(
                _("Enter a host name only, such as ipo.example.gov.")
            ) from None
    return value


class OfficeOwnDidForm(forms.Form):
    host = forms.CharField(
        label=_("Office's own domain for its DID"),
        max_length=253,
        required=False,
        help_text=_(
            "e.g. ipo.example.gov: the office is then did:web:ipo.example.gov and "
            "hosts its DID document at https://ipo.example.gov/.well-known/did.json. "
            "Leave empty to use the DID the platform hosts."
        ),
    )

    def clean_host(self) -> str:
        return _host_clean(self.cleaned_data["host"])


class OfficeDomainForm(forms.Form):
    host = forms.CharField(
        label=_("Office's domain"),
        max_length=253,
        help_text=_("e.g. ipo.example.gov, where the office hosts the file."),
    )

    def clean_host(self) -> str:
        return _host_clean(self.cleaned_data["host"])


class OfficeLinkedInForm(forms.ModelForm):
    class Meta:
        model = OfficeCredentialSettings
        fields = ["linkedin_organization_id"]
