"""schemathesis against /openapi.json of a running server: no 5xx, every response as documented."""
import subprocess
import tempfile

from studio import start_emulator, start_server

KEY = "schemathesis-key"


def test_openapi_document_holds_under_generated_requests():
    emulator, emulator_url = start_emulator()
    with tempfile.TemporaryDirectory() as data:
        server, url = start_server(emulator_url, KEY, data)
        try:
            result = subprocess.run(
                ["schemathesis", "run", url + "/openapi.json", "--url", url, "-H", f"Authorization: Bearer {KEY}",
                 "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
                 "--phases", "examples,coverage,fuzzing", "--max-examples", "15", "--seed", "42", "--no-color"],
                capture_output=True, text=True, timeout=600)
            assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
        finally:
            server.terminate(); server.wait(timeout=10)
            emulator.terminate(); emulator.wait(timeout=10)
