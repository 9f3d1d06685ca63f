"""Forms of the blueprint page: its settings and the rows of a random form."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from muhandis.competencies.models import Competency, Framework
from muhandis.competencies.selectors import tree_choices, tree_of
from muhandis.exams.blueprints.services import RowSpec
from muhandis.exams.models import Blueprint, Difficulty

ROW_SLOTS = 10


class BlueprintForm(forms.Form):
    time_limit_minutes = forms.IntegerField(
        label=_("Time allowed (minutes)"), min_value=1, max_value=600
    )
    pass_mark = forms.IntegerField(
        label=_("Pass mark (%)"),
        min_value=0,
        max_value=100,
        help_text=_("A modified-Angoff study can set it; typing another makes it fixed again."),
    )
    form_mode = forms.ChoiceField(label=_("Forms"), choices=Blueprint.FormMode.choices)
    fixed_codes = forms.CharField(
        label=_("Items of the fixed form"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Item codes separated by commas or spaces; used only for a fixed form."),
    )
    double_marking = forms.BooleanField(label=_("Double marking of essays"), required=False)
    marking_threshold = forms.IntegerField(
        label=_("Difference that needs a third marker (%)"), min_value=0, max_value=100
    )

    def fixed_code_list(self) -> list[str]:
        text = self.cleaned_data.get("fixed_codes") or ""
        return [code for code in text.replace(",", " ").split() if code]

    @staticmethod
    def initial_for(blueprint: Blueprint | None) -> dict:
        if blueprint is None:
            return {"time_limit_minutes": 120, "pass_mark": 70, "marking_threshold": 20}
        return {
            "time_limit_minutes": blueprint.time_limit_minutes,
            "pass_mark": blueprint.pass_mark,
            "form_mode": blueprint.form_mode,
            "double_marking": blueprint.double_marking,
            "marking_threshold": blueprint.marking_threshold,
            "fixed_codes": ", ".join(blueprint.fixed_items.values_list("code", flat=True)),
        }


def node_choices(framework: Framework) -> list[tuple[str, str]]:
    """Every node a row can name, by code, in tree order: each area, then the competencies
    under it, indented and naming the competency they sit under (``tree_choices``)."""
    labels = dict(tree_choices(Competency.objects.filter(framework=framework)))
    choices = []
    for tree in tree_of(framework):
        choices.append((tree.area.code, f"{tree.area.code} {tree.area.title}"))
        choices.extend((node.code, "\u2003" + labels[node.competency.pk]) for node in tree.nodes())
    return choices


class BlueprintRowsForm(forms.Form):
    """The rows of a random form: a fixed number of slots, so no script is needed."""

    def __init__(
        self,
        *args: Any,
        framework: Framework | None = None,
        nodes: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        """The rows name nodes of ``framework`` (a scheme's exam), or the ``nodes`` given (a
        course's test: its competencies and those under them)."""
        super().__init__(*args, **kwargs)
        if nodes is None:
            nodes = node_choices(framework) if framework else []
        area_choices = [("", "—"), *nodes]
        difficulty_choices = [("", _("Any difficulty")), *Difficulty.choices]
        self.row_fields = []
        for slot in range(ROW_SLOTS):
            number = slot + 1
            self.fields[f"area_{slot}"] = forms.ChoiceField(
                label=_("Row %(n)d: competency area or competency") % {"n": number},
                choices=area_choices,
                required=False,
            )
            self.fields[f"difficulty_{slot}"] = forms.TypedChoiceField(
                label=_("Row %(n)d: difficulty") % {"n": number},
                choices=difficulty_choices,
                coerce=int,
                empty_value=None,
                required=False,
            )
            self.fields[f"count_{slot}"] = forms.IntegerField(
                label=_("Row %(n)d: number of items") % {"n": number},
                min_value=1,
                max_value=200,
                required=False,
            )
            self.row_fields.append(
                (self[f"area_{slot}"], self[f"difficulty_{slot}"], self[f"count_{slot}"])
            )

    def rows(self) -> list[RowSpec]:
        from muhandis.exams.blueprints.services import RowSpec

        found = []
        for slot in range(ROW_SLOTS):
            area = self.cleaned_data.get(f"area_{slot}")
            count = self.cleaned_data.get(f"count_{slot}")
            if area:
                found.append(RowSpec(area, self.cleaned_data.get(f"difficulty_{slot}"), count or 0))
        return found

    @staticmethod
    def initial_for(blueprint: Blueprint | None) -> dict:
        initial = {}
        if blueprint is not None:
            for slot, row in enumerate(blueprint.rows.all()[:ROW_SLOTS]):
                initial[f"area_{slot}"] = row.area_code
                initial[f"difficulty_{slot}"] = row.difficulty
                initial[f"count_{slot}"] = row.count
        return initial
