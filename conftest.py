"""Shared fixtures: the settings tests run with, and named personas for every role."""

import os
import tempfile

# Tests run with development defaults (no TLS redirect, plain static storage, the outbox)
# and tasks executed at once; pytest-django still forces DEBUG off while tests run.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "1")
# The public address is required when DEBUG is off; tests that need another one set it.
os.environ.setdefault("SITE_URL", "http://127.0.0.1:8000")
os.environ.setdefault("TASK_BACKEND", "immediate")
# Threads of the live server close their connections after each request.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "0")
os.environ.setdefault(
    "TEST_SQLITE_NAME",
    os.path.join(tempfile.gettempdir(), f"muhandis-test-{os.getpid()}.sqlite3"),
)
os.environ.setdefault("EMAIL_DELIVERY_BACKEND", "muhandis.core.mail.OutboxEmailBackend")

import django

# DJANGO_SETTINGS_MODULE is set here rather than in the pytest configuration, so that the
# environment above is in place before the settings are read.
django.setup()

import pytest  # noqa: E402
from hypothesis import settings as hypothesis_settings  # noqa: E402

# Property tests check what is true, not how fast: a loaded machine must not fail them.
hypothesis_settings.register_profile("muhandis", deadline=None)
hypothesis_settings.load_profile("muhandis")
from django.core.cache import cache  # noqa: E402
from django.utils import translation  # noqa: E402

from muhandis.accounts.roles import Role  # noqa: E402
from muhandis.accounts.tests.factories import PASSWORD, make_person  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.CREDENTIALS_KEY_DIR = tmp_path / "keys"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()
    # Messages made outside a request come in English unless a test chooses otherwise, whatever
    # language an earlier test's request left active.
    translation.activate("en")
    yield
    translation.deactivate()
    cache.clear()
    # Per-process memory of rows that never change in production: a test database that rolls
    # back hands the same ids to new rows.
    from muhandis.exams.attempts import services as attempts

    attempts._shape.cache_clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker, tmp_path_factory):
    """Rows made once for all the tests of a module, for setup that takes seconds.

    Gives a context manager to make them under (database access, files in a folder of the
    module's own, the tests' password hasher, English); each test's own changes are rolled back
    as usual, and the shared rows after the module's last test. Not for transactional tests
    (the shared rows stay in an open transaction while the module runs)."""
    import contextlib

    from django.db import transaction
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("module-data")

    @contextlib.contextmanager
    def making():
        with (
            django_db_blocker.unblock(),
            override_settings(
                MEDIA_ROOT=folder / "media",
                CREDENTIALS_KEY_DIR=folder / "keys",
                PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            ),
            translation.override("en"),
        ):
            yield

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
    yield making
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
    cache.clear()


@pytest.fixture(scope="module")
def demo_data(module_db):
    """The whole demo data (``load_demo_data``, seconds of work), loaded once for all the tests
    of a module that ask for it (see ``module_db``)."""
    import io

    from django.core.management import call_command

    with module_db():
        call_command("load_demo_data", stdout=io.StringIO())


@pytest.fixture
def password() -> str:
    return PASSWORD


@pytest.fixture
def engineer(db):
    return make_person(Role.ENGINEER, given_name="Dilnoza", family_name="Karimova")


@pytest.fixture
def employer(db):
    return make_person(Role.EMPLOYER)


@pytest.fixture
def trainer(db):
    return make_person(Role.TRAINER)


@pytest.fixture
def examiner(db):
    return make_person(Role.EXAMINER, two_factor=True)


@pytest.fixture
def committee_member(db):
    return make_person(Role.COMMITTEE, two_factor=True)


@pytest.fixture
def registrar(db):
    return make_person(Role.REGISTRAR, two_factor=True, given_name="Aziz", family_name="Nazarov")


@pytest.fixture
def registrar_without_two_factor(db):
    return make_person(Role.REGISTRAR, two_factor=False)


@pytest.fixture
def training_manager(db):
    return make_person(Role.TRAINING_MANAGER, two_factor=True)


@pytest.fixture
def administrator(db):
    return make_person(Role.ADMIN, two_factor=True, given_name="Sardor", family_name="Umarov")


@pytest.fixture
def report_viewer(db):
    return make_person(Role.REPORT_VIEWER)


@pytest.fixture
def stranger(db):
    """Signed up and confirmed, but holding no role at all."""
    return make_person(None)


@pytest.fixture
def reference_data(transactional_db):
    """Put back the data that migrations create: transactional tests empty every table."""
    from importlib import import_module

    from django.apps import apps

    from muhandis.accounts.models import Region
    from muhandis.competencies.models import Framework

    if not Region.objects.exists():
        import_module("muhandis.accounts.migrations.0002_regions").add_regions(apps, None)
    if not Framework.objects.exists():
        migration = import_module("muhandis.competencies.migrations.0002_default_framework")
        migration.add_framework(apps, None)
