"""Regenerate docs/seed-graph.png: build seeds/, open graph.html in headless Chromium, screenshot.

    .venv/bin/python docs/make_screenshot.py
"""
from pathlib import Path
import tempfile

from playwright.sync_api import sync_playwright

from graph.build import build

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

out = Path(tempfile.mkdtemp())
build(["seeds"], out, use_cache=False)
with sync_playwright() as p:
    browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
    page = browser.new_page(viewport={"width": 1400, "height": 820})
    page.goto((out / "graph.html").as_uri())
    page.wait_for_selector('html[data-aidgraph-ready="true"]', state="attached", timeout=30000)
    page.wait_for_timeout(500)
    page.screenshot(path="docs/seed-graph.png")
    browser.close()
print("wrote docs/seed-graph.png")
