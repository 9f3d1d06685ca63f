import pytest

from muhandis.accounts import demo as accounts_demo
from muhandis.certification import demo as certification_demo
from muhandis.certification.models import Certificate
from muhandis.cpd import demo, services
from muhandis.cpd.models import CpdActivity

pytestmark = pytest.mark.django_db


def test_the_demo_holder_has_verified_and_waiting_cpd_and_loading_twice_changes_nothing():
    for load in (
        accounts_demo.load,
        certification_demo.load,
        certification_demo.load_applications,
        demo.load,
    ):
        load(lambda line: None)
    count = CpdActivity.objects.count()
    demo.load(lambda line: None)
    assert CpdActivity.objects.count() == count
    statuses = set(CpdActivity.objects.values_list("status", flat=True))
    assert statuses == {CpdActivity.Status.VERIFIED, CpdActivity.Status.RECORDED}
    certificate = Certificate.objects.get(holder__email=demo.HOLDER)
    progress = services.cpd_progress(certificate)
    assert progress.verified > 0
    assert progress.pending > 0
