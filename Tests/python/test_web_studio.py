"""The web studio in headless Chromium (Selenium), against a server and the provider emulator
started here. Each step writes a screenshot to .test-output/web/."""
import json
import pathlib
import re
import shutil
import tempfile
import time
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.select import Select
from selenium.webdriver.support.ui import WebDriverWait

from studio import FIXTURES, ROOT, start_emulator, start_server

KEY = "web-studio-test-key"
SHOTS = ROOT / ".test-output" / "web"


@pytest.fixture(scope="module")
def studio():
    emulator, emulator_url = start_emulator(processing_ms=1500)
    with tempfile.TemporaryDirectory() as data:
        server, url = start_server(emulator_url, KEY, data, extra_env={"IMAGESTUDIO_PROVIDERS_EMULATED": "1"})
        try:
            yield server, url
        finally:
            server.terminate(); server.wait(timeout=10)
            emulator.terminate(); emulator.wait(timeout=10)


@pytest.fixture(scope="module")
def downloads():
    folder = pathlib.Path(tempfile.mkdtemp(prefix="studio-downloads-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(downloads):
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000"]:
        options.add_argument(flag)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads), "download.prompt_for_download": False})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    yield driver
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    driver.quit()
    # Refusals answer 4xx on purpose (the browser logs those); anything else is a page error.
    unexpected = [e for e in errors if not re.search(r" (400|401|402|404|409|429) ", e["message"])]
    assert unexpected == [], unexpected


def shot(driver, name):
    """A screenshot of the step; the page never shows a JavaScript placeholder for a missing value."""
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    text = driver.execute_script("return document.body.innerText")
    for leak in ["NaN", "undefined", "[object ", "null"]:
        assert leak not in text, f"{name}: '{leak}' on the page"


def wait(driver, seconds=20):
    return WebDriverWait(driver, seconds, ignored_exceptions=[StaleElementReferenceException])


def api(url, method, path, body=None, key=KEY):
    request = urllib.request.Request(url + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"null")


def sign_in_link(server):
    for _ in range(100):
        for line in server.banner:
            if "#sign-in=" in line:
                return line.split(": ", 1)[1].strip()
        time.sleep(0.05)
    raise AssertionError(f"no sign-in link in {server.banner}")


def choose_operation(driver, name):
    button = driver.find_element(By.CSS_SELECTOR, f'.op-toolbar [data-op="{name}"]')
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def choose_model(driver, model):
    option = wait(driver).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'label.model-option[data-model="{model}"]')))
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", option)
    option.click()
    return option


def cost_line(driver, pattern):
    wait(driver).until(lambda d: re.search(pattern, d.find_element(By.ID, "cost-line").text))
    return driver.find_element(By.ID, "cost-line").text


def run_and_follow(driver, container="#view-edit"):
    """Clicks Run, records the progress states seen, waits for every job to end."""
    driver.find_element(By.CSS_SELECTOR, f"{container} button.primary.run, {container} #compare-run").click()
    seen = set()
    deadline = time.time() + 30
    while time.time() < deadline:
        states = driver.execute_script(
            f"return [...document.querySelectorAll('{container} .job-progress')].map(e => e.dataset.state)")
        seen.update(states)
        if states and all(s in ("done", "failed") for s in states):
            return states, seen
        time.sleep(0.05)
    raise AssertionError(f"jobs did not finish: {seen}")


def mask_pixels(driver):
    return driver.execute_script("""
        const c = document.querySelector('.mask-layer');
        const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;""")


def test_the_studio_end_to_end(studio, browser, downloads):
    server, url = studio
    d = browser

    # Sign in through the one-click link the server printed.
    d.get(sign_in_link(server))
    wait(d).until(EC.visibility_of_element_located((By.ID, "account")))
    assert d.find_element(By.ID, "account-name").text == "local"
    assert "#sign-in" not in d.current_url, "the code leaves the address bar"
    assert d.find_element(By.ID, "emulated").is_displayed()
    shot(d, "01-signed-in")

    # A non-image is refused before anything is sent.
    not_image = downloads / "notes.txt"
    not_image.write_text("hello")
    d.find_element(By.ID, "file-input").send_keys(str(not_image))
    refusal = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".upload .error")))
    assert "not an image" in refusal.text

    # Upload a fixture: dimensions and size shown.
    d.find_element(By.ID, "file-input").send_keys(str(FIXTURES / "chelsea.png"))
    wait(d).until(lambda d: "451 × 300" in d.find_element(By.ID, "image-info").text)
    assert re.search(r"\d+(\.\d)? KB", d.find_element(By.ID, "image-info").text)
    shot(d, "02-uploaded")

    # Inpaint: paint a mask, undo and redo it.
    choose_operation(d, "inpaint")
    viewport = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".viewport")))
    ActionChains(d).move_to_element_with_offset(viewport, -60, -20).click_and_hold().move_by_offset(120, 10) \
        .move_by_offset(0, 40).release().perform()
    painted = mask_pixels(d)
    assert painted > 500, painted
    viewport.send_keys(Keys.CONTROL, "z")
    assert mask_pixels(d) == 0, "undo removes the stroke"
    viewport.send_keys(Keys.CONTROL, Keys.SHIFT, "z")
    assert mask_pixels(d) == painted, "redo brings it back"
    size_before = int(d.find_element(By.CSS_SELECTOR, ".mask-tools input[type=range]").get_attribute("value"))
    viewport.send_keys("]")
    assert int(d.find_element(By.CSS_SELECTOR, ".mask-tools input[type=range]").get_attribute("value")) > size_before
    d.find_element(By.CSS_SELECTOR, '.op-fields textarea[name="prompt"]').send_keys("a red party hat")
    shot(d, "03-mask-painted")

    # Pick a model: its price for this image, the recommendation with its reason, the cost line.
    wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".recommendation .badge")))
    assert len(d.find_element(By.CSS_SELECTOR, ".recommendation").text) > 30, "the recommendation says why"
    option = choose_model(d, "z-image-turbo-inpaint")
    assert "$0.02 for this image" in option.text
    line = cost_line(d, r"This edit will cost \$0\.02 on .* left this month")
    assert "Z-Image" in line or "z-image" in line.lower()
    d.find_element(By.CSS_SELECTOR, ".model-search button").click()
    table = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".compare-table")))
    assert len(table.find_elements(By.CSS_SELECTOR, "tbody tr")) >= 2
    shot(d, "04-model-comparison-table")
    d.find_element(By.CSS_SELECTOR, ".compare-dialog button").click()
    shot(d, "05-model-picked")

    # Run on the WaveSpeed emulator: the progress follows the job's events to the end.
    states, seen = run_and_follow(d)
    assert states == ["done"], states
    assert {"queued", "provider_processing"} & seen or "running" in seen, seen
    after = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".result .after")))
    assert after.get_attribute("src").startswith("blob:")
    assert d.execute_script("return arguments[0].naturalWidth", after) > 0
    assert "z-image-turbo-inpaint" in d.find_element(By.CSS_SELECTOR, ".result-caption").text
    shot(d, "06-wavespeed-result")

    # Download as PNG and as JPEG.
    d.find_element(By.ID, "download").click()
    Select(d.find_element(By.CSS_SELECTOR, ".result-actions select")).select_by_value("jpeg")
    d.find_element(By.ID, "download").click()
    wait(d).until(lambda _: len([p for p in downloads.glob("imagestudio-*") if not p.name.endswith(".crdownload")]) == 2)
    files = {p.suffix: p.read_bytes() for p in downloads.glob("imagestudio-*")}
    assert files[".png"][:8] == b"\x89PNG\r\n\x1a\n"
    assert files[".jpg"][:3] == b"\xff\xd8\xff"

    # Run on the local engine: 2× upscale, free, two variations.
    choose_operation(d, "upscale")
    choose_model(d, "local-resize")
    Select(d.find_element(By.ID, "variations")).select_by_value("2")
    cost_line(d, r"These 2 variations will cost \$0 on")
    states, _ = run_and_follow(d)
    assert states == ["done", "done"], states
    wait(d).until(lambda d: "local-resize" in d.find_element(By.CSS_SELECTOR, ".result-caption").text)
    assert len(d.find_elements(By.CSS_SELECTOR, ".variations .variation")) == 2
    d.find_elements(By.CSS_SELECTOR, ".variations .variation")[1].click()
    assert d.execute_script("return document.querySelector('.result .after').naturalWidth") == 902
    shot(d, "07-local-result")
    Select(d.find_element(By.ID, "variations")).select_by_value("1")

    # "Use as input" chains the next edit on the result.
    d.find_element(By.ID, "use-as-input").click()
    wait(d).until(lambda d: "902 × 600" in d.find_element(By.ID, "image-info").text)

    # Compare two models on the same general edit.
    choose_operation(d, "general_edit")
    d.find_element(By.CSS_SELECTOR, '.op-fields textarea[name="prompt"]').send_keys("make it snow")
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="compare"]').click()
    for model in ["qwen-edit", "flux-kontext-pro"]:
        wait(d).until(EC.element_to_be_clickable((By.CSS_SELECTOR, f'.compare-choices [data-model="{model}"] input'))).click()
    assert "2 runs will cost $0.06" in d.find_element(By.ID, "compare-cost").text
    states, _ = run_and_follow(d, "#view-compare")
    assert states == ["done", "done"], states
    cells = d.find_elements(By.CSS_SELECTOR, ".compare-cell[data-state=done]")
    assert len(cells) == 2
    captions = " ".join(c.text for c in cells)
    assert "$0.02" in captions and "$0.04" in captions and " s" in captions
    shot(d, "08-compare")

    # A run cancelled while the provider works: released, nothing charged.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="edit"]').click()
    choose_model(d, "qwen-edit")
    d.find_element(By.ID, "run").click()
    wait(d).until(lambda d: d.execute_script("return document.querySelector('#view-edit .job-progress')?.dataset.state")
                  in ("provider_processing", "running", "provider_submitting"))
    d.find_element(By.CSS_SELECTOR, "#view-edit .job-progress button").click()
    wait(d).until(lambda d: "Cancelled" in d.find_element(By.CSS_SELECTOR, "#view-edit .job-progress .status").text)
    shot(d, "09-cancelled")

    # History lists every job; one reopens in the editor.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="history"]').click()
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".history-item")) == 6)
    items = d.find_elements(By.CSS_SELECTOR, ".history-item")
    assert [i.get_attribute("data-status") for i in items] == ["failed"] + ["succeeded"] * 5
    assert "$0" in items[0].text and "cancelled" in items[0].text.lower()
    assert "flux-kontext-pro" in d.find_element(By.CSS_SELECTOR, ".history").text
    wait(d).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".history-item .thumb img")) == 5)
    shot(d, "10-history")
    items[-1].find_element(By.TAG_NAME, "button").click()
    wait(d).until(lambda d: "z-image-turbo-inpaint" in d.find_element(By.CSS_SELECTOR, ".result-caption").text)
    assert d.find_element(By.CSS_SELECTOR, ".result .before").get_attribute("src").startswith("blob:")
    shot(d, "11-history-reopened")

    # Usage: the month's spend ($0.02 + $0.02 + $0.04) and the charts.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="usage"]').click()
    totals = wait(d).until(EC.visibility_of_element_located((By.ID, "usage-totals")))
    assert "$0.08" in totals.text, totals.text
    assert len(d.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")) >= 4
    assert "flux-kontext-pro" in d.find_element(By.CSS_SELECTOR, ".usage").text
    shot(d, "12-usage")

    # Every visible form control has a label.
    unlabelled = d.execute_script("""
        return [...document.querySelectorAll('input, select, textarea, button')].filter(e => e.offsetParent !== null)
          .filter(e => !(e.labels?.length || e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.textContent.trim())))
          .map(e => e.outerHTML.slice(0, 80));""")
    assert unlabelled == []

    # A 390 px phone screen: nothing wider than the screen.
    d.set_window_size(390, 844)
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="edit"]').click()
    time.sleep(0.3)
    assert d.execute_script("return document.documentElement.scrollWidth") <= 390
    shot(d, "13-phone")
    d.set_window_size(1280, 1000)


def test_a_refused_run_shows_the_refusal_with_its_numbers(studio, browser):
    _, url = studio
    d = browser
    api(url, "PUT", "/api/image-studio/admin/plans/free", {"monthly_operations": 1, "monthly_cost_cap": "1.00"})
    limited = api(url, "POST", "/api/image-studio/admin/users", {"name": "limited", "plan": "free"})
    d.get(url + "/")
    d.execute_script("localStorage.clear()")
    d.get(url + "/")
    field = wait(d).until(EC.visibility_of_element_located((By.ID, "signin-key")))
    field.send_keys(limited["api_key"])
    d.find_element(By.CSS_SELECTOR, "#signin-form button").click()
    wait(d).until(lambda d: d.find_element(By.ID, "account-name").text == "limited")
    d.find_element(By.ID, "file-input").send_keys(str(FIXTURES / "chelsea.png"))
    choose_operation(d, "upscale")
    choose_model(d, "local-resize")
    cost_line(d, r"\$0 on .*0 of 1 edits left")
    # The last operation of the month goes elsewhere (another tab, a script) after the quote was shown.
    png = (FIXTURES / "chelsea.png").read_bytes()
    import base64
    api(url, "POST", "/api/image-studio/edit/process", {"image_base64": base64.b64encode(png).decode(), "operation": "upscale",
                                                         "model": "local-resize"}, key=limited["api_key"])
    d.find_element(By.ID, "run").click()
    error = wait(d).until(EC.visibility_of_element_located((By.CSS_SELECTOR, ".controls > p.error")))
    assert "1 of 1" in error.text, error.text
    line = cost_line(d, r"^Refused")
    assert "1 of 1" in line
    shot(d, "14-refused")


def test_drop_paste_outpaint_preview_and_preference(studio, browser):
    _, url = studio
    d = browser
    d.get(url + "/")
    wait(d).until(EC.visibility_of_element_located((By.ID, "account")))
    png = (FIXTURES / "chelsea.png").read_bytes()
    make_file = """
        const bytes = Uint8Array.from(atob(arguments[0]), c => c.charCodeAt(0));
        const dt = new DataTransfer();
        dt.items.add(new File([bytes], arguments[1], {type: 'image/png'}));
        return dt;"""
    import base64
    b64 = base64.b64encode(png).decode()
    # Drag and drop onto the drop zone.
    d.execute_script(make_file.replace("return dt;", """
        document.querySelector('.dropzone').dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));"""),
        b64, "dropped.png")
    wait(d).until(lambda d: d.find_element(By.ID, "image-info").text.startswith("dropped.png — 451 × 300"))
    # Paste from the clipboard.
    d.execute_script(make_file.replace("return dt;", """
        document.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));"""),
        b64, "pasted.png")
    wait(d).until(lambda d: d.find_element(By.ID, "image-info").text.startswith("pasted.png — 451 × 300"))

    # Outpaint: the new canvas is previewed live, in numbers and on the stage.
    choose_operation(d, "outpaint")
    left = d.find_element(By.CSS_SELECTOR, '.op-fields input[name="expand_left"]')
    left.clear(); left.send_keys("100")
    wait(d).until(lambda d: "New canvas: 551 × 300" in d.find_element(By.CSS_SELECTOR, ".canvas-size").text)
    frame = d.find_element(By.CSS_SELECTOR, ".expansion-frame")
    assert frame.is_displayed()
    assert frame.value_of_css_property("width") == "551px"
    shot(d, "15-outpaint-preview")

    # The cost ↔ quality preference moves the recommendation.
    choose_operation(d, "general_edit")
    slider = d.find_element(By.CSS_SELECTOR, ".models .pref input[type=range]")
    def recommended():
        return d.find_element(By.CSS_SELECTOR, ".recommendation strong").text
    for value in ("0", "2"):
        d.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'))", slider, value)
        time.sleep(0.6)
        if value == "0":
            cheapest = recommended()
    best = recommended()
    assert cheapest != best, (cheapest, best)
    shot(d, "16-preference-quality")


def test_create_upscale_face_swap_translate_and_3d_tabs(studio, browser, downloads):
    _, url = studio
    d = browser
    d.get(url + "/")
    d.execute_script("localStorage.setItem('imagestudio.key', arguments[0])", KEY)
    d.get(url + "/?signed-in#/create")
    wait(d).until(lambda d: d.find_element(By.ID, "account-name").text == "local")

    # Create: two variations of a generation on FLUX schnell, priced before running.
    view = d.find_element(By.ID, "view-create")
    view.find_element(By.CSS_SELECTOR, 'textarea[name="prompt"]').send_keys("a lighthouse at dusk")
    Select(view.find_element(By.CSS_SELECTOR, 'select[name="size"]')).select_by_value("1344x768")
    choose_model(d, "flux-schnell")
    Select(d.find_element(By.ID, "create-variations")).select_by_value("2")
    wait(d).until(lambda d: "These 2 variations will cost $0.006" in d.find_element(By.ID, "create-cost-line").text)
    states, _ = run_and_follow(d, "#view-create")
    assert states == ["done", "done"], states
    wait(d).until(lambda d: len(view.find_elements(By.CSS_SELECTOR, ".variations .variation")) == 2)
    assert d.execute_script("return document.querySelector('#view-create .result .after').naturalWidth") == 1344
    shot(d, "17-create")

    # Upscale on the local engine, 2×.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="upscale"]').click()
    d.find_element(By.ID, "upscale-image-file-input").send_keys(str(FIXTURES / "chelsea.png"))
    wait(d).until(lambda d: "451 × 300" in d.find_element(By.ID, "upscale-image-image-info").text)
    choose_model(d, "local-resize")
    wait(d).until(lambda d: "This upscale will cost $0 on" in d.find_element(By.ID, "upscale-cost-line").text)
    states, _ = run_and_follow(d, "#view-upscale")
    assert states == ["done"], states
    wait(d).until(lambda d: d.execute_script("return document.querySelector('#view-upscale .result .after').naturalWidth") == 902)
    shot(d, "18-upscale")

    # Face swap with two images.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="face-swap"]').click()
    d.find_element(By.ID, "face-swap-image-file-input").send_keys(str(FIXTURES / "chelsea.png"))
    d.find_element(By.ID, "face-swap-face-file-input").send_keys(str(FIXTURES / "astronaut.png"))
    choose_model(d, "image-face-swap")
    wait(d).until(lambda d: "This swap will cost $0.01" in d.find_element(By.ID, "face-swap-cost-line").text)
    states, _ = run_and_follow(d, "#view-face-swap")
    assert states == ["done"], states
    shot(d, "19-face-swap")

    # Translate into French.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="translate"]').click()
    d.find_element(By.ID, "translate-image-file-input").send_keys(str(FIXTURES / "chelsea.png"))
    choose_model(d, "qwen-image-translate")
    states, _ = run_and_follow(d, "#view-translate")
    assert states == ["done"], states

    # Image to 3D: the result downloads as a GLB.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="3d"]').click()
    d.find_element(By.ID, "3d-image-file-input").send_keys(str(FIXTURES / "chelsea.png"))
    choose_model(d, "sam-3d-objects")
    states, _ = run_and_follow(d, "#view-3d")
    assert states == ["done"], states
    wait(d).until(EC.element_to_be_clickable((By.ID, "download-glb"))).click()
    wait(d).until(lambda _: [p for p in downloads.glob("*.glb")])
    glb = next(downloads.glob("*.glb")).read_bytes()
    assert glb[:4] == b"glTF"
    shot(d, "20-3d")

    # History shows every family; the 3D job offers its GLB.
    d.find_element(By.CSS_SELECTOR, 'nav a[data-view="history"]').click()
    wait(d).until(lambda d: "image to 3d" in d.find_element(By.CSS_SELECTOR, ".history").text)
    text = d.find_element(By.CSS_SELECTOR, ".history").text
    for operation in ("generate", "upscale", "face swap", "translate"):
        assert operation in text, operation
    assert "Download GLB" in text
    shot(d, "21-history-families")
