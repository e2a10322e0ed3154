"""Starting the processes a benchmark measures: Image Studio, the provider emulator, nginx as a
zero-delay OpenAI upstream, LiteLLM's proxy. All on 127.0.0.1."""
import json
import os
import pathlib
import subprocess
import tempfile
import time
import urllib.request

from common import RELEASE, ROOT, free_port

STUDIO_KEY = "bench-studio-key-0123456789"


def wait_http(url, seconds=60, headers=None):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=2)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def api(base, method, path, body=None, key=STUDIO_KEY):
    request = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=120) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def start_studio(env_extra, data_dir):
    port = free_port()
    env = dict(os.environ, IMAGESTUDIO_BOOTSTRAP_KEY=STUDIO_KEY, **env_extra)
    process = subprocess.Popen([str(RELEASE / "imagestudio"), "serve", "--port", str(port), "--data-dir", str(data_dir)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_http(base + "/api/image-studio/health")
    # Benchmarks measure the gateway, not the plan: no cost cap, no operation limit.
    api(base, "PUT", "/api/image-studio/admin/plans/enterprise", {"monthly_operations": None, "monthly_cost_cap": None})
    return process, base


def start_emulator(processing_ms):
    process = subprocess.Popen([str(RELEASE / "provider-emulator"), "--port", "0", "--key", "emulator-key",
                                "--processing-ms", str(processing_ms)], stdout=subprocess.PIPE, text=True)
    banner = process.stdout.readline()
    return process, banner.split("listening on ")[1].split(" ")[0]


def provider_env(base):
    env = {}
    for key, url in [("WAVESPEED_API_KEY", "WAVESPEED_BASE_URL"), ("STABILITY_API_KEY", "STABILITY_BASE_URL"),
                     ("HF_TOKEN", "HF_BASE_URL"), ("OPENAI_API_KEY", "OPENAI_BASE_URL")]:
        env[key] = "emulator-key"
        env[url] = base
    return env


def start_nginx_upstream(folder, answer_json):
    """nginx answering every POST with one fixed OpenAI images response, at once (the body is read and dropped)."""
    port = free_port()
    folder = pathlib.Path(folder)
    (folder / "answer.json").write_text(answer_json)
    conf = folder / "nginx.conf"
    conf.write_text(f"""
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log crit;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_max_body_size 200m;
  client_body_buffer_size 32m;
  client_body_temp_path {folder}/body;
  keepalive_requests 100000;
  server {{
    listen 127.0.0.1:{port};
    location / {{
      default_type application/json;
      return 200 '{answer_json}';
    }}
  }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http(f"http://127.0.0.1:{port}/v1/images/edits")
    return process, f"http://127.0.0.1:{port}"


def start_litellm(upstream, folder, workers):
    venv = pathlib.Path(os.environ.get("LITELLM_VENV", ROOT / "bench" / ".litellm-venv"))
    port = free_port()
    config = pathlib.Path(folder) / "litellm.yaml"
    config.write_text(f"""
model_list:
  - model_name: gpt-image-1
    litellm_params:
      model: openai/gpt-image-1
      api_base: {upstream}/v1
      api_key: sk-local-upstream
      timeout: 120
    model_info:
      mode: image_edit
      output_cost_per_image: 0.042
router_settings:
  num_retries: 0
litellm_settings:
  callbacks: []
  request_timeout: 120
  drop_params: true
general_settings:
  master_key: sk-bench-master
""")
    env = dict(os.environ, LITELLM_LOCAL_MODEL_COST_MAP="True", LITELLM_LOCAL_ANTHROPIC_BETA_HEADERS="True",
               LITELLM_LOCAL_AUTOROUTER_PRESETS="True", LITELLM_LOCAL_POLICY_TEMPLATES="True", LITELLM_LOCAL_BLOG_POSTS="True",
               LITELLM_DONT_SHOW_FEEDBACK_BOX="True", LITELLM_TELEMETRY="False")
    log = open(pathlib.Path(folder) / "litellm.log", "w")
    process = subprocess.Popen([str(venv / "bin" / "litellm"), "--config", str(config), "--host", "127.0.0.1", "--port", str(port),
                                "--num_workers", str(workers)], env=env, stdout=log, stderr=subprocess.STDOUT)
    wait_http(f"http://127.0.0.1:{port}/health/liveliness", seconds=120)
    return process, f"http://127.0.0.1:{port}"


def stop(process):
    if process and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
