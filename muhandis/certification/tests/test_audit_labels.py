import ast
import re
from pathlib import Path

from django.apps import apps

from muhandis.core.audit import ACTION_LABELS, ACTION_SENTENCES, action_label

SOURCES = Path(__file__).resolve().parents[2]
APPS = sorted(a.label for a in apps.get_app_configs() if a.name.startswith("muhandis."))
# Actions are three-part names ("certification.certificate.suspended"); object types have two.
ACTION = re.compile(rf"^(?:{'|'.join(APPS)})\.[a-z_]+\.[a-z_]+$")


def _sources() -> list[Path]:
    return [
        path
        for path in SOURCES.glob("**/*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def _recorded_actions() -> set[str]:
    """Every action name in the code: the literals handed to record() and kept in variables."""
    found = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and ACTION.match(str(node.value)):
                found.add(node.value)
    return found


def _record_calls_with_a_literal_action() -> set[str]:
    found = set()
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            is_record = isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "record"
            if is_record and node.args:
                found |= {
                    n.value
                    for n in ast.walk(node.args[0])
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                }
    return found


def test_the_scan_finds_the_actions_of_every_app():
    recorded = _recorded_actions()
    assert _record_calls_with_a_literal_action() <= recorded
    for action in (
        "accounts.role.granted",
        "competencies.framework.published",
        "certification.certificate.suspended",
        "credentials.key.created",
        "cpd.activity.verified",
        "appeals.appeal.decided",
        "exams.attempt.started",
        "exams.angoff.round_opened",
    ):
        assert action in recorded


def test_every_action_in_every_app_has_a_label_staff_can_read():
    assert sorted(_recorded_actions() - set(ACTION_LABELS)) == []


def test_every_action_in_every_app_reads_as_a_sentence():
    assert sorted(_recorded_actions() - set(ACTION_SENTENCES)) == []
    for action, sentence in ACTION_SENTENCES.items():
        assert str(sentence) % {"actor": "A", "target": "T"}, action


def test_labels_are_translated_and_unknown_actions_keep_their_code():
    from django.utils import translation

    with translation.override("ru"):
        assert action_label("certification.certificate.suspended") != "Certificate suspended"
    assert action_label("something.new") == "something.new"
