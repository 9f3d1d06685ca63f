"""The security baseline: production settings, headers, sessions."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", ""),
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "SECRET_KEY": "s3cr3t-" + "x" * 60 + "-production-like-key-for-the-deploy-check",
    "ALLOWED_HOSTS": "muhandis.example.org",
    "SITE_URL": "https://muhandis.example.org",
    "DATABASE_URL": "sqlite:////tmp/muhandis-deploy-check.sqlite3",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SITE_URL"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


@pytest.mark.parametrize(
    "address", ["muhandis.example.org", "ftp://muhandis.example.org", "https://:8443"]
)
def test_a_public_address_that_is_not_a_web_address_is_refused(address):
    result = _manage("check", env={**PRODUCTION_ENV, "SITE_URL": address})
    assert result.returncode != 0
    assert f"SITE_URL={address!r} is not an http(s) address" in result.stderr


def test_deploy_check_is_clean_under_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_malformed_boolean_setting_is_refused_with_its_name():
    result = _manage("check", env={**PRODUCTION_ENV, "DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    response = client.get("/uz/")
    policy = response["Content-Security-Policy"]
    script_src = next(p for p in policy.split(";") if p.strip().startswith("script-src"))
    assert "'self'" in script_src
    assert "unsafe-inline" not in script_src
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode()


@pytest.mark.django_db
def test_forms_are_protected_against_cross_site_requests(engineer):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(engineer)
    assert client.post("/en/profile/", {"given_name": "Evil"}).status_code == 403


@pytest.mark.django_db
def test_idle_session_ends(client, engineer, settings):
    settings.SESSION_IDLE_TIMEOUT = 60
    client.force_login(engineer)
    assert client.get("/en/dashboard/").status_code == 200
    session = client.session
    session["_muhandis_session_seen"] = int(time.time()) - 120
    session.save()
    assert client.get("/en/dashboard/").status_code == 302


@pytest.mark.django_db
def test_session_ends_after_the_absolute_limit_even_when_active(client, engineer, settings):
    settings.SESSION_ABSOLUTE_TIMEOUT = 3600
    client.force_login(engineer)
    client.get("/en/dashboard/")
    session = client.session
    session["_muhandis_session_started"] = int(time.time()) - 7200
    session["_muhandis_session_seen"] = int(time.time())
    session.save()
    assert client.get("/en/dashboard/").status_code == 302


@pytest.mark.django_db
def test_disabling_an_account_ends_its_sessions(client, engineer, administrator):
    from muhandis.accounts import services

    client.force_login(engineer)
    assert client.get("/en/dashboard/").status_code == 200
    services.set_active(person=engineer, active=False, actor=administrator, reason="left the field")
    assert client.get("/en/dashboard/").status_code == 302


@pytest.mark.django_db
def test_changing_email_requires_recent_reauthentication(client, engineer, password):
    client.force_login(engineer)
    session = client.session
    session.pop("account_authentication_methods", None)
    session.save()
    response = client.post("/en/account/email/", {"action_add": "", "email": "new@example.uz"})
    assert response.status_code == 302
    assert "/account/reauthenticate/" in response["Location"]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/uz/", "/api/v1/regions", "/api/v1/no-such-path"])
def test_answers_refuse_the_camera_microphone_location_and_payments(client, path):
    policy = client.get(path)["Permissions-Policy"]
    features = dict(part.strip().split("=") for part in policy.split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature


def test_one_page_may_allow_itself_the_camera_and_no_other_page_gets_it(rf):
    from django.http import HttpResponse

    from muhandis.core.middleware import PermissionsPolicyMiddleware, allow_features

    @allow_features(camera="self")
    def scanner(request):
        return HttpResponse("scan")

    middleware = PermissionsPolicyMiddleware(scanner)
    policy = middleware(rf.get("/verify/scan"))["Permissions-Policy"]
    assert "camera=(self)" in policy
    assert "microphone=()" in policy
    plain = PermissionsPolicyMiddleware(lambda request: HttpResponse("page"))
    assert "camera=()" in plain(rf.get("/uz/"))["Permissions-Policy"]


def test_gunicorn_with_the_projects_settings_does_not_announce_its_software(tmp_path):
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **PRODUCTION_ENV,
        "DEBUG": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/api/v1/openapi.json"
    try:
        headers = None
        for _ in range(150):
            try:
                with urllib.request.urlopen(url, timeout=5) as answer:
                    headers = answer.headers
                    break
            except OSError:
                time.sleep(0.2)
        assert headers is not None
        assert "Server" not in headers
        assert "Permissions-Policy" in headers
    finally:
        server.terminate()
        server.wait(timeout=10)
