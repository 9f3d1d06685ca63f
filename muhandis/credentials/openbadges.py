"""A certificate as an Open Badges 3.0 OpenBadgeCredential (W3C VC Data Model 2.0), signed
with a Data Integrity proof (eddsa-rdfc-2022) by the association's active key."""

import datetime
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from muhandis.certification.models import Certificate

from .services import keys

if TYPE_CHECKING:
    from .models import CompletionCredential
from .vc import dataintegrity

CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
# No credentialSchema: its Open Badges type (1EdTechJsonSchemaValidator2019) is not defined by
# the 3.0.3 context, and JSON-LD processors in safe mode refuse a credential that uses it. The
# test suite validates every credential against 1EdTech's schema instead.


def _site(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _moment(day: datetime.date, *, end: bool = False) -> str:
    """A certificate's date as a UTC date-time: its first (or, for the end date, last) second
    in the association's time zone."""
    clock = datetime.time(23, 59, 59) if end else datetime.time(0, 0, 0)
    local = datetime.datetime.combine(day, clock, tzinfo=timezone.get_default_timezone())
    return local.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def build(certificate: Certificate) -> dict:
    """The unsigned credential: holder, scheme and version, scope, limitation and dates."""
    scheme = certificate.scheme
    with translation.override("en"):
        issuer_name = settings.ASSOCIATION_NAME.get("en") or ""
        title = scheme.title
        scope = scheme.scope
        achievement_url = _site(
            reverse("certification:scheme", kwargs={"public_id": scheme.public_id})
        )
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": name,
                "identityType": "name",
                "hashed": False,
            }
            for name in (certificate.holder_name_latin, certificate.holder_name_cyrillic)
            if name
        ],
        "licenseNumber": certificate.number,
        "achievement": {
            "id": achievement_url,
            "type": ["Achievement"],
            "achievementType": "Certification",
            "name": title,
            "description": scope,
            "criteria": {"narrative": scope},
            "humanCode": scheme.code,
            "version": str(scheme.version),
            "inLanguage": "en",
        },
    }
    if certificate.limitation:
        subject["narrative"] = f"Limitation of scope: {certificate.limitation}"
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{certificate.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {
            "id": keys.issuer_did(),
            "type": ["Profile"],
            "name": issuer_name,
            "url": _site("/"),
        },
        "validFrom": _moment(certificate.effective_date),
        "validUntil": _moment(certificate.expiry_date, end=True),
        "credentialSubject": subject,
    }


def _hours(value: object) -> float | int:
    number = float(str(value))
    return int(number) if number.is_integer() else number


def build_completion(record: "CompletionCredential") -> dict:
    """The unsigned credential of a completed course: an OpenBadgeCredential (also known as an
    AchievementCredential) whose achievement is the course, with its CPD hours as credits, the
    competencies it develops as alignments, and the session's dates."""
    enrolment = record.enrolment
    session, person = enrolment.session, enrolment.person
    course = session.course
    with translation.override("en"):
        issuer_name = settings.ASSOCIATION_NAME.get("en") or ""
        title = course.title
        summary = course.summary
        rule = f"Present on at least {course.min_attendance_percent}% of the session's days" + (
            " and passed the post-test." if course.post_test_required else "."
        )
        alignments = [
            {
                "type": ["Alignment"],
                "targetType": "ceasn:Competency",
                "targetName": link.competency.title,
                "targetCode": link.competency.code,
                "targetUrl": _site(
                    reverse(
                        "competencies:detail",
                        kwargs={"public_id": link.competency.framework.public_id},
                    )
                )
                + f"#{link.competency.code}",
                **(
                    {"targetDescription": f"to level {link.level.value}: {link.level.name}"}
                    if link.level_id
                    else {}
                ),
            }
            for link in course.course_competencies.select_related(
                "competency__framework", "level"
            ).order_by("competency__code")
        ]
    names = [person.name_latin or person.display_name, person.name_cyrillic]
    achievement = {
        "id": f"urn:uuid:{course.public_id}",
        "type": ["Achievement"],
        "achievementType": "Course",
        "name": title,
        "description": summary,
        "criteria": {"narrative": rule},
        "humanCode": course.code,
        "creditsAvailable": _hours(course.cpd_hours),
        "inLanguage": "en",
    }
    if alignments:
        achievement["alignment"] = alignments
    start = timezone.localtime(session.starts_at).date()
    end = timezone.localtime(session.ends_at).date()
    completed = enrolment.completed_at or timezone.now()
    return {
        "@context": list(CONTEXT),
        "id": f"urn:uuid:{record.public_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": {
            "id": keys.issuer_did(),
            "type": ["Profile"],
            "name": issuer_name,
            "url": _site("/"),
        },
        "validFrom": completed.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityHash": name,
                    "identityType": "name",
                    "hashed": False,
                }
                for name in dict.fromkeys(n for n in names if n)
            ],
            "activityStartDate": _moment(start),
            "activityEndDate": _moment(end, end=True),
            "creditsEarned": _hours(course.cpd_hours),
            "achievement": achievement,
        },
    }


def sign(
    credential: dict,
    private_key: Ed25519PrivateKey | None = None,
    *,
    verification_method: str = "",
    created: datetime.datetime | None = None,
) -> dict:
    """The credential with its Data Integrity proof, by the given key or the active one."""
    if private_key is None:
        key, private_key = keys.signing_key()
        verification_method = keys.verification_method(key)
    moment = (created or timezone.now()).astimezone(datetime.UTC)
    return dataintegrity.sign(
        credential,
        private_key,
        verification_method=verification_method,
        created=moment.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
