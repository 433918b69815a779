"""How big a picture stays usable: generate the network page for graphs of about 1,000 to
20,000 nodes and open each in Debian's headless chromium.

Graphs are the five real example plans loaded together, replicated under new plan ids
(``warrington-2``, ...). For each size it prints the nodes in the graph and drawn (pages are
capped at ``visualise.views.MAX_NODES``), the seconds to build the view and write the HTML,
the page's size, the milliseconds until vis-network first drew (``performance.now()`` at its
first ``afterDrawing``, from navigation start) and the mean of five forced redraws.

    python bench/views.py            # sizes 1, 2, 5, 10 and 18 copies of the five plans
    python bench/views.py 1 5        # chosen numbers of copies
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphmodel import build_graphs  # noqa: E402
from loaders import load_plan  # noqa: E402
from tests.headless import CHROMIUM, FLAGS, READY  # noqa: E402
from visualise.page import view_page  # noqa: E402
from visualise.views import MAX_NODES, network_view  # noqa: E402

REAL = ("cheshire-east", "peterborough", "warrington", "wirral", "worcestershire")
REDRAW = """() => {
    const net = window.actiongraph.net.network;
    const t = performance.now();
    for (let i = 0; i < 5; i++) { net.redraw(); }
    return (performance.now() - t) / 5;
}"""


def main(copies: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    plans = [load_plan(ROOT / "examples" / f"{name}.yaml") for name in REAL]
    print(
        f"{'copies':>6} {'nodes':>7} {'edges':>7} {'drawn':>6} {'build s':>8} "
        f"{'html MB':>8} {'first draw ms':>14} {'redraw ms':>10}"
    )
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        for n in copies:
            many = [
                plan if i == 0 else plan.model_copy(update={"id": f"{plan.id}-{i + 1}"})
                for i in range(n)
                for plan in plans
            ]
            graph = build_graphs(many)
            start = time.perf_counter()
            view = network_view(graph, max_nodes=MAX_NODES)
            html = view_page(view)
            built = time.perf_counter() - start
            path = Path(tmp) / f"net-{n}.html"
            path.write_text(html, encoding="utf-8")
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(path.as_uri())
            page.wait_for_function(READY, timeout=0)
            drawn_ms = page.evaluate("window.actiongraph.net.drawnMs")
            redraw_ms = page.evaluate(REDRAW)
            page.close()
            print(
                f"{n:>6} {graph.number_of_nodes():>7,} {graph.number_of_edges():>7,} "
                f"{len(view.nodes):>6,} {built:>8.2f} {len(html) / 1e6:>8.1f} "
                f"{drawn_ms:>14,.0f} {redraw_ms:>10.0f}"
            )
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1, 2, 5, 10, 18])
