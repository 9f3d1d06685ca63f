"""Demo data: one open complaint about a demo certificate, and one appeal against a demo
rejection of eligibility. Safe to run again: nothing is made twice."""

import datetime
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.core.files.uploadedfile import SimpleUploadedFile

if TYPE_CHECKING:
    from muhandis.accounts.models import User
    from muhandis.certification.models import Application

APPELLANT = ("sherzod.aliyev@demo.muhandis.uz", "Sherzod", "Aliyev", "male", "UZ-AN")
COMPLAINANT_EMAIL = "complainant@demo.muhandis.uz"
HOLDER_EMAIL = "malika.saidova@demo.muhandis.uz"
# A second appellant, whose appeal is before a panel of the demo committee members.
PANEL_APPELLANT = ("nilufar.hasanova@demo.muhandis.uz", "Nilufar", "Hasanova", "female", "UZ-SU")
DEMO_PDF = b"%PDF-1.4\n% Muhandis demo document\n%%EOF\n"


def load(write: Callable[[str], object]) -> None:
    _complaint(write)
    _appeal(write)
    _appeal_before_panel(write)


def _complaint(write: Callable[[str], object]) -> None:
    from muhandis.certification.models import Certificate

    from . import services
    from .models import Complaint

    if Complaint.objects.filter(email=COMPLAINANT_EMAIL).exists():
        return
    valid = Certificate.objects.filter(status=Certificate.Status.VALID)
    certificate = valid.filter(holder__email=HOLDER_EMAIL).first() or valid.first()
    if certificate is None:
        write("Demo complaint: skipped (no certificate yet).")
        return
    complaint = services.file_complaint(
        certificate=certificate,
        name="Nodira Yusupova",
        email=COMPLAINANT_EMAIL,
        relation="client",
        description="Uyimizni tarmoqqa ulash chizmalari joyiga borilmasdan imzolangan.",
        language="uz",
    )
    write(f"Demo complaint {complaint.reference} about {certificate.number}.")


def _appeal(write: Callable[[str], object]) -> None:
    from muhandis.accounts.demo import person
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role

    from . import services
    from .models import Appeal

    registrar = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    email = APPELLANT[0]
    if registrar is None or Appeal.objects.filter(appellant__email=email).exists():
        return
    if not User.objects.filter(email=email).exists():
        person(Role.ENGINEER, *APPELLANT)
    candidate = User.objects.get(email=email)
    application = _rejected_application(candidate, registrar)
    if application is None:
        write("Demo appeal: skipped (no open scheme CE-WSS-I).")
        return
    appeal = services.lodge_appeal(
        found=services.decision_on_application(application),
        appellant=candidate,
        grounds="Toshshahartransloyihadagi olti yillik ishim suv taʼminotini loyihalash "
        "boʻyicha edi; mehnat daftarchasi PDF shaklida ilova qilingan.",
    )
    write(f"Demo appeal by {candidate.display_name}: {appeal.get_status_display()}.")


def _appeal_before_panel(write: Callable[[str], object]) -> None:
    from muhandis.accounts.demo import person
    from muhandis.accounts.models import User
    from muhandis.accounts.roles import Role

    from . import services
    from .models import Appeal

    registrar = User.objects.filter(email="registrar@demo.muhandis.uz").first()
    members = list(
        User.objects.filter(email__in=["committee@demo.muhandis.uz", "committee2@demo.muhandis.uz"])
    )
    email = PANEL_APPELLANT[0]
    if registrar is None or len(members) < 2:
        write("Demo appeal panel: skipped (no demo registrar or committee).")
        return
    if Appeal.objects.filter(appellant__email=email).exists():
        return
    if not User.objects.filter(email=email).exists():
        person(Role.ENGINEER, *PANEL_APPELLANT)
    candidate = User.objects.get(email=email)
    application = _rejected_application(candidate, registrar)
    if application is None:
        return
    appeal = services.lodge_appeal(
        found=services.decision_on_application(application),
        appellant=candidate,
        grounds="Tavsiyachilarim suv taʼminoti loyihalashda yetti yillik tajribamni tasdiqlagan.",
    )
    services.acknowledge_appeal(appeal=appeal, actor=registrar)
    services.form_panel(appeal=appeal, members=members, actor=registrar)
    write(f"Demo appeal by {candidate.display_name}: before a panel of two committee members.")


def _rejected_application(candidate: "User", registrar: "User") -> "Application | None":
    from muhandis.certification import services
    from muhandis.certification.models import Application, Scheme

    existing = Application.objects.filter(candidate=candidate, status="rejected").first()
    if existing is not None:
        return existing
    scheme = Scheme.objects.filter(code="CE-WSS-I", status=Scheme.Status.ACTIVE).first()
    if scheme is None:
        return None
    application = services.start_application(candidate=candidate, scheme=scheme)
    common = {"application": application, "actor": candidate}
    services.add_education(
        **common, level="bachelor", institution="TDTU", field="Gidravlika", year=2016
    )
    services.add_experience(
        **common,
        employer="Toshshahartransloyiha",
        position="Muhandis",
        start_date=datetime.date(2018, 9, 1),
        end_date=None,
    )
    for index in range(scheme.referees_required):
        services.add_referee(
            **common,
            name=f"Tavsiyachi {index + 1}",
            email=f"referee{index + 1}.{candidate.pk}@demo.muhandis.uz",
            relation="Boʻlim boshligʻi",
        )
    services.add_evidence(
        **common, upload=SimpleUploadedFile("diploma.pdf", DEMO_PDF), kind="diploma"
    )
    services.submit_application(**common, accept_code_of_conduct=True, accept_data_processing=True)
    services.decide_eligibility(
        application=application,
        actor=registrar,
        decision="reject",
        reason="Koʻrsatilgan tajriba suv taʼminotida emas, transport sohasida.",
    )
    application.refresh_from_db()
    return application
