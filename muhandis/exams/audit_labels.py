"""What the item bank's audit actions mean, for history pages."""

from django.utils.translation import gettext_lazy as _

LABELS = {
    "exams.item.created": _("Item written"),
    "exams.item.edited": _("Item changed"),
    "exams.item.reviewed": _("Item reviewed"),
    "exams.item.activated": _("Item version activated"),
    "exams.item.retired": _("Item retired"),
    "exams.item.viewed": _("Item seen"),
    "exams.identity.checked": _("Identity checked before an exam"),
    "exams.attempt.started": _("Exam started"),
    "exams.attempt.submitted": _("Exam submitted"),
    "exams.essay.marked": _("Essay marked"),
    "exams.mark.changed": _("Mark changed"),
    "exams.mark.changed_after_release": _("Mark changed after the results were released"),
    "exams.result.released": _("Exam result released"),
    "exams.result.changed_after_release": _("Released exam result changed"),
    "exams.sitting.created": _("Exam sitting planned"),
    "exams.registration.created": _("Registered for an exam"),
    "exams.registration.changed": _("Exam language or extra time changed"),
    "exams.incident.reported": _("Incident during an exam logged"),
    "exams.blueprint.saved": _("Exam blueprint saved"),
    "exams.analysis.exported": _("Item analysis of a sitting downloaded"),
    "exams.item.image_added": _("Image added to an item"),
    "exams.bank.imported": _("Question bank imported"),
    "exams.bank.exported": _("Question bank exported"),
    "exams.angoff.opened": _("Standard-setting study opened"),
    "exams.angoff.rated": _("Standard-setting ratings given"),
    "exams.angoff.round_opened": _("Standard-setting round 2 opened"),
    "exams.angoff.decided": _("Cut score set by the standard-setting panel"),
    "exams.angoff.items_viewed": _("Items seen by a standard-setting panellist"),
    "exams.item.retagged": _("Item tags changed"),
    "exams.course_blueprint.saved": _("Course test written"),
    "exams.course_test.opened": _("Course pre-test or post-test opened"),
}

SENTENCES = {
    "exams.item.created": _("%(actor)s wrote the item %(target)s"),
    "exams.item.edited": _("%(actor)s changed the item %(target)s"),
    "exams.item.reviewed": _("%(actor)s reviewed the item %(target)s"),
    "exams.item.activated": _("%(actor)s activated a version of the item %(target)s"),
    "exams.item.retired": _("%(actor)s retired the item %(target)s"),
    "exams.item.viewed": _("%(actor)s looked at the item %(target)s"),
    "exams.identity.checked": _("%(actor)s checked the identity of %(target)s before an exam"),
    "exams.attempt.started": _("%(actor)s started the exam “%(target)s”"),
    "exams.attempt.submitted": _("%(actor)s submitted the exam “%(target)s”"),
    "exams.essay.marked": _("%(actor)s marked an essay in the exam “%(target)s”"),
    "exams.mark.changed": _("%(actor)s changed a mark in the exam “%(target)s”"),
    "exams.mark.changed_after_release": _(
        "%(actor)s changed a mark in the exam “%(target)s” after the results were released"
    ),
    "exams.result.released": _("%(actor)s released the result of the exam “%(target)s”"),
    "exams.result.changed_after_release": _(
        "%(actor)s changed the released result of the exam “%(target)s”"
    ),
    "exams.sitting.created": _("%(actor)s planned the exam sitting “%(target)s”"),
    "exams.registration.created": _("%(actor)s registered “%(target)s” for an exam"),
    "exams.registration.changed": _(
        "%(actor)s changed the exam language or extra time of %(target)s"
    ),
    "exams.incident.reported": _("%(actor)s logged an incident in the sitting “%(target)s”"),
    "exams.blueprint.saved": _("%(actor)s saved the exam blueprint of “%(target)s”"),
    "exams.analysis.exported": _(
        "%(actor)s downloaded the item analysis of the sitting “%(target)s”"
    ),
    "exams.item.image_added": _("%(actor)s added an image to the item %(target)s"),
    "exams.bank.imported": _("%(actor)s imported items into the question bank"),
    "exams.bank.exported": _("%(actor)s exported items from the question bank"),
    "exams.angoff.opened": _("%(actor)s opened the standard-setting study “%(target)s”"),
    "exams.angoff.rated": _("%(actor)s rated items in the standard-setting study “%(target)s”"),
    "exams.angoff.round_opened": _(
        "%(actor)s opened round 2 of the standard-setting study “%(target)s”"
    ),
    "exams.angoff.decided": _(
        "%(actor)s set the cut score of the standard-setting study “%(target)s”"
    ),
    "exams.angoff.items_viewed": _(
        "%(actor)s looked at the items of the standard-setting study “%(target)s”"
    ),
    "exams.item.retagged": _("%(actor)s changed the tags of the item %(target)s"),
    "exams.course_blueprint.saved": _("%(actor)s saved the test of the course “%(target)s”"),
    "exams.course_test.opened": _("%(actor)s opened the course test “%(target)s”"),
}

FIELDS = {
    "answers": _("answers saved"),
    "automatically": _("submitted automatically"),
    "deadline": _("deadline"),
    "script": _("script"),
    "percent": _("percent"),
    "retired_previous": _("previous version retired"),
    "extra_minutes": _("extra minutes"),
    "incident": _("incident"),
    "registration": _("registration"),
    "sitting": _("sitting"),
    "opens_at": _("opens"),
    "closes_at": _("closes"),
    "room": _("room"),
    "invigilators": _("invigilators"),
    "candidates": _("candidates"),
    "versions": _("item versions"),
    "form_mode": _("form"),
    "pass_rule": _("pass rule"),
    "pass_mark": _("pass mark"),
    "cut_score": _("cut score"),
    "time_limit_minutes": _("time limit in minutes"),
    "double_marking": _("double marking"),
    "marking_threshold": _("difference that calls a third marker"),
    "fixed_items": _("fixed items"),
    "ratings": _("ratings"),
    "panellists": _("panellists"),
    "difficulty": _("difficulty"),
    "schemes": _("schemes"),
    "sd": _("standard deviation"),
    "se": _("standard error"),
    "purpose": _("purpose"),
    "course": _("course"),
    "session": _("course session"),
    "enrolment": _("enrolment"),
}


def values() -> dict[str, dict]:
    from muhandis.exams.models import Blueprint, Difficulty, ItemKind, Sitting

    return {
        "difficulty": dict(Difficulty.choices),
        "kind": dict(ItemKind.choices),
        "form_mode": dict(Blueprint.FormMode.choices),
        "pass_rule": dict(Blueprint.PassRule.choices),
        "purpose": dict(Sitting.Purpose.choices),
    }
