"""Certification's models, one module per concern: ``schemes``, ``applications``,
``decisions`` and ``certificates``. Every model is importable from here.

The two callables that migrations name by their path (``default_public_fields`` and
``evidence_path``) are defined here, before the modules that use them, so that the path the
migrations recorded, ``muhandis.certification.models``, stays true.
"""


def default_public_fields() -> list[str]:
    from .schemes import PublicField

    return [
        PublicField.REGION,
        PublicField.SCOPE,
        PublicField.LIMITATION,
        PublicField.VALID_FROM,
        PublicField.VALID_UNTIL,
    ]


def evidence_path(instance: "Evidence", filename: str) -> str:
    # The stored name is random: the original name is personal data and is kept in the row.
    import uuid

    return f"evidence/{instance.application.public_id}/{uuid.uuid4().hex}"


# Imported after the callables above, which the models use.
from .applications import (  # noqa: E402
    Application,
    EducationEntry,
    Evidence,
    ExperienceEntry,
    Referee,
)
from .certificates import (  # noqa: E402
    Certificate,
    CertificateCounter,
    CertificateQuerySet,
    CertificateStatusChange,
    ExpiryReminder,
    PublicStatus,
    VerificationCount,
)
from .decisions import Assessment, Decision, ExamResult, Finding, Outcome, Vote  # noqa: E402
from .schemes import (  # noqa: E402
    AssessmentMethod,
    CertificateLanguage,
    CpdRequirement,
    PublicField,
    Scheme,
    SchemeCompetency,
)

__all__ = [
    "Application",
    "Assessment",
    "AssessmentMethod",
    "Certificate",
    "CertificateCounter",
    "CertificateLanguage",
    "CertificateQuerySet",
    "CertificateStatusChange",
    "CpdRequirement",
    "Decision",
    "EducationEntry",
    "Evidence",
    "ExamResult",
    "ExperienceEntry",
    "ExpiryReminder",
    "Finding",
    "Outcome",
    "PublicField",
    "PublicStatus",
    "Referee",
    "Scheme",
    "SchemeCompetency",
    "VerificationCount",
    "Vote",
    "default_public_fields",
    "evidence_path",
]
