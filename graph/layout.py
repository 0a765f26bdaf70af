"""Where the nodes of the HTML view go.

Small graphs are laid out in the browser by vis-network's physics (starting from
the Python layout); above :data:`LAYOUT_THRESHOLD` entities (or
:data:`EDGE_LAYOUT_THRESHOLD` relations) the layout is computed here in Python
and browser physics is switched off entirely.

The Python layout is a numpy-only Fruchterman-Reingold per connected component
(grid-approximated repulsion), with the components shelf-packed, biggest first.
It uses a fixed seed and rounds to integer pixels, so the same graph always gets
the same coordinates.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = [
    "LAYOUT_THRESHOLD",
    "EDGE_LAYOUT_THRESHOLD",
    "LAYOUT_SCALE",
    "LAYOUT_SEED",
    "use_precomputed_layout",
    "layout_positions",
    "stabilization_iterations",
    "physics_options",
]

#: Above this many nodes (or EDGE_LAYOUT_THRESHOLD edges) the layout is computed in
#: Python and browser physics is switched off entirely.
LAYOUT_THRESHOLD = 300
EDGE_LAYOUT_THRESHOLD = 1500
#: Pixels per unit of the Python layout (unit = ideal edge length of the FR model).
LAYOUT_SCALE = 60.0
LAYOUT_SEED = 20240229


def use_precomputed_layout(n_nodes: int, n_edges: int) -> bool:
    """True if the graph is too big for browser physics (the Python layout is final)."""
    return n_nodes > LAYOUT_THRESHOLD or n_edges > EDGE_LAYOUT_THRESHOLD


# --------------------------------------------------------------------------------------
# Layout (numpy only)
# --------------------------------------------------------------------------------------

_OFFSETS = [(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)]


def _fr_layout(
    n: int, ei: np.ndarray, ej: np.ndarray, rng: np.random.Generator, iterations: int
) -> np.ndarray:
    """Fruchterman-Reingold (ideal distance 1) for one connected component.

    Repulsion is exact between nodes in the same or adjacent grid cells and
    approximated cell-to-cell (cell centroids) further away, so one iteration
    costs about O(n * per_cell + cells^2) instead of O(n^2).
    """
    if n == 1:
        return np.zeros((1, 2))
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, size=(n, 2))
    t0 = side / 8.0 + 0.5
    per_cell = 10.0
    idx_all = np.arange(n)
    for it in range(iterations):
        temp = t0 * (1.0 - it / iterations) + 0.02
        disp = np.zeros((n, 2))
        # grid sized from the robust extent of the current layout
        q = np.quantile(pos, [0.05, 0.95], axis=0)
        area = max(float(np.prod(q[1] - q[0])) / 0.81, 1e-6)
        h = max(math.sqrt(area * per_cell / n), 0.5)
        cxy = np.floor(pos / h).astype(np.int64)
        cxy -= cxy.min(axis=0)
        width = int(cxy[:, 1].max()) + 3
        key = (cxy[:, 0] + 1) * width + (cxy[:, 1] + 1)
        ukeys, cell, counts = np.unique(key, return_inverse=True, return_counts=True)
        cells = len(ukeys)
        order = np.argsort(cell, kind="stable")
        starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
        pis, pjs = [], []
        for dx, dy in _OFFSETS:
            nk = key + dx * width + dy
            loc = np.minimum(np.searchsorted(ukeys, nk), cells - 1)
            ok = ukeys[loc] == nk
            ii, nc = idx_all[ok], loc[ok]
            c = counts[nc]
            tot = int(c.sum())
            if not tot:
                continue
            cs = np.cumsum(c)
            pis.append(np.repeat(ii, c))
            pjs.append(order[np.repeat(starts[nc] - (cs - c), c) + np.arange(tot)])
        pi, pj = np.concatenate(pis), np.concatenate(pjs)
        keep = pi != pj
        pi, pj = pi[keep], pj[keep]
        d = pos[pi] - pos[pj]
        f = 1.0 / np.maximum(d[:, 0] ** 2 + d[:, 1] ** 2, 1e-4)
        disp[:, 0] += np.bincount(pi, weights=d[:, 0] * f, minlength=n)
        disp[:, 1] += np.bincount(pi, weights=d[:, 1] * f, minlength=n)
        if cells > 1:
            mass = counts.astype(float)
            cx = np.bincount(cell, weights=pos[:, 0], minlength=cells) / mass
            cy = np.bincount(cell, weights=pos[:, 1], minlength=cells) / mass
            gx, gy = ukeys // width, ukeys % width
            ddx = cx[:, None] - cx[None, :]
            ddy = cy[:, None] - cy[None, :]
            far = (np.abs(gx[:, None] - gx[None, :]) > 1) | (np.abs(gy[:, None] - gy[None, :]) > 1)
            w = far * (mass[None, :] / np.maximum(ddx * ddx + ddy * ddy, 1e-4))
            disp[:, 0] += (ddx * w).sum(axis=1)[cell]
            disp[:, 1] += (ddy * w).sum(axis=1)[cell]
        if len(ei):
            d = pos[ei] - pos[ej]
            dist = np.sqrt(d[:, 0] ** 2 + d[:, 1] ** 2)
            ax, ay = d[:, 0] * dist, d[:, 1] * dist
            disp[:, 0] += np.bincount(ej, weights=ax, minlength=n) - np.bincount(
                ei, weights=ax, minlength=n
            )
            disp[:, 1] += np.bincount(ej, weights=ay, minlength=n) - np.bincount(
                ei, weights=ay, minlength=n
            )
        length = np.maximum(np.sqrt(disp[:, 0] ** 2 + disp[:, 1] ** 2), 1e-9)
        pos += disp * (np.minimum(length, temp) / length)[:, None]
    return pos - pos.mean(axis=0)


def _iterations_for(n: int) -> int:
    if n <= 300:
        return 150
    if n <= 1500:
        return 80
    return 50


def layout_positions(
    nodes: list[str],
    edges: Iterable[tuple[str, str]],
    *,
    scale: float = LAYOUT_SCALE,
    seed: int = LAYOUT_SEED,
) -> dict[str, tuple[int, int]]:
    """Deterministic 2-D layout: FR per connected component, components shelf-packed.

    ``nodes`` must be in a deterministic order (we sort). Returns integer pixel
    coordinates.
    """
    index = {n: i for i, n in enumerate(nodes)}
    n = len(nodes)
    if n == 0:
        return {}
    pairs = set()
    for u, v in edges:
        a, b = index[u], index[v]
        if a != b:
            pairs.add((a, b) if a < b else (b, a))
    pair_arr = np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)
    # connected components (union-find)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pair_arr.tolist():
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comp_of = np.array([find(i) for i in range(n)], dtype=np.int64)
    comps: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(comp_of.tolist()):
        comps[c].append(i)
    comp_list = sorted(comps.values(), key=lambda m: (-len(m), m[0]))
    rng = np.random.default_rng(seed)
    pos = np.zeros((n, 2))
    edge_comp = comp_of[pair_arr[:, 0]] if len(pair_arr) else np.zeros(0, dtype=np.int64)
    placed = []  # (members, local positions, radius)
    for members in comp_list:
        m = len(members)
        if m == 1:
            local = np.zeros((1, 2))
        else:
            local_index = np.full(n, -1, dtype=np.int64)
            local_index[members] = np.arange(m)
            sel = pair_arr[edge_comp == comp_of[members[0]]]
            local = _fr_layout(
                m, local_index[sel[:, 0]], local_index[sel[:, 1]], rng, _iterations_for(m)
            )
        radius = float(np.sqrt((local**2).sum(axis=1)).max()) + 0.8
        placed.append((members, local, radius))
    # shelf packing of the components, biggest first, rows of roughly square extent
    total = sum((2 * r) ** 2 for _, _, r in placed)
    row_width = max(math.sqrt(total) * 1.15, 2 * placed[0][2])
    x = y = row_h = 0.0
    for members, local, r in placed:
        if x > 0 and x + 2 * r > row_width:
            x, y, row_h = 0.0, y + row_h, 0.0
        pos[members] = local + np.array([x + r, y + r])
        x += 2 * r
        row_h = max(row_h, 2 * r)
    pos -= (pos.min(axis=0) + pos.max(axis=0)) / 2
    pos *= scale
    return {nodes[i]: (int(round(pos[i, 0])), int(round(pos[i, 1]))) for i in range(n)}


# --------------------------------------------------------------------------------------
# Browser physics (small graphs)
# --------------------------------------------------------------------------------------


def stabilization_iterations(n_nodes: int) -> int:
    return int(max(150, min(400, 400 - (n_nodes - 100) * 1.25)))


def physics_options(*, precomputed: bool, n_nodes: int) -> dict[str, Any]:
    """vis-network ``physics`` options: off for a precomputed layout, else barnesHut."""
    if precomputed:
        return {"enabled": False}
    return {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -4000,
            "centralGravity": 0.2,
            "springLength": 110,
            "springConstant": 0.04,
            "damping": 0.35,
            "avoidOverlap": 0.15,
        },
        "minVelocity": 0.75,
        "maxVelocity": 50,
        "stabilization": {
            "enabled": True,
            # the nodes start from the Python layout, so fewer iterations do for
            # bigger graphs (bounded browser time): 400 up to 100 nodes, 150 at 300
            "iterations": stabilization_iterations(n_nodes),
            "updateInterval": 50,
            "fit": True,
        },
    }
