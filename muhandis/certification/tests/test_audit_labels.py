import re
from pathlib import Path

from muhandis.core.audit import ACTION_LABELS, action_label

SOURCES = Path(__file__).resolve().parents[2]
# Actions are three-part names ("certification.certificate.suspended"); object types have two.
RECORDED = re.compile(r'"((?:certification|credentials)\.[a-z_]+\.[a-z_]+)"')


def test_every_certification_action_has_a_label_staff_can_read():
    recorded = set()
    for path in SOURCES.glob("**/*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            recorded |= set(RECORDED.findall(path.read_text()))
    assert "certification.certificate.suspended" in recorded
    assert sorted(recorded - set(ACTION_LABELS)) == []


def test_labels_are_translated_and_unknown_actions_keep_their_code():
    from django.utils import translation

    with translation.override("ru"):
        assert action_label("certification.certificate.suspended") != "Certificate suspended"
    assert action_label("something.new") == "something.new"
