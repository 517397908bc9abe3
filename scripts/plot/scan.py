#!/usr/bin/python3
"""Plots a metasc-ensemble [scan]: P_trap (and the median lifetime, once the
file has finite ones) per pulse shape, as a heat map over two dimensions or as
curves with their 95% Wilson intervals over one. The dimensions are the scan
axes, plus the pump amplitude when the pulse list holds several; with more
than two, the last two are drawn and the others held at their first value.

usage: scripts/plot/scan.py RESULTS.h5 [OUTPUT_PREFIX]
Writes OUTPUT_PREFIX_scan.png; the prefix defaults to the results file without .h5.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

AMPLITUDE = "pulse.amplitude"


def dimensions(scan):
    names = [name for name in scan.attrs["axes"].split("\n") if name]
    if np.unique(scan[AMPLITUDE][()]).size > 1:
        names.append(AMPLITUDE)
    return names


def label(scan, name):
    units = scan[name].attrs["units"]
    return f"{name} [{units}]" if units and units != "1" else name


def held_fixed(scan, names, rows):
    """Rows with every dimension but the last two at its first value."""
    keep = np.ones_like(rows, dtype=bool)
    for name in names[:-2]:
        keep &= scan[name][()][rows] == np.unique(scan[name][()][rows])[0]
    return rows[keep]


def draw(ax, scan, names, rows, quantity, title):
    values = scan[quantity][()]
    if len(names) == 1:
        x = scan[names[0]][()][rows]
        order = np.argsort(x, kind="stable")
        if quantity == "trapping_probability":
            low, high = scan["trapping_ci_low"][()][rows], scan["trapping_ci_high"][()][rows]
            ax.fill_between(x[order], low[order], high[order], alpha=0.3)
        ax.plot(x[order], values[rows][order], "o-")
        ax.set_xlabel(label(scan, names[0]))
        ax.set_ylabel(quantity)
    else:
        x_name, y_name = names[-2], names[-1]
        xs, ys = np.unique(scan[x_name][()][rows]), np.unique(scan[y_name][()][rows])
        grid = np.full((ys.size, xs.size), np.nan)
        for row in rows:
            grid[np.searchsorted(ys, scan[y_name][row]), np.searchsorted(xs, scan[x_name][row])] = values[row]
        image = ax.pcolormesh(xs, ys, grid, shading="nearest", cmap="viridis",
                              vmin=0 if quantity == "trapping_probability" else None,
                              vmax=1 if quantity == "trapping_probability" else None)
        plt.colorbar(image, ax=ax, label=quantity)
        ax.set_xlabel(label(scan, x_name))
        ax.set_ylabel(label(scan, y_name))
    ax.set_title(title, fontsize=10)


def main():
    results, prefix = results_and_output(__doc__)
    with results:
        scan = results["scan"]
        names = dimensions(scan)
        shapes = [text.split(" A=")[0] for text in results["pulses"].attrs["labels"].split("\n")]
        pulse = scan["pulse_index"][()]
        kinds = sorted(set(shapes), key=shapes.index)
        quantities = ["trapping_probability"]
        if np.any(np.isfinite(scan["lifetime_median_ps"][()])):
            quantities.append("lifetime_median_ps")
        fig, axes = plt.subplots(len(quantities), len(kinds), figsize=(5.2 * len(kinds), 4 * len(quantities)),
                                 squeeze=False)
        for column, kind in enumerate(kinds):
            rows = np.flatnonzero([shapes[p] == kind for p in pulse])
            rows = held_fixed(scan, names, rows)
            for line, quantity in enumerate(quantities):
                draw(axes[line][column], scan, names, rows, quantity, f"{kind}: {quantity}")
        fig.tight_layout()
        fig.savefig(f"{prefix}_scan.png", dpi=110)
        print(f"{prefix}_scan.png")


if __name__ == "__main__":
    main()
