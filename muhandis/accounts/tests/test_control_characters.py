"""Control characters are refused in every text a person types, in forms and in the API, with a
message saying what to do, in the person's language."""

import json

import pytest
from django import forms

from muhandis.accounts import services
from muhandis.core.validators import has_control_characters

pytestmark = pytest.mark.django_db

PROFILE = {
    "given_name": "Dilnoza",
    "family_name": "Karimova",
    "preferred_language": "en",
}


def _bearer(user):
    _, plain = services.create_api_token(user=user, name="test", scope="write")
    return {"HTTP_AUTHORIZATION": f"Bearer {plain}"}


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "a\x1bb", "a\x7fb", "a\x85b", "a\tb"])
def test_one_line_text_refuses_control_characters(text):
    assert has_control_characters(text, multiline=False)


def test_multi_line_text_keeps_tabs_and_line_breaks():
    assert not has_control_characters("first line\r\n\tsecond line", multiline=True)
    assert has_control_characters("bell\x07", multiline=True)
    assert not has_control_characters("Oʻzbekiston — Ўзбекистон", multiline=False)


def test_the_profile_form_refuses_a_control_character_and_keeps_the_old_name(client, engineer):
    client.force_login(engineer)
    response = client.post("/en/profile/", {**PROFILE, "given_name": "Dil\x07noza"})
    assert response.status_code == 400
    errors = response.context["form"].errors["given_name"]
    assert "invisible control characters" in errors[0]
    engineer.refresh_from_db()
    assert engineer.given_name == "Dilnoza"


def test_a_text_area_accepts_line_breaks_but_not_other_control_characters():
    class Note(forms.Form):
        title = forms.CharField()
        text = forms.CharField(widget=forms.Textarea)

    assert Note({"title": "Site visit", "text": "first\r\n\tsecond"}).is_valid()
    form = Note({"title": "Site\tvisit", "text": "bell\x07"})
    assert not form.is_valid()
    assert set(form.errors) == {"title", "text"}
    assert form.errors["text"].as_data()[0].code == "control_characters"


def test_the_api_refuses_a_null_byte_in_the_given_name(client, engineer):
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"given_name": "a\u0000b"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="en",
        **_bearer(engineer),
    )
    assert response.status_code == 422
    message = response.json()["error"]["fields"]["given_name"][0]
    assert "invisible control characters" in message
    engineer.refresh_from_db()
    assert engineer.given_name == "Dilnoza"


def test_the_api_message_is_in_the_clients_language(client, engineer):
    response = client.patch(
        "/api/v1/me",
        data=json.dumps({"family_name": "K\u0001"}),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
        **_bearer(engineer),
    )
    assert response.status_code == 422
    assert "управляющие символы" in response.json()["error"]["fields"]["family_name"][0]


def test_a_reason_may_span_lines_in_the_api(client, administrator, engineer):
    response = client.post(
        f"/api/v1/people/{engineer.public_id}/roles",
        data=json.dumps({"role": "trainer", "reason": "teaches FIDIC\ncontracts\x00"}),
        content_type="application/json",
        **_bearer(administrator),
    )
    assert response.status_code == 422
    assert "reason" in response.json()["error"]["fields"]
    response = client.post(
        f"/api/v1/people/{engineer.public_id}/roles",
        data=json.dumps({"role": "trainer", "reason": "teaches FIDIC\ncontracts"}),
        content_type="application/json",
        **_bearer(administrator),
    )
    assert response.status_code == 201
