"""The official OpenAI Python SDK, unmodified, with base_url pointed at Image Studio."""
import base64
import io
import tempfile

import openai
import pytest

from studio import FIXTURES, png_rgba, start_emulator, start_server

KEY = "openai-sdk-test-key"


@pytest.fixture(scope="module")
def client():
    emulator, emulator_url = start_emulator()
    with tempfile.TemporaryDirectory() as data:
        server, url = start_server(emulator_url, KEY, data)
        try:
            yield openai.OpenAI(base_url=url + "/v1", api_key=KEY, max_retries=0)
        finally:
            server.terminate(); server.wait(timeout=10)
            emulator.terminate(); emulator.wait(timeout=10)


def image(name="chelsea.png"):
    return (name, (FIXTURES / name).read_bytes(), "image/png")


def decode(result):
    data = base64.b64decode(result.data[0].b64_json)
    assert data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[8:12] == b"WEBP"
    return data


def test_edit_with_a_mask(client):
    mask = ("mask.png", png_rgba(451, 300, 0), "image/png")
    result = client.images.edit(model="gpt-image-1", image=image(), mask=mask, prompt="add a party hat", quality="low")
    decode(result)
    assert result.data[0].url is None


def test_edit_with_two_input_images(client):
    result = client.images.edit(model="qwen-edit-plus", image=[image(), image("coffee.png")], prompt="put the cat on the saucer")
    decode(result)


def test_local_model_edit_with_url_response(client):
    result = client.images.edit(model="local-relight", image=image(), prompt="warmer", response_format="url")
    assert result.data[0].url.startswith("http://127.0.0.1:")


def test_models_list_has_registry_ids_and_aliases(client):
    ids = {model.id for model in client.models.list()}
    assert {"gpt-image-1", "openai-gpt-image-1", "qwen-edit-plus", "local-relight"} <= ids


def test_errors_come_in_openai_shape(client):
    with pytest.raises(openai.BadRequestError) as info:
        client.images.edit(model="dall-e-9", image=image(), prompt="x")
    assert info.value.code == "unknown_model"
    assert info.value.body["param"] == "model"
    with pytest.raises(openai.BadRequestError) as info:
        client.images.edit(model="gpt-image-1", image=image(), mask=("m.png", (FIXTURES / "chelsea.png").read_bytes(), "image/png"), prompt="x")
    assert info.value.body["param"] == "mask"


def test_a_wrong_key_is_an_authentication_error(client):
    bad = openai.OpenAI(base_url=str(client.base_url), api_key="wrong", max_retries=0)
    with pytest.raises(openai.AuthenticationError):
        bad.images.edit(model="gpt-image-1", image=image(), prompt="x")


def test_generation(client):
    result = client.images.generate(model="gpt-image-1", prompt="a lighthouse at dusk", size="1536x1024", quality="low")
    data = decode(result)
    assert result.size == "1536x1024"
    assert len(data) > 100


def test_generation_refuses_an_edit_only_model(client):
    with pytest.raises(openai.BadRequestError) as info:
        client.images.generate(model="qwen-edit", prompt="x")
    assert info.value.code == "unsupported_operation"
