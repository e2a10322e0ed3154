"""The official WaveSpeed Python SDK, unmodified, against our WaveSpeed emulator.

This checks the emulator's fidelity (that it speaks WaveSpeed's protocol the way the real client
expects), not Image Studio itself.
"""
import base64
import json
import os
import pathlib
import subprocess
import urllib.request

import pytest
import wavespeed

ROOT = pathlib.Path(__file__).resolve().parents[2]
FIXTURE = ROOT.parent / "shared" / "fixtures" / "chelsea.png"
KEY = "sdk-test-key"


@pytest.fixture(scope="module")
def emulator():
    binary = os.environ.get("PROVIDER_EMULATOR_BIN", str(ROOT / ".build" / "debug" / "provider-emulator"))
    process = subprocess.Popen([binary, "--port", "0", "--key", KEY, "--processing-ms", "300"],
                               stdout=subprocess.PIPE, text=True)
    banner = process.stdout.readline()
    assert "listening on" in banner, banner
    base = banner.split("listening on ")[1].split(" ")[0]
    yield base
    process.terminate()
    process.wait(timeout=10)


def admin(base, path, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    request = urllib.request.Request(base + "/_emulator/" + path, data=data, method="POST" if body is not None else "GET",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def image_input():
    return "data:image/png;base64," + base64.b64encode(FIXTURE.read_bytes()).decode()


@pytest.fixture()
def client(emulator):
    admin(emulator, "reset", {})
    return wavespeed.Client(api_key=KEY, base_url=emulator, retry_interval=0.05)


def fetch(url):
    with urllib.request.urlopen(url) as response:
        return response.read()


def test_sdk_submits_once_polls_and_gets_an_output_url(client, emulator):
    result = client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": image_input()}, poll_interval=0.05)
    output = result["outputs"][0]
    assert output.startswith(emulator)
    assert fetch(output)[:8] == b"\x89PNG\r\n\x1a\n"
    stats = admin(emulator, "stats")
    assert stats["submits"]["wavespeed"] == 1
    assert stats["polls"]["wavespeed"] >= 2


def test_sdk_sync_mode_gets_the_result_in_one_request(client, emulator):
    result = client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": image_input()}, enable_sync_mode=True)
    assert result["outputs"]
    assert admin(emulator, "stats")["polls"].get("wavespeed", 0) == 0


def test_sdk_sees_a_failed_task(client, emulator):
    admin(emulator, "faults", {"provider": "wavespeed", "phase": "submit", "fault": {"taskFails": {"_0": "inference crashed"}}})
    with pytest.raises(Exception, match="inference crashed"):
        client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": image_input()}, poll_interval=0.05)


def test_sdk_retries_a_rate_limited_poll(client, emulator):
    admin(emulator, "faults", {"provider": "wavespeed", "phase": "poll", "times": 2, "fault": {"status": {"_0": 429}}})
    result = client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": image_input()}, poll_interval=0.05)
    assert result["outputs"]
    assert admin(emulator, "stats")["submits"]["wavespeed"] == 1


def test_sdk_is_refused_with_a_wrong_key(emulator):
    client = wavespeed.Client(api_key="wrong", base_url=emulator)
    with pytest.raises(Exception):
        client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": image_input()}, poll_interval=0.05)


def test_emulator_refuses_a_list_for_a_single_image_model(client):
    with pytest.raises(Exception, match="single image"):
        client.run("wavespeed-ai/qwen-image/edit", {"prompt": "snow", "image": [image_input()]}, poll_interval=0.05)
