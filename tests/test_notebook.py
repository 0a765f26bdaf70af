"""The notebook runs top to bottom on seeds/ with a real Jupyter kernel."""
from pathlib import Path

import nbformat
from nbclient import NotebookClient


def test_explore_notebook_runs_top_to_bottom():
    path = Path("notebooks/explore.ipynb")
    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = [o["data"]["text/html"] for o in outputs if "text/html" in o.get("data", {})]
    assert any("<iframe" in h and "srcdoc" in h for h in html), "the graph view is shown inline"
    assert any("<table>" in h and "France" in h for h in html), "SPARQL results are shown as tables"
