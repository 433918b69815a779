"""How the project opens its pages in a real browser: Debian's chromium, headless and quiet
(Playwright's own browser download cannot work offline). The browser tests and
``bench/views.py`` launch it with these, through Playwright::

    p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
"""

from __future__ import annotations

__all__ = ["CHROMIUM", "FLAGS", "READY"]

CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
READY = "window.actiongraph && window.actiongraph.ready"
"""True in a page once its picture is drawn (a network: once vis-network first drew it), for
``page.wait_for_function``."""
