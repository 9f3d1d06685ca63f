"""People and organisations are found by name in either script, through a key the database
keeps up to date whenever a name is saved."""

import pytest

from muhandis.accounts.models import Organisation, User
from muhandis.accounts.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_person_typed_in_cyrillic_is_found_by_a_latin_search_and_back():
    person = UserFactory(given_name="Дилноза", family_name="Каримова", name_latin="")
    assert User.objects.filter(search_name__contains="karimova").get() == person
    person.family_name = "Yusupova"
    person.save(update_fields=["family_name"])
    assert not User.objects.filter(search_name__contains="karimova").exists()
    assert User.objects.filter(search_name__contains="yusupova").get() == person


def test_an_organisation_renamed_is_found_by_its_new_name():
    firm = OrganisationFactory(name="Сувлойиҳа МЧЖ")
    assert Organisation.objects.filter(search_name__contains="suvloyiha").get() == firm
    firm.name = "Qurilish Invest"
    firm.save(update_fields=["name"])
    assert Organisation.objects.filter(search_name__contains="qurilish").get() == firm
