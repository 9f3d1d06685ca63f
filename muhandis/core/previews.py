"""An uploaded file previewed, then confirmed: the confirmation acts on exactly the file that
was previewed, by the same person, within the hour.

The file is kept in storage under its SHA-256; the page carries a signed token naming it (and
whatever else the caller needs back). Used by the certificate import and the item bank import."""

import hashlib
from typing import Any

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model
from django.http import QueryDict
from django.utils.translation import gettext as _

TOKEN_MAX_AGE = 3600  # seconds between the preview and the confirmation


class ConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput)


def keep(content: bytes, *, folder: str, salt: str, actor: Model, **extra: Any) -> ConfirmForm:
    """Store the previewed file and give the form that confirms it."""
    sha256 = hashlib.sha256(content).hexdigest()
    path = f"{folder}/{sha256}"
    if not default_storage.exists(path):
        path = default_storage.save(path, ContentFile(content))
    data = {**extra, "path": path, "sha256": sha256, "actor": actor.pk}
    return ConfirmForm(initial={"token": signing.dumps(data, salt=salt)})


def kept(post: QueryDict, *, salt: str, actor: Model) -> tuple[bytes, dict]:
    """The previewed file and the data kept with it, or a ValidationError saying what to do."""
    form = ConfirmForm(post)
    expired = ValidationError(_("The preview is no longer valid. Upload the file again."))
    if not form.is_valid():
        raise expired
    try:
        data = signing.loads(form.cleaned_data["token"], salt=salt, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature as exc:
        raise expired from exc
    if data.get("actor") != actor.pk or not default_storage.exists(data["path"]):
        raise expired
    with default_storage.open(data["path"], "rb") as handle:
        content = handle.read()
    if hashlib.sha256(content).hexdigest() != data["sha256"]:
        raise ValidationError(_("The file changed after the preview. Upload it again."))
    return content, data
