import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from muhandis.core import audit
from muhandis.core.models import AppendOnlyError, AuditEntry

pytestmark = pytest.mark.django_db


def _record_three(actor=None):
    return [
        audit.record("test.first", actor=actor, after={"n": 1}, reason="one"),
        audit.record("test.second", actor=actor, before={"n": 1}, after={"n": 2}),
        audit.record("test.third", actor=actor, reason="three"),
    ]


def test_entries_are_chained_in_order(engineer):
    first, second, third = _record_three(engineer)
    assert [e.sequence for e in (first, second, third)] == [
        first.sequence,
        first.sequence + 1,
        first.sequence + 2,
    ]
    assert second.previous_hash == first.entry_hash
    assert third.previous_hash == second.entry_hash
    assert audit.verify_chain()[1] is None


def test_entry_records_actor_target_reason_and_ip(rf, engineer):
    request = rf.get("/", REMOTE_ADDR="203.0.113.7")
    entry = audit.record(
        "accounts.role.granted",
        actor=engineer,
        target=engineer,
        after={"role": "trainer"},
        reason="needed for courses",
        request=request,
    )
    entry.refresh_from_db()
    assert entry.actor == engineer
    assert entry.target_type == "accounts.user"
    assert entry.target_id == str(engineer.pk)
    assert entry.reason == "needed for courses"
    assert entry.ip_address == "203.0.113.7"
    assert entry.after == {"role": "trainer"}


def test_application_cannot_change_or_delete_entries():
    entry = audit.record("test.event")
    entry.reason = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_verify_command_reports_intact_trail(capsys):
    _record_three()
    call_command("verify_audit_trail")
    assert "intact" in capsys.readouterr().out


def _tamper(sql, params):
    """Change the table behind the application's back, as a database owner could."""
    table = AuditEntry._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute(sql.format(table=table), params)
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER core_auditentry_append_only")


def test_postgresql_refuses_changes_even_in_raw_sql():
    from django.db import DatabaseError, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL")
    entry = audit.record("test.event")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE core_auditentry SET reason = 'x' WHERE id = %s", [entry.pk])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [entry.pk])


def test_verify_command_reports_first_altered_entry():
    _first, second, _ = _record_three()
    _tamper("UPDATE {table} SET reason = %s WHERE id = %s", ["forged", second.pk])
    with pytest.raises(CommandError, match=rf"#{second.sequence}: .*altered"):
        call_command("verify_audit_trail")


def test_verify_command_reports_removed_entry():
    _first, second, _third = _record_three()
    _tamper("DELETE FROM {table} WHERE id = %s", [second.pk])
    with pytest.raises(CommandError, match=rf"#{second.sequence}: .*missing"):
        call_command("verify_audit_trail")


def test_rehashed_forgery_is_still_detected_by_the_next_entry():
    _first, second, third = _record_three()
    second.reason = "forged"
    forged_hash = audit.compute_hash(second)
    _tamper(
        "UPDATE {table} SET reason = %s, entry_hash = %s WHERE id = %s",
        ["forged", forged_hash, second.pk],
    )
    _checked, problem = audit.verify_chain()
    assert problem is not None
    assert problem.sequence == third.sequence
