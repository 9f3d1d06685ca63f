from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from django import forms
from django.http import HttpRequest
from django.utils import translation

from . import services
from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def save_user(
        self, request: HttpRequest, user: User, form: forms.Form, commit: bool = True
    ) -> User:
        user = super().save_user(request, user, form, commit=commit)
        if commit:
            services.register_person(
                user=user, language=translation.get_language() or "uz", request=request
            )
        return user

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        # Write the email in the recipient's language when we know it.
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            super().send_mail(template_prefix, email, context)
