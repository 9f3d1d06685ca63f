"""The public register's search form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.accounts.models import Region

from ..models import PublicStatus, Scheme


class RegisterSearchForm(forms.Form):
    q = forms.CharField(label=_("name or certificate number"), required=False, max_length=100)
    scheme = forms.ChoiceField(label=_("scheme"), required=False)
    region = forms.ChoiceField(label=_("region"), required=False)
    status = forms.ChoiceField(
        label=_("status"),
        required=False,
        choices=[("", _("any")), *PublicStatus.choices],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = Scheme.objects.exclude(status=Scheme.Status.DRAFT).values_list("code", flat=True)
        self.fields["scheme"].choices = [("", _("any")), *[(c, c) for c in sorted(set(codes))]]
        self.fields["region"].choices = [
            ("", _("any")),
            *[(r.code, r.name) for r in Region.objects.all()],
        ]
