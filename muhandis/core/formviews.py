"""What every form-handling view does: call a service, show its refusals on the form."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form, by field where it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def submitted(
    request: HttpRequest, form: forms.BaseForm, action: Callable[[dict], object], done: str
) -> bool:
    """Run ``action`` with a valid POSTed form's data; False (errors on the form) if it refuses."""
    if request.method != "POST" or not form.is_valid():
        return False
    try:
        action(form.cleaned_data)
    except ValidationError as exc:
        apply_errors(form, exc)
        return False
    messages.success(request, done)
    return True


def form_page(request: HttpRequest, template: str, context: dict) -> HttpResponse:
    """Render a page with forms; 400 when one of them carries errors."""
    invalid = any(getattr(v, "errors", None) for v in context.values() if hasattr(v, "is_bound"))
    return render(request, template, context, status=400 if invalid else 200)
