"""Forms of the item bank's staff pages: finding items, writing one, images, import, export.

The item form works without JavaScript: a fixed number of option and pair rows, one set of
fields per language. What it builds is checked with ``formats.items.check``, the rule every
imported item meets too."""

import math
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from muhandis.certification.models import Scheme
from muhandis.competencies import selectors as competency_selectors
from muhandis.competencies.models import Competency, Framework, code_validator
from muhandis.exams.format_messages import translate
from muhandis.exams.formats.items import (
    LANGUAGES,
    Image,
    ItemDraft,
    Option,
    Pair,
    Unit,
    check,
    to_content,
)
from muhandis.exams.models import Difficulty, Item, ItemImage, ItemKind, ItemVersion

ROWS = 6  # option and pair rows on the form
LANGUAGE_NAMES = dict(settings.LANGUAGES)
IMAGE_REFERENCE = re.compile(r"\[image:(\d+)\]")
MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMPORT_BYTES = 10 * 1024 * 1024
IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
IDNUMBER_LENGTH = 100  # Moodle's question.idnumber is a char(100)


# Stored content and the neutral draft --------------------------------------------------------


def _texts(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {code: str(value[code]) for code in LANGUAGES if str(value.get(code) or "").strip()}


def _float(value: object, default: float | None = None) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return default
    return number if math.isfinite(number) else default


def _units(content: dict) -> tuple[Unit, ...]:
    listed = content.get("unit_list")
    if isinstance(listed, list) and listed:
        return tuple(
            Unit(str(u.get("name", "")), _float(u.get("multiplier"), 1.0) or 1.0)
            for u in listed
            if isinstance(u, dict) and str(u.get("name") or "").strip()
        )
    name = str(content.get("units") or "").strip()
    return (Unit(name),) if name else ()


def draft_from_content(content: dict, *, item: Item | None = None) -> ItemDraft:
    """The neutral draft of a stored version (the reverse of ``to_content``); the item gives
    its code as the name, its kind, competencies, schemes and difficulty."""
    content = content if isinstance(content, dict) else {}
    options = tuple(
        Option(
            texts=_texts(o.get("texts")),
            fraction=_float(o.get("fraction"), 0.0) or 0.0,
            feedback=_texts(o.get("feedback")),
        )
        for o in content.get("options") or []
        if isinstance(o, dict)
    )
    pairs = tuple(
        Pair(left=_texts(p.get("left")), right=_texts(p.get("right")))
        for p in content.get("pairs") or []
        if isinstance(p, dict)
    )
    truth = content.get("truth")
    draft = ItemDraft(
        kind=str(content.get("kind") or ""),
        texts=_texts(content.get("texts")),
        name=str(content.get("name") or ""),
        options=options,
        truth=truth if isinstance(truth, bool) else None,
        answer=_float(content.get("answer")),
        tolerance=_float(content.get("tolerance"), 0.0) or 0.0,
        units=_units(content),
        pairs=pairs,
        case_sensitive=bool(content.get("case_sensitive")),
        rubric=_texts(content.get("rubric")),
        feedback=_texts(content.get("feedback")),
        competencies=tuple(str(c) for c in content.get("competencies") or []),
        schemes=tuple(str(s) for s in content.get("schemes") or []),
        difficulty=content.get("difficulty") if content.get("difficulty") in (1, 2, 3) else None,
        tags=tuple(str(t) for t in content.get("tags") or []),
        idnumber=str(content.get("idnumber") or "").strip(),
    )
    if item is None:
        return draft
    return replace(
        draft,
        kind=item.kind,
        name=item.code,
        competencies=tuple(c.code for c in item.competencies.all()),
        schemes=tuple(s.code for s in item.schemes.all()),
        difficulty=item.difficulty,
    )


def version_draft(
    version: ItemVersion, *, images: Iterable[ItemImage] = (), read_files: bool = True
) -> ItemDraft:
    """The version's draft; with the item's images, as the draft's images (for export).
    Without ``read_files`` the images are listed but their bytes are not read (a preview)."""
    draft = draft_from_content(version.content, item=version.item)
    return replace(draft, images=draft_images(images, read_files=read_files)) if images else draft


def draft_images(images: Iterable[ItemImage], *, read_files: bool = True) -> tuple[Image, ...]:
    """The item's images as a draft holds them: the N-th is ``[image:N]``. Images are numbered
    from 1 and never removed; should a number be missing, the images stop before it, so that
    no reference points at the wrong picture."""
    drafted: list[Image] = []
    for image in sorted(images, key=lambda image: image.number):
        if image.number != len(drafted) + 1:
            break
        data = b""
        if read_files:
            with image.file.open("rb") as file:
                data = file.read()
        name = PurePosixPath(image.file.name).name
        drafted.append(Image(name, data, image.content_type, dict(image.alt or {})))
    return tuple(drafted)


def kept_content(content: dict) -> dict:
    """The keys of stored content that the item form does not write (kept by an edit)."""
    known = set(to_content(ItemDraft(kind="", texts={}, idnumber="-")))
    return {key: value for key, value in content.items() if key not in known}


def editable_content(content: dict, draft: ItemDraft) -> dict:
    """Stored content (read as ``draft``) as the item form writes it back unchanged: the
    form's keys from the draft, and the keys it does not edit as they were."""
    return {**kept_content(content), **to_content(draft)}


# Finding items ---------------------------------------------------------------------------------


def published_competencies() -> QuerySet[Competency]:
    return (
        Competency.objects.filter(framework__status=Framework.Status.PUBLISHED)
        .select_related("area")
        .order_by("code")
    )


def usable_schemes() -> QuerySet[Scheme]:
    return Scheme.objects.exclude(status=Scheme.Status.DRAFT).order_by("code", "-version")


class CompetencyChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Competency) -> str:
        return f"{obj.code} — {obj.title}"


class SchemeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Competency) -> str:
        return f"{obj.code} v{obj.version} — {obj.title}"


class BankFilterForm(forms.Form):
    q = forms.CharField(label=_("Code or text"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Any")), *ItemKind.choices]
    )
    status = forms.ChoiceField(
        label=_("Status of a version"),
        required=False,
        choices=[("", _("Any")), *ItemVersion.Status.choices],
    )
    area = forms.ChoiceField(label=_("Competency area"), required=False)
    scheme = forms.ChoiceField(label=_("Scheme"), required=False)
    language = forms.ChoiceField(
        label=_("Written in"), required=False, choices=[("", _("Any")), *settings.LANGUAGES]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        areas = published_competencies().values_list("area__code", "area__title").distinct()
        self.fields["area"].choices = [
            ("", _("Any")),
            *sorted({(code, f"{code} — {title}") for code, title in areas}),
        ]
        codes = usable_schemes().values_list("code", flat=True).distinct()
        self.fields["scheme"].choices = [("", _("Any"))] + [(c, c) for c in sorted(set(codes))]


# Writing an item -------------------------------------------------------------------------------


def _language_label(label: str, code: str) -> str:
    return f"{label} ({LANGUAGE_NAMES.get(code, code)})"


class ItemForm(forms.Form):
    """One item of any kind. With ``item``, its draft: code, kind and tags stay the item's."""

    code = forms.CharField(
        label=_("Code"),
        max_length=50,
        validators=[code_validator],
        help_text=_("Unique in the bank, e.g. TEC-01-0042."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=ItemKind.choices)
    difficulty = forms.TypedChoiceField(
        label=_("Difficulty"), choices=Difficulty.choices, coerce=int, initial=Difficulty.MEDIUM
    )
    competencies = CompetencyChoice(
        label=_("Competencies"),
        queryset=Competency.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Choose one or more (Ctrl or ⌘ and click, or Shift and the arrow keys)."),
    )
    schemes = SchemeChoice(
        label=_("Schemes it serves"),
        queryset=Scheme.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    case_sensitive = forms.BooleanField(label=_("Short text: capitals must match"), required=False)
    truth = forms.ChoiceField(
        label=_("True or false: the statement is"),
        required=False,
        choices=[("", "—"), ("true", _("true")), ("false", _("false"))],
    )
    answer = forms.FloatField(label=_("Numeric: the correct answer"), required=False)
    tolerance = forms.FloatField(
        label=_("Numeric: tolerance (±)"), required=False, initial=0, min_value=0
    )
    idnumber = forms.CharField(
        label=_("ID number"),
        required=False,
        max_length=IDNUMBER_LENGTH,
        help_text=_(
            "Optional: the question's ID number in Moodle, kept in GIFT and Moodle XML exports."
        ),
    )
    units = forms.CharField(
        label=_("Numeric: units"),
        required=False,
        max_length=200,
        help_text=_(
            "The unit of the answer first, then others with their multiplier, "
            "separated by semicolons, e.g. m; mm=1000."
        ),
    )

    def __init__(
        self,
        *args: Any,
        item: Item | None = None,
        images: Iterable[ItemImage] = (),
        rows: int = ROWS,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        self.rows = max(ROWS, rows)
        self.image_numbers = {image.number for image in images}
        self.draft: ItemDraft | None = None
        self.warnings: list[str] = []
        if item is not None:
            # The code and type are the item's identity; its tags may change.
            for name in ("code", "kind"):
                del self.fields[name]
        self.fields["competencies"].queryset = published_competencies()
        # Nested competencies in tree order, each naming the one it sits under.
        self.fields["competencies"].choices = competency_selectors.tree_choices(
            published_competencies()
        )
        self.fields["schemes"].queryset = usable_schemes()
        for code in LANGUAGES:
            self._language_fields(code)
        for row in range(self.rows):
            self._row_fields(row)

    def _language_fields(self, code: str) -> None:
        area = forms.Textarea(attrs={"rows": 3})
        self.fields[f"text_{code}"] = forms.CharField(
            label=_language_label(_("Question"), code), required=False, widget=area
        )
        self.fields[f"rubric_{code}"] = forms.CharField(
            label=_language_label(_("Essay: rubric for the markers"), code),
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
        self.fields[f"feedback_{code}"] = forms.CharField(
            label=_language_label(_("Feedback after the answer"), code),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
        )

    def _row_fields(self, row: int) -> None:
        number = row + 1
        self.fields[f"option_{row}_credit"] = forms.FloatField(
            label=_("Credit (%%) of option %(number)d") % {"number": number},
            required=False,
            min_value=-100,
            max_value=100,
        )
        for code in LANGUAGES:
            language = LANGUAGE_NAMES.get(code, code)
            self.fields[f"option_{row}_{code}"] = forms.CharField(
                label=_("Option %(number)d (%(language)s)")
                % {"number": number, "language": language},
                required=False,
                max_length=2000,
            )
            for side, label in (("left", _("Prompt")), ("right", _("Match"))):
                self.fields[f"pair_{row}_{side}_{code}"] = forms.CharField(
                    label=_("%(side)s of pair %(number)d (%(language)s)")
                    % {"side": label, "number": number, "language": language},
                    required=False,
                    max_length=2000,
                )

    # What the template lays out ---------------------------------------------------------------

    def language_sections(self) -> list[dict]:
        return [
            {
                "code": code,
                "name": LANGUAGE_NAMES.get(code, code),
                "fields": [self[f"{prefix}_{code}"] for prefix in ("text", "feedback", "rubric")],
            }
            for code in LANGUAGES
        ]

    def option_rows(self) -> list[dict]:
        return [
            {
                "number": row + 1,
                "credit": self[f"option_{row}_credit"],
                "texts": [self[f"option_{row}_{code}"] for code in LANGUAGES],
            }
            for row in range(self.rows)
        ]

    def pair_rows(self) -> list[dict]:
        return [
            {
                "number": row + 1,
                "cells": [
                    self[f"pair_{row}_{side}_{code}"]
                    for code in LANGUAGES
                    for side in ("left", "right")
                ],
            }
            for row in range(self.rows)
        ]

    def language_names(self) -> list[str]:
        return [LANGUAGE_NAMES.get(code, code) for code in LANGUAGES]

    # Building and checking the item -----------------------------------------------------------

    def clean_units(self) -> tuple[Unit, ...]:
        units = []
        for part in (self.cleaned_data.get("units") or "").split(";"):
            name, _sep, multiplier = part.partition("=")
            if not name.strip():
                continue
            value = _float(multiplier.replace(",", "."), None) if multiplier.strip() else 1.0
            if value is None or value <= 0:
                raise forms.ValidationError(
                    _("The multiplier of the unit “%(unit)s” must be a positive number.")
                    % {"unit": name.strip()}
                )
            units.append(Unit(name.strip(), value))
        return tuple(units)

    def _languages(self, prefix: str) -> dict[str, str]:
        data = self.cleaned_data
        return {
            code: data[f"{prefix}_{code}"].strip()
            for code in LANGUAGES
            if (data.get(f"{prefix}_{code}") or "").strip()
        }

    def _options(self) -> tuple[Option, ...]:
        previous = self.initial.get("_option_feedback") or []
        options = []
        for row in range(self.rows):
            texts = self._languages(f"option_{row}")
            if not texts:
                continue
            credit = self.cleaned_data.get(f"option_{row}_credit") or 0.0
            feedback = previous[row] if row < len(previous) else {}
            options.append(Option(texts=texts, fraction=round(credit / 100, 7), feedback=feedback))
        return tuple(options)

    def _pairs(self) -> tuple[Pair, ...]:
        pairs = []
        for row in range(self.rows):
            left, right = self._languages(f"pair_{row}_left"), self._languages(f"pair_{row}_right")
            if left or right:
                pairs.append(Pair(left=left, right=right))
        return tuple(pairs)

    def build(self) -> ItemDraft:
        """The item as the form says it, in the kind's own terms (other kinds' fields unused)."""
        data, item = self.cleaned_data, self.item
        kind = item.kind if item else data.get("kind", "")
        truth = {"true": True, "false": False}.get(data.get("truth") or "")
        return ItemDraft(
            kind=kind,
            texts=self._languages("text"),
            name=item.code if item else data.get("code", ""),
            options=self._options() if kind in ("single", "multiple", "short_text") else (),
            truth=truth if kind == "true_false" else None,
            answer=data.get("answer") if kind == "numeric" else None,
            tolerance=(data.get("tolerance") or 0.0) if kind == "numeric" else 0.0,
            units=(data.get("units") or ()) if kind == "numeric" else (),
            pairs=self._pairs() if kind == "matching" else (),
            case_sensitive=bool(data.get("case_sensitive")) and kind == "short_text",
            rubric=self._languages("rubric") if kind == "essay" else {},
            feedback=self._languages("feedback"),
            competencies=self._codes("competencies"),
            schemes=self._codes("schemes"),
            difficulty=item.difficulty if item else data.get("difficulty"),
            tags=tuple(self.initial.get("_tags") or ()),
            idnumber=(data.get("idnumber") or "").strip(),
        )

    def _codes(self, name: str) -> tuple[str, ...]:
        if self.item is not None:
            return tuple(getattr(self.item, name).values_list("code", flat=True))
        return tuple(dict.fromkeys(o.code for o in self.cleaned_data.get(name) or []))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.errors:
            return data
        draft = self.build()
        for problem in check(draft):
            message = translate(problem.message)
            if problem.severity == "error":
                self.add_error(None, message)
            else:
                self.warnings.append(message)
        self._check_images(draft)
        self.draft = draft
        return data

    def _check_images(self, draft: ItemDraft) -> None:
        texts = [*draft.texts.values(), *(t for o in draft.options for t in o.texts.values())]
        referred = {int(n) for text in texts for n in IMAGE_REFERENCE.findall(text)}
        for number in sorted(referred - self.image_numbers):
            self.add_error(
                None,
                _(
                    "The text shows [image:%(number)d], but the item has no image %(number)d. "
                    "Save the item, upload the image on its page, then refer to it."
                )
                % {"number": number},
            )

    def content(self) -> dict:
        """The new content: what the form says, and what it does not edit kept as it was."""
        assert self.draft is not None, "content() is read after is_valid()"
        return {**(self.initial.get("_kept") or {}), **to_content(self.draft)}


def initial_from_draft(draft: ItemDraft, *, content: dict | None = None) -> dict:
    """The form's starting values for an existing version (``content``: its stored content,
    whose keys the form does not edit are kept)."""
    initial: dict = {
        "truth": {True: "true", False: "false"}.get(draft.truth, ""),
        "answer": draft.answer,
        "tolerance": draft.tolerance,
        "units": "; ".join(
            unit.name if index == 0 and unit.multiplier == 1 else f"{unit.name}={unit.multiplier:g}"
            for index, unit in enumerate(draft.units)
        ),
        "case_sensitive": draft.case_sensitive,
        "idnumber": draft.idnumber,
        "_tags": draft.tags,
        "_option_feedback": [option.feedback for option in draft.options],
        "_kept": kept_content(content or {}),
    }
    for code in LANGUAGES:
        initial[f"text_{code}"] = draft.texts.get(code, "")
        initial[f"rubric_{code}"] = draft.rubric.get(code, "")
        initial[f"feedback_{code}"] = draft.feedback.get(code, "")
    for row, option in enumerate(draft.options):
        initial[f"option_{row}_credit"] = round(option.fraction * 100, 5)
        for code in LANGUAGES:
            initial[f"option_{row}_{code}"] = option.texts.get(code, "")
    for row, pair in enumerate(draft.pairs):
        for code in LANGUAGES:
            initial[f"pair_{row}_left_{code}"] = pair.left.get(code, "")
            initial[f"pair_{row}_right_{code}"] = pair.right.get(code, "")
    return initial


# Images, retirement ----------------------------------------------------------------------------


class ImageForm(forms.Form):
    file = forms.FileField(
        label=_("Image"), help_text=_("PNG or JPEG, at most 2 MB. The text shows it as [image:N].")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in LANGUAGES:
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_language_label(_("What the image shows, for screen readers"), code),
                required=False,
                max_length=500,
            )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The image is larger than 2 MB."))
        upload.seek(0)
        head = upload.read(16)
        upload.seek(0)
        content_type = next((t for magic, t in IMAGE_TYPES.items() if head.startswith(magic)), None)
        if content_type is None:
            raise forms.ValidationError(
                _("This file is not a PNG or JPEG image, whatever its name says.")
            )
        upload.checked_content_type = content_type
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not any((data.get(f"alt_{code}") or "").strip() for code in LANGUAGES):
            self.add_error(
                None, _("Describe the image in at least one language for screen-reader users.")
            )
        return data

    def alt(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"alt_{code}"].strip()
            for code in LANGUAGES
            if self.cleaned_data.get(f"alt_{code}", "").strip()
        }


class RetireForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the item is retired"), widget=forms.Textarea(attrs={"rows": 2})
    )


# Import and export -------------------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Question bank file"),
        help_text=_(
            "Moodle GIFT (.gift, .txt), Moodle XML (.xml), the authors' spreadsheet "
            "(.xlsx, .csv), or QTI where offered. At most 10 MB."
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of the file's text"),
        choices=settings.LANGUAGES,
        help_text=_("GIFT and Moodle XML do not say which language they are written in."),
    )
    competencies = forms.CharField(
        label=_("Competencies for items that name none"),
        required=False,
        max_length=500,
        help_text=_("Codes separated by commas, e.g. TEC-01. GIFT files cannot name them."),
    )
    code_prefix = forms.CharField(
        label=_("Start of the new items' codes"),
        max_length=40,
        validators=[code_validator],
        help_text=_("The items get codes such as TEC-01-0001, TEC-01-0002 …"),
    )

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB: split it in parts."))
        return upload

    def clean_competencies(self) -> tuple[str, ...]:
        value = self.cleaned_data.get("competencies") or ""
        return tuple(code.strip() for code in re.split(r"[,;\s]+", value) if code.strip())


EXPORT_FORMATS = [
    ("gift", _("Moodle GIFT")),
    ("moodle_xml", _("Moodle XML")),
    ("xlsx", _("Spreadsheet (XLSX)")),
]


class ExportForm(forms.Form):
    format = forms.ChoiceField(label=_("Format"), choices=EXPORT_FORMATS)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("GIFT holds one language; Moodle XML shows this one when it is the only one."),
    )
    versions = forms.ChoiceField(
        label=_("Versions"),
        choices=[
            ("active", _("The active version of each item")),
            ("latest", _("The newest version of each item, drafts included")),
        ],
        initial="active",
    )

    def __init__(
        self, *args: Any, formats: Iterable[tuple[str, str]] = EXPORT_FORMATS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = formats
