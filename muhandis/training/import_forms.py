from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 10 * 1024 * 1024


class ParticipantImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_(
            "XLSX, or CSV in UTF-8 (commas or semicolons), with the template's header row."
        ),
    )
    create_sessions = forms.BooleanField(
        label=_("Create missing past sessions"),
        required=False,
        help_text=_(
            "When a course has no session that started on the day a row gives, make a past "
            "session, marked as held, for it."
        ),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 10 MB: split it in parts."))
        if not upload.name.lower().endswith((".xlsx", ".csv", ".txt")):
            raise forms.ValidationError(_("Choose an .xlsx or .csv file."))
        return upload
