"""Headless Chromium settings shared by the browser tests, the render benchmark and the
README screenshot: Debian's chromium, never a browser downloaded by a test tool.

The flags keep Chromium off the network (no background services, no QUIC), which this
machine's closed network would otherwise refuse many times per start.
"""
from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def launch(playwright, **kw):
    """Launch Debian's Chromium headless through a Playwright instance."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **kw)
