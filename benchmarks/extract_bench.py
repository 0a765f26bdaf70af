"""Extraction throughput: articles per second, this checkout against an earlier revision.

    .venv/bin/python benchmarks/extract_bench.py --articles ../shared/eval/dev/articles \
        --compare 008cad0 --repeat 20 --runs 5

Each side runs in its own subprocess (its own warm pipeline) over the same
articles repeated ``--repeat`` times; the figure is the median of ``--runs``
timed passes after one warm-up pass. ``--compare REV`` checks REV out into a
temporary git worktree. Figures are only comparable within one invocation.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, sys, time
from graph.articles import read_articles
from graph.extract import extract
articles, _ = read_articles([sys.argv[1]])
repeat, runs = int(sys.argv[2]), int(sys.argv[3])
batch = articles * repeat
for a in articles:          # warm-up: builds the pipelines and the gazetteer matcher
    extract(a)
times, words, relations = [], sum(len(a.text.split()) for a in batch), 0
for _ in range(runs):
    t = time.perf_counter()
    relations = sum(len(extract(a).relations) for a in batch)
    times.append(time.perf_counter() - t)
print(json.dumps({"articles": len(batch), "words": words, "times": times, "relations": relations}))
"""


def measure(src: Path, articles: Path, repeat: int, runs: int) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, str(articles), str(repeat), str(runs)],
                         capture_output=True, text=True, cwd=src, env={"PYTHONPATH": str(src),
                                                                         "PATH": "/usr/bin:/bin"})
    if out.returncode != 0:
        sys.exit(f"benchmark failed in {src}:\n{out.stderr[-2000:]}")
    data = json.loads(out.stdout.strip().splitlines()[-1])
    med = statistics.median(data["times"])
    data.update(median_s=med, articles_per_s=data["articles"] / med, words_per_s=data["words"] / med)
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--compare", metavar="REV", help="an earlier git revision to measure too")
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    articles = args.articles.resolve()
    rows = []
    if args.compare:
        with tempfile.TemporaryDirectory() as tmp:
            wt = Path(tmp) / "rev"
            subprocess.run(["git", "worktree", "add", "--detach", str(wt), args.compare],
                           cwd=ROOT, check=True, capture_output=True)
            try:
                rows.append((args.compare, measure(wt, articles, args.repeat, args.runs)))
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(wt)], cwd=ROOT,
                               capture_output=True)
    rows.append(("this checkout", measure(ROOT, articles, args.repeat, args.runs)))
    print(f"{'revision':16} {'articles':>8} {'median s':>9} {'articles/s':>11} {'words/s':>9} "
          f"{'relations':>9}")
    for name, d in rows:
        print(f"{name:16} {d['articles']:8} {d['median_s']:9.2f} {d['articles_per_s']:11.1f} "
              f"{d['words_per_s']:9.0f} {d['relations']:9}")
    if len(rows) == 2:
        print(f"ratio this/{args.compare}: {rows[1][1]['articles_per_s'] / rows[0][1]['articles_per_s']:.2f}")


if __name__ == "__main__":
    main()
