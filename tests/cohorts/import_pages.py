"""Driving an import page as a person does: upload for a preview, then confirm."""

import html
import re

from django.core.files.uploadedfile import SimpleUploadedFile

_TOKEN = re.compile(r'name="token" value="([^"]+)"')


def csv_file(text: str | bytes) -> SimpleUploadedFile:
    data = text.encode() if isinstance(text, str) else text
    return SimpleUploadedFile("data.csv", data, "text/csv")


def page(response) -> str:
    return html.unescape(response.content.decode())


def confirm_token(response) -> str | None:
    """The token behind the preview's "Confirm import" button, if it offers one."""
    match = _TOKEN.search(response.content.decode())
    return match and match.group(1)


def preview(client, url, text):
    return client.post(url, {"file": csv_file(text)})


def preview_and_confirm(client, url, text):
    """Upload, then press "Confirm import" when the preview offers it (no file sent
    again). Returns the last response."""
    response = preview(client, url, text)
    token = confirm_token(response)
    return response if token is None else client.post(url, {"token": token})
