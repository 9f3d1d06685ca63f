"""Every credential the app makes is a valid Open Badges 3.0 AchievementCredential (1EdTech's
published JSON Schema, © 1EdTech Consortium, read from ../shared/standards) and verifies."""

import datetime
import json

import jsonschema
import pytest

from muhandis.certification import services
from muhandis.certification.models import Certificate
from muhandis.credentials import openbadges
from muhandis.credentials.services import keys
from muhandis.credentials.vc import dataintegrity
from tests.standards import standards_dir

SCHEMA = standards_dir() / "open-badges-3.0/ob_v3p0_achievementcredential_schema.json"

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(assessed_application, committee_member, second_member):
    candidate = assessed_application.candidate
    candidate.name_latin = "Dilnoza Karimova"
    candidate.name_cyrillic = "Дилноза Каримова"
    candidate.save()
    for member in (committee_member, second_member):
        services.cast_vote(
            application=assessed_application,
            actor=member,
            outcome="limited",
            reasons="Competent.",
            limitation="Networks up to DN 300.",
        )
    return Certificate.objects.get()


@pytest.mark.skipif(not SCHEMA.exists(), reason="standards folder not present")
def test_the_credential_of_a_certificate_is_valid_open_badges_and_verifies(settings, certificate):
    settings.SITE_URL = "https://register.uzace.uz"
    keys.create_key()
    credential = openbadges.sign(openbadges.build(certificate))
    validator = jsonschema.Draft201909Validator(json.loads(SCHEMA.read_text()))
    problems = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(credential)]
    assert problems == []
    assert credential["issuer"]["id"] == "did:web:register.uzace.uz"
    subject = credential["credentialSubject"]
    assert subject["licenseNumber"] == certificate.number
    assert [i["identityHash"] for i in subject["identifier"]] == [
        "Dilnoza Karimova",
        "Дилноза Каримова",
    ]
    assert subject["achievement"]["version"] == str(certificate.scheme.version)
    assert "Networks up to DN 300." in subject["narrative"]
    tashkent = datetime.timedelta(hours=5)  # the association's time zone, UTC+5
    start = datetime.datetime.fromisoformat(credential["validFrom"]) + tashkent
    end = datetime.datetime.fromisoformat(credential["validUntil"]) + tashkent
    assert (start.date(), start.time()) == (certificate.effective_date, datetime.time(0, 0))
    assert (end.date(), end.time()) == (certificate.expiry_date, datetime.time(23, 59, 59))
    key = keys.active_key()
    assert credential["proof"]["verificationMethod"] == f"did:web:register.uzace.uz#{key.key_id}"
    dataintegrity.verify(credential, keys.public_key(key))
    credential["credentialSubject"]["licenseNumber"] = "MHD-2026-99999-0"
    with pytest.raises(dataintegrity.ProofError):
        dataintegrity.verify(credential, keys.public_key(key))
