import pytest
from django.core import signals
from django.db import close_old_connections


@pytest.fixture
def in_process_wsgi():
    """Requests served by the WSGI application itself, inside the test's transaction.

    Django closes the database connection around each request it serves; its test client
    stops that, and so must a test that calls the WSGI application directly."""
    from werkzeug.test import Client

    from config.wsgi import application

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Client(application)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
