#!/usr/bin/python3
"""Drives gradviz explorer pages in headless Chromium and reports what it sees, as JSON.

Usage (Debian's chromium, chromium-driver and python3-selenium):
  explorer.py neuron PAGE [SCREENSHOT_DIR]   the checks of the neuron page
  explorer.py demo PAGE                      the collapsed demo step: open a neuron, search
  explorer.py copies PAGE                    leaf copies: their grads while stepping, a click
  explorer.py shots PAGE DIR                 the README's screenshots of a page
  explorer.py bench PAGE...                  file size, time to interactive, search time

Nothing is asserted here: the Swift tests compare the report with the engine's numbers.
"""
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.actions.wheel_input import ScrollOrigin
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def browser(width=1400, height=800):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        f"--window-size={width},{height}",
        "--allow-file-access-from-files",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def load(driver, page, timeout=60):
    url = "file://" + os.path.abspath(page)
    driver.get(url)
    WebDriverWait(driver, timeout).until(
        lambda d: d.execute_script("return document.documentElement.dataset.ready === 'true'")
    )
    return url


def console_errors(driver):
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] in ("SEVERE", "ERROR", "WARNING")
    ]


def requests(driver, url):
    """Every request the page made besides loading itself."""
    found = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            target = message["params"]["request"]["url"]
            if target != url:
                found.append(target)
    return found


def view_box(driver):
    return driver.execute_script("return document.querySelector('#graph svg').getAttribute('viewBox')")


def grads_shown(driver):
    """The grad field of every record in the view, by node id."""
    return driver.execute_script(
        """
        const shown = {};
        for (const [k, text] of window.gradviz.state.gradTexts) shown['n' + k] = text.textContent;
        return shown;
        """
    )


def panel(driver):
    return driver.execute_script(
        """
        const p = document.getElementById('panel');
        const text = (selector) => p.querySelector(selector)?.textContent ?? null;
        return {
          label: text('h2.label'), data: text('dd.data'), grad: text('dd.grad'),
          products: [...p.querySelectorAll('.path .product')].map((e) => e.textContent),
          equation: text('.equation'),
          inputs: [...p.querySelectorAll('table.inputs a.value-link')].map((e) => e.textContent),
          check: [...p.querySelectorAll('.check td, .check dd')].map((e) => e.textContent),
        };
        """
    )


def neuron(page, shots=None):
    driver = browser()
    report = {}
    try:
        url = load(driver, page)
        report["title"] = driver.title
        search = driver.find_element(By.ID, "search")
        search.send_keys("w1")
        report["matches"] = driver.find_element(By.ID, "matches").text
        search.send_keys(Keys.ENTER)
        report["w1"] = panel(driver)
        report["selected"] = driver.execute_script("return window.gradviz.state.selected")
        if shots:
            driver.save_screenshot(os.path.join(shots, "explorer-selected.png"))

        # Click the first input of the selected value's consumer: from w1, follow "used by".
        link = driver.find_element(By.CSS_SELECTOR, "#panel table.consumers a.value-link")
        link.click()
        report["after_consumer_click"] = panel(driver)
        link = driver.find_element(By.CSS_SELECTOR, "#panel table.inputs a.value-link")
        report["clicked_input"] = link.text
        link.click()
        report["after_input_click"] = panel(driver)

        # Zoom with a key and the wheel, pan by dragging.
        body = driver.find_element(By.TAG_NAME, "body")
        before = view_box(driver)
        driver.find_element(By.ID, "view").click()
        ActionChains(driver).send_keys("+").perform()
        report["zoom_key"] = [before, view_box(driver)]
        view = driver.find_element(By.ID, "view")
        before = view_box(driver)
        origin = ScrollOrigin.from_element(view)
        ActionChains(driver).scroll_from_origin(origin, 0, -300).perform()
        report["zoom_wheel"] = [before, view_box(driver)]
        before = view_box(driver)
        ActionChains(driver).move_to_element(view).click_and_hold().move_by_offset(
            120, 40
        ).move_by_offset(60, 20).release().perform()
        report["pan"] = [before, view_box(driver)]
        ActionChains(driver).send_keys("0").perform()
        # A pinch: two pointers moving apart zoom in.
        before = view_box(driver)
        driver.execute_script(
            """
            const view = document.getElementById('view');
            const r = view.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const send = (type, id, dx) => view.dispatchEvent(new PointerEvent(type,
              {pointerId: id, clientX: x + dx, clientY: y, bubbles: true, isPrimary: id === 1}));
            send('pointerdown', 1, -20); send('pointerdown', 2, 20);
            send('pointermove', 1, -60); send('pointermove', 2, 60);
            send('pointerup', 1, -60); send('pointerup', 2, 60);
            """
        )
        report["pinch"] = [before, view_box(driver)]
        # The view fits the window again when the window changes size.
        ActionChains(driver).send_keys("0").perform()
        before = view_box(driver)
        driver.set_window_size(900, 700)
        time.sleep(0.3)
        report["resize"] = [before, view_box(driver)]
        report["fitted_after_resize"] = driver.execute_script("return window.gradviz.state.fitted")

        # Escape, then step through backward.
        body.send_keys(Keys.ESCAPE)
        report["steps"] = []
        report["captions"] = []
        for _ in range(3):
            ActionChains(driver).send_keys(Keys.ARROW_RIGHT).perform()
            report["steps"].append(grads_shown(driver))
            report["captions"].append(driver.find_element(By.ID, "caption").text)
        report["step_count"] = driver.find_element(By.ID, "step-count").text
        if shots:
            driver.execute_script("window.gradviz.select(window.gradviz.state.steps[2])")
            driver.save_screenshot(os.path.join(shots, "explorer-backward.png"))
        report["sizes_stable"] = driver.execute_script(
            """
            const boxes = () => [...document.querySelectorAll('#graph g.node.value > polygon')]
              .map((p) => p.getAttribute('points'));
            const before = boxes().join();
            window.gradviz.goToStep(0);
            return before === boxes().join();
            """
        )
        report["formats"] = driver.execute_script(
            """
            const xs = [0, -0, 1, -1.5, 2.0, 1e-7, -1e-7, 1e12, 0.03125, 0.09375, -0.03125,
              1.00005, 123.456789, 0.1 + 0.2, 1e16, 1e-5, 6.8813735870195432, NaN, Infinity,
              -Infinity, 5e-324, 1.7976931348623157e308, 0.00015, 999999999.99995];
            return xs.map((x) => [window.gradviz.pyRepr(x), window.gradviz.field(x)]);
            """
        )
        report["console"] = console_errors(driver)
        report["requests"] = requests(driver, url)
    finally:
        driver.quit()
    return report


def shots(page, folder, width=1600, height=620):
    """Screenshots for the README: a value selected, and backward half way."""
    driver = browser(width, height)
    try:
        load(driver, page)
        search = driver.find_element(By.ID, "search")
        search.send_keys("w1", Keys.ENTER)
        driver.execute_script("document.getElementById('fit').click(); document.activeElement.blur()")
        driver.save_screenshot(os.path.join(folder, "explorer.png"))
        search.clear()
        search.send_keys(Keys.ESCAPE)
        driver.execute_script("window.gradviz.goToStep(3); window.gradviz.select(7)")
        driver.save_screenshot(os.path.join(folder, "explorer-backward.png"))
        driver.execute_script("window.gradviz.goToStep(0)")
    finally:
        driver.quit()
    return {"folder": folder}


def demo(page):
    driver = browser()
    report = {}
    try:
        url = load(driver, page, timeout=120)
        report["views"] = driver.execute_script("return window.gradviz.data.views.length")
        report["top_summaries"] = driver.execute_script(
            "return document.querySelectorAll('#graph g.node.summary').length"
        )
        target = driver.execute_script(
            "return window.gradviz.data.views.length > 1 ? window.gradviz.data.views[1].name : null"
        )
        report["target"] = target
        if target:
            node = driver.find_element(By.ID, target)
            driver.execute_script("arguments[0].scrollIntoView()", node)
            # Click the summary's shape through the page's own handler.
            driver.execute_script(
                "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", node
            )
            report["crumbs"] = driver.find_element(By.ID, "crumbs").text
            report["opened_view"] = driver.execute_script("return window.gradviz.state.view")
            report["opened_records"] = driver.execute_script(
                "return window.gradviz.state.nodes.size"
            )
        search = driver.execute_script("return window.gradviz.search('w')")
        report["search"] = search
        # Search for a value inside another summary from the whole graph: Enter opens it.
        driver.execute_script("window.gradviz.openView(0)")
        inside = driver.execute_script("return window.gradviz.data.views[2].shown[5]")
        box = driver.find_element(By.ID, "search")
        box.clear()
        box.send_keys(f"n{inside}", Keys.ENTER)
        report["searched"] = inside
        report["search_view"] = driver.execute_script("return window.gradviz.state.view")
        report["search_selected"] = driver.execute_script("return window.gradviz.state.selected")
        report["search_panel"] = panel(driver)
        report["console"] = console_errors(driver)
        report["requests"] = requests(driver, url)
    finally:
        driver.quit()
    return report


def bench(pages):
    rows = []
    for page in pages:
        driver = browser()
        try:
            times = []
            for _ in range(3):
                load(driver, page, timeout=300)
                times.append(driver.execute_script("return window.gradvizReady"))
                driver.get("about:blank")
            load(driver, page, timeout=300)
            searches = [driver.execute_script("return window.gradviz.search('w').ms") for _ in range(5)]
            count = driver.execute_script("return window.gradviz.search('w').count")
            values = driver.execute_script("return window.gradviz.data.label.length")
        finally:
            driver.quit()
        rows.append(
            {
                "page": page,
                "bytes": os.path.getsize(page),
                "values": values,
                "interactive_ms": sorted(times)[1],
                "search_ms": sorted(searches)[2],
                "search_matches": count,
            }
        )
    return rows


def copies(page):
    """A page with leaf copies: each copy's value and grad text, before and during backward,
    and what a click on a copy selects."""
    driver = browser()
    report = {}
    try:
        load(driver, page)
        read = """
            return window.gradviz.state.copies.map(([k, node, text]) => ({
              value: k, id: node.id, grad: text ? text.textContent : null,
              original: window.gradviz.state.gradTexts.get(k)?.textContent ?? null,
            }));
            """
        report["copies"] = driver.execute_script(read)
        driver.execute_script("window.gradviz.goToStep(3)")
        report["stepped"] = driver.execute_script(read)
        driver.execute_script(
            """
            const text = document.querySelector("#graph g.node.copy text");
            text.dispatchEvent(new MouseEvent("click", { bubbles: true }));
            """
        )
        report["selected"] = driver.execute_script("return window.gradviz.state.selected")
        report["console"] = console_errors(driver)
    finally:
        driver.quit()
    return report


def main(arguments):
    if len(arguments) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    mode = arguments[0]
    if mode == "neuron":
        report = neuron(arguments[1], arguments[2] if len(arguments) > 2 else None)
    elif mode == "shots":
        report = shots(arguments[1], arguments[2])
    elif mode == "copies":
        report = copies(arguments[1])
    elif mode == "demo":
        report = demo(arguments[1])
    elif mode == "bench":
        for row in bench(arguments[1:]):
            print(
                f"{os.path.basename(row['page'])}: {row['values']} values, "
                f"{row['bytes'] / 1e6:.2f} MB, interactive in {row['interactive_ms']:.0f} ms "
                f"(median of 3 loads), search 'w' {row['search_ms']:.1f} ms "
                f"({row['search_matches']} matches)"
            )
        return 0
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
