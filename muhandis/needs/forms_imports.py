"""Uploads of the XLSForm pages: an XLSForm to make a survey from, and answers collected with
one."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from muhandis.competencies.models import Framework

MAX_UPLOAD = 10 * 1024 * 1024


def _checked(
    upload: UploadedFile, endings: tuple[str, ...], choose: "str | Promise"
) -> UploadedFile:
    if (upload.size or 0) > MAX_UPLOAD:
        raise forms.ValidationError(_("The file is larger than 10 MB: split it in parts."))
    if not (upload.name or "").lower().endswith(endings):
        raise forms.ValidationError(str(choose))
    return upload


class XLSFormImportForm(forms.Form):
    file = forms.FileField(
        label=_("XLSForm"),
        help_text=_(
            "An XLSX workbook with the sheets survey, choices and settings, built from a "
            "survey's exported form. form_id becomes the survey's code, form_title its title."
        ),
    )
    framework: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Competency framework"),
        queryset=Framework.objects.exclude(status=Framework.Status.RETIRED).order_by(
            "code", "-version"
        ),
        help_text=_("The questions' names are read as the codes of this framework's competencies."),
    )

    def clean_file(self) -> UploadedFile:
        # KoboToolbox names the forms it hands out .xls whatever their format: the content
        # decides.
        return _checked(self.cleaned_data["file"], (".xlsx", ".xls"), _("Choose an .xlsx file."))


class AnswerImportForm(forms.Form):
    file = forms.FileField(
        label=_("Answers"),
        help_text=_(
            "The answers as KoboToolbox or ODK Central export them: XLSX, or CSV in UTF-8 "
            "(commas or semicolons), with XML values and headers."
        ),
    )

    def clean_file(self) -> UploadedFile:
        return _checked(
            self.cleaned_data["file"], (".xlsx", ".csv", ".txt"), _("Choose an .xlsx or .csv file.")
        )
