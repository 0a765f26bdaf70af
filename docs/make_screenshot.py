"""Regenerate docs/seed-graph.png: build seeds/, open graph.html in headless Chromium, screenshot.

    .venv/bin/python docs/make_screenshot.py
"""
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from graph.build import build
from graph.headless import launch

out = Path(tempfile.mkdtemp())
build(["seeds"], out, use_cache=False)
with sync_playwright() as p:
    browser = launch(p)
    page = browser.new_page(viewport={"width": 1400, "height": 820})
    page.goto((out / "graph.html").as_uri())
    page.wait_for_selector('html[data-aidgraph-ready="true"]', state="attached", timeout=30000)
    page.wait_for_timeout(500)
    page.screenshot(path="docs/seed-graph.png")
    browser.close()
print("wrote docs/seed-graph.png")
