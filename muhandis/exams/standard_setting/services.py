"""Modified-Angoff standard setting: a panel sets a blueprint's cut score.

The exam manager (a registrar) opens a study for a blueprint with at least three panellists
(examiners and committee members) and the items to rate. By default the items are the
blueprint's pool: for a fixed form, the active versions of its items; for a random form, every
active version serving the scheme (``drawing.pool_for``, in any language). With a random form
each candidate sits a different sample of that pool, so the cut score is computed on the whole
pool: it is the expected score of a minimally competent candidate on an average form.

Round 1: each panellist estimates, for each item, the percentage of minimally competent
candidates who would answer it correctly (0–100). Rating again while the round is open replaces
the earlier estimate. Round 2 (optional, the "modified" part): the manager opens it once every
panellist has rated every item; each panellist then sees the panel's round-1 mean and, where the
item has been sat, its observed difficulty, and may revise. A panellist who does not revise
keeps their round-1 ratings.

The cut score is the mean over panellists of each panellist's mean rating over the items, taken
from the last round that panellist rated. The manager records it once every panellist has rated
every item of that round; the blueprint's pass mark becomes the cut rounded up (see
``pass_mark_for``) and its pass rule "angoff". A decided study never changes; a new study may
be opened. Every step is audited (``exams.angoff.*``)."""

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from muhandis.accounts.models import User
from muhandis.accounts.roles import Role
from muhandis.accounts.selectors import roles_of, usable_roles
from muhandis.core import audit
from muhandis.exams.blueprints.drawing import pool_for
from muhandis.exams.models import AngoffRating, AngoffStudy, Answer, Attempt, Blueprint, ItemVersion

MIN_PANELLISTS = 3
PANEL_ROLES = frozenset({Role.EXAMINER, Role.COMMITTEE})
MANAGERS = frozenset({Role.REGISTRAR})
LANGUAGES = ("uz", "ru", "en")
LAST_ROUND = 2
ROUND_OPENED = "exams.angoff.round_opened"


# Who may do what


def is_manager(person: User) -> bool:
    return bool(usable_roles(person) & MANAGERS)


def is_panellist(person: User, study: AngoffStudy) -> bool:
    """A member of the study's panel who may still act as an examiner or committee member."""
    if not usable_roles(person) & PANEL_ROLES:
        return False
    return study.panellists.filter(pk=person.pk).exists()


def _require_manager(actor: User) -> None:
    if not is_manager(actor):
        raise PermissionDenied(_("Only the exam manager runs standard-setting studies."))


def _require_open(study: AngoffStudy) -> None:
    if study.status != AngoffStudy.Status.OPEN:
        raise ValidationError(
            _("The cut score of this study has been recorded: it can no longer change.")
        )


def eligible_panellists() -> QuerySet[User]:
    """People who may sit on a panel: examiners and committee members."""
    return (
        User.objects.filter(
            role_assignments__role__in=PANEL_ROLES, role_assignments__revoked_at__isnull=True
        )
        .distinct()
        .order_by("family_name", "given_name", "pk")
    )


# The items


def blueprint_pool(blueprint: Blueprint) -> list[ItemVersion]:
    """The versions a study rates by default: the active versions of a fixed form's items, or
    the pool a random form is drawn from (in any of the exam languages)."""
    if blueprint.form_mode == Blueprint.FormMode.FIXED:
        found = ItemVersion.objects.filter(
            item__in=blueprint.fixed_items.all(), status=ItemVersion.Status.ACTIVE
        )
    else:
        ids = {c.version_id for language in LANGUAGES for c in pool_for(blueprint, language)}
        found = ItemVersion.objects.filter(pk__in=ids)
    return list(found.select_related("item").order_by("item__code"))


def study_versions(study: AngoffStudy) -> list[ItemVersion]:
    return list(study.versions.select_related("item").order_by("item__code"))


def observed_difficulty(version_ids: Iterable[int]) -> dict[int, tuple[float, int]]:
    """Per version: the mean share of the marks earned in submitted attempts (the proportion
    correct, 0–1) and how many marked answers it rests on. Items a candidate left blank have
    no answer row and are not counted; essays count once marked."""
    rows = (
        Answer.objects.filter(
            version_id__in=list(version_ids),
            attempt__status=Attempt.Status.SUBMITTED,
            score__isnull=False,
        )
        .values("version_id")
        .annotate(p=Avg("score"), n=Count("pk"))
    )
    return {r["version_id"]: (r["p"], r["n"]) for r in rows}


def question_text(version: ItemVersion, language: str) -> tuple[str, str, list[tuple[str, bool]]]:
    """The question in ``language``, or else in the first language it is written in: the
    language used, the text, and the options with whether each earns marks."""
    texts = version.content.get("texts") or {}
    written = [code for code in (language, *version.languages, *LANGUAGES) if texts.get(code)]
    used = written[0] if written else language
    options = []
    for option in version.content.get("options") or []:
        option_texts = option.get("texts") or {}
        text = option_texts.get(used) or next((t for t in option_texts.values() if t), "")
        if text:
            options.append((str(text), _fraction(option) > 0))
    return used, str(texts.get(used) or ""), options


def _fraction(option: dict) -> float:
    try:
        return float(option.get("fraction") or 0)
    except (TypeError, ValueError):
        return 0.0


# Rounds


def current_round(study: AngoffStudy) -> int:
    """1, or 2 once the manager has opened round 2."""
    return study.round


# Writes


def open_study(
    *,
    blueprint: Blueprint,
    actor: User,
    panellists: Iterable[User],
    versions: Iterable[ItemVersion] | None = None,
    request: HttpRequest | None = None,
) -> AngoffStudy:
    """Open a study. ``versions`` defaults to the blueprint's pool; chosen versions must be
    part of it."""
    _require_manager(actor)
    panel = list({p.pk: p for p in panellists}.values())
    pool = {v.pk: v for v in blueprint_pool(blueprint)}
    chosen = list(pool.values()) if versions is None else [v for v in versions]
    errors: dict[str, list[str]] = {}
    if len(panel) < MIN_PANELLISTS:
        errors.setdefault("panellists", []).append(
            _("A panel needs at least %(min)d panellists; %(count)d chosen.")
            % {"min": MIN_PANELLISTS, "count": len(panel)}
        )
    not_eligible = [p.display_name for p in panel if not roles_of(p) & PANEL_ROLES]
    if not_eligible:
        errors.setdefault("panellists", []).append(
            _("Only examiners and committee members sit on a panel: %(names)s.")
            % {"names": ", ".join(not_eligible)}
        )
    outside = sorted(str(v) for v in chosen if v.pk not in pool)
    if outside:
        errors.setdefault("versions", []).append(
            _("These items are not active items of the blueprint: %(items)s.")
            % {"items": ", ".join(outside)}
        )
    if not chosen:
        errors.setdefault("versions", []).append(
            _("Choose at least one item; the blueprint's pool may be empty.")
        )
    if AngoffStudy.objects.filter(blueprint=blueprint, status=AngoffStudy.Status.OPEN).exists():
        # Two open studies could each set the pass mark, the later decision silently winning.
        errors.setdefault("__all__", []).append(
            _("A study of this blueprint is still open: record its cut score first.")
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        study = AngoffStudy.objects.create(blueprint=blueprint)
        study.panellists.set(panel)
        study.versions.set(chosen)
        audit.record(
            "exams.angoff.opened",
            actor=actor,
            target=study,
            after={
                "scheme": blueprint.scheme.code if blueprint.scheme else None,
                "form_mode": blueprint.form_mode,
                "panellists": sorted(p.pk for p in panel),
                "items": sorted(str(v) for v in chosen),
            },
            request=request,
        )
    return study


def _check_ratings(ratings: dict[int, int], allowed: set[int]) -> dict[int, int]:
    clean: dict[int, int] = {}
    for version_id, percent in ratings.items():
        if version_id not in allowed:
            raise ValidationError(_("Only the items of the study can be rated."))
        if isinstance(percent, bool) or not isinstance(percent, int) or not 0 <= percent <= 100:
            raise ValidationError(_("Each rating is a whole percentage from 0 to 100."))
        clean[version_id] = percent
    if not clean:
        raise ValidationError(_("Rate at least one item."))
    return clean


def rate(
    *, study: AngoffStudy, actor: User, ratings: dict[int, int], request: HttpRequest | None = None
) -> int:
    """Save a panellist's ratings ({version id: percent}) in the study's current round;
    ratings given before in the same round are replaced. Returns the round."""
    if not is_panellist(actor, study):
        raise PermissionDenied(_("Only the study's panellists rate its items."))
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().get(pk=study.pk)
        _require_open(study)
        allowed = set(study.versions.values_list("pk", flat=True))
        clean = _check_ratings(ratings, allowed)
        round_ = current_round(study)
        mine = AngoffRating.objects.filter(study=study, panellist=actor, round=round_)
        before = {r.version_id: r.percent for r in mine.filter(version_id__in=clean)}
        for version_id, percent in clean.items():
            AngoffRating.objects.update_or_create(
                study=study,
                panellist=actor,
                version_id=version_id,
                round=round_,
                defaults={"percent": percent},
            )
        audit.record(
            "exams.angoff.rated",
            actor=actor,
            target=study,
            before={"round": round_, "ratings": before} if before else None,
            after={"round": round_, "ratings": clean},
            request=request,
        )
    return round_


def open_round_two(
    *, study: AngoffStudy, actor: User, request: HttpRequest | None = None
) -> AngoffStudy:
    """Let panellists revise after seeing the panel's round-1 means and observed difficulty."""
    _require_manager(actor)
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().get(pk=study.pk)
        _require_open(study)
        if current_round(study) >= LAST_ROUND:
            raise ValidationError(_("Round 2 is already open."))
        summary = summarise(study)
        if summary.missing:
            raise ValidationError(
                _("Every panellist rates every item before round 2. Still to rate: %(who)s.")
                % {"who": "; ".join(summary.missing)}
            )
        study.round = LAST_ROUND
        study.save(update_fields=["round", "updated_at"])
        audit.record(
            ROUND_OPENED, actor=actor, target=study, after=summary.as_record(), request=request
        )
    return study


def decide(*, study: AngoffStudy, actor: User, request: HttpRequest | None = None) -> AngoffStudy:
    """Record the cut score and make it the blueprint's pass mark."""
    _require_manager(actor)
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().get(pk=study.pk)
        _require_open(study)
        summary = summarise(study)
        if summary.missing:
            raise ValidationError(
                _(
                    "Every panellist must rate every item before the cut score is recorded. "
                    "Still to rate: %(who)s."
                )
                % {"who": "; ".join(summary.missing)}
            )
        blueprint = Blueprint.objects.select_for_update().get(pk=study.blueprint_id)
        before = {"pass_mark": blueprint.pass_mark, "pass_rule": blueprint.pass_rule}
        assert summary.pass_mark is not None  # every panellist rated every item (checked above)
        blueprint.pass_mark = summary.pass_mark
        blueprint.pass_rule = Blueprint.PassRule.ANGOFF
        blueprint.save(update_fields=["pass_mark", "pass_rule", "updated_at"])
        study.cut_score = summary.cut_score
        study.status = AngoffStudy.Status.DECIDED
        study.decided_by = actor
        study.decided_at = timezone.now()
        study.save(update_fields=["cut_score", "status", "decided_by", "decided_at", "updated_at"])
        audit.record(
            "exams.angoff.decided",
            actor=actor,
            target=study,
            before=before,
            after={
                "scheme": blueprint.scheme.code if blueprint.scheme else None,
                "pass_rule": "angoff",
                **summary.as_record(),
            },
            request=request,
        )
    return study


def record_items_viewed(
    *,
    study: AngoffStudy,
    actor: User,
    versions: Iterable[ItemVersion],
    request: HttpRequest | None = None,
) -> None:
    """Items are confidential: a panellist's view of them is recorded."""
    audit.record(
        "exams.angoff.items_viewed",
        actor=actor,
        target=study,
        after={"round": current_round(study), "items": [str(v) for v in versions]},
        request=request,
    )


# The results


def pass_mark_for(cut_score: Fraction | float) -> int:
    """The whole-percent pass mark for a cut score: the cut rounded up.

    A candidate passes with a score at or above the pass mark, and the pass mark is a whole
    percentage. Rounding up means nobody scoring below the panel's cut passes (70.2 becomes 71;
    a cut that is already whole stays as it is). The cut is kept exact (a fraction of whole
    ratings), so no floating-point error can push 70 to 71."""
    return math.ceil(Fraction(cut_score))


@dataclass(frozen=True)
class PanellistResult:
    person: User
    round: int | None  # the round the ratings come from: the last one the panellist rated in
    rated: int
    items: int
    mean: float | None

    @property
    def complete(self) -> bool:
        return self.round is not None and self.rated == self.items


@dataclass(frozen=True)
class ItemResult:
    version: ItemVersion
    round_one_mean: float | None
    mean: float | None
    sd: float | None
    ratings: int
    observed: float | None  # proportion correct in submitted attempts (0–1)
    answers: int

    @property
    def observed_percent(self) -> float | None:
        return self.observed * 100 if self.observed is not None else None


@dataclass(frozen=True)
class Summary:
    round: int
    items: list[ItemResult]
    panellists: list[PanellistResult]
    cut: Fraction | None  # over the panellists who rated every item
    sd: float | None
    se: float | None
    missing: list[str]
    final: dict[int, dict[int, int]]  # panellist id -> {version id: percent} counted

    @property
    def cut_score(self) -> float | None:
        return float(self.cut) if self.cut is not None else None

    @property
    def pass_mark(self) -> int | None:
        return pass_mark_for(self.cut) if self.cut is not None else None

    @property
    def counted(self) -> list[PanellistResult]:
        return [p for p in self.panellists if p.complete]

    def as_record(self) -> dict:
        """What the audit trail keeps of the results."""
        codes = {i.version.pk: str(i.version) for i in self.items}
        return {
            "round": self.round,
            "cut_score": self.cut_score,
            "pass_mark": self.pass_mark,
            "sd": self.sd,
            "se": self.se,
            "panellists": {
                str(p.person.pk): {
                    "round": p.round,
                    "mean": p.mean,
                    "ratings": {codes[v]: r for v, r in self.final.get(p.person.pk, {}).items()},
                }
                for p in self.panellists
            },
            "items": {
                str(i.version): {"mean": i.mean, "sd": i.sd, "observed": i.observed}
                for i in self.items
            },
        }


def _mean[N: (float, Fraction)](values: Sequence[N]) -> float | None:
    return float(statistics.fmean(values)) if values else None


def _sd[N: (float, Fraction)](values: Sequence[N]) -> float | None:
    """The sample standard deviation (n − 1), or None below two values."""
    return float(statistics.stdev(values)) if len(values) >= 2 else None


def _ratings(study: AngoffStudy) -> tuple[dict, dict, dict]:
    """Each panellist's last round and its ratings ({version id: percent}), and every
    round-1 rating per item."""
    by_round: dict[int, dict[int, dict[int, int]]] = {}
    round_one: dict[int, list[int]] = {}
    for person_id, version_id, round_, percent in AngoffRating.objects.filter(
        study=study
    ).values_list("panellist_id", "version_id", "round", "percent"):
        by_round.setdefault(person_id, {}).setdefault(round_, {})[version_id] = percent
        if round_ == 1:
            round_one.setdefault(version_id, []).append(percent)
    last = {person: max(rounds) for person, rounds in by_round.items()}
    final = {person: by_round[person][last[person]] for person in by_round}
    return last, final, round_one


def summarise(study: AngoffStudy) -> Summary:
    """Progress and results: per panellist, per item, and the cut score with its spread."""
    versions = study_versions(study)
    version_ids = [v.pk for v in versions]
    last, final, round_one = _ratings(study)
    panel = list(study.panellists.order_by("family_name", "given_name", "pk"))
    panellists, missing, cuts = [], [], []
    for person in panel:
        ratings = final.get(person.pk, {})
        values = [ratings[v] for v in version_ids if v in ratings]
        result = PanellistResult(
            person=person,
            round=last.get(person.pk),
            rated=len(values),
            items=len(version_ids),
            mean=_mean(values),
        )
        panellists.append(result)
        if result.complete:
            cuts.append(Fraction(sum(values), len(values)))
        else:
            missing.append(
                _("%(name)s (round %(round)d: %(rated)d of %(items)d items)")
                % {
                    "name": person.display_name,
                    "round": result.round or 1,
                    "rated": result.rated,
                    "items": result.items,
                }
            )
    observed = observed_difficulty(version_ids)
    items = []
    for version in versions:
        values = [r[version.pk] for r in final.values() if version.pk in r]
        p, answers = observed.get(version.pk, (None, 0))
        items.append(
            ItemResult(
                version=version,
                round_one_mean=_mean(round_one.get(version.pk, [])),
                mean=_mean(values),
                sd=_sd(values),
                ratings=len(values),
                observed=p,
                answers=answers,
            )
        )
    sd = _sd(cuts)
    return Summary(
        round=current_round(study),
        items=items,
        panellists=panellists,
        cut=sum(cuts, Fraction(0)) / len(cuts) if cuts else None,
        sd=sd,
        se=sd / math.sqrt(len(cuts)) if sd is not None else None,
        missing=missing,
        final={p.pk: final[p.pk] for p in panel if p.pk in final},
    )
