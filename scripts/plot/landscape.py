#!/usr/bin/python3
"""Plots a metasc-landscape result: V(Q) at several temperatures (Fig. 2a) and,
when the file holds a [scan], the metastability diagram with T_B (Fig. 2b).

usage: scripts/plot/landscape.py RESULTS.h5 [OUTPUT_PREFIX]
Writes OUTPUT_PREFIX_landscape.png (and OUTPUT_PREFIX_diagram.png); the prefix
defaults to the results file without its .h5 ending.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

CLASS_NAMES = ["normal", "metastable I", "metastable II", "distorted"]
CLASS_COLOURS = ["#d9d9d9", "#fdae61", "#2b83ba", "#7b3294"]


def plot_landscape(results, prefix):
    landscape = results["landscape"]
    Q = landscape["Q"][()]
    curves = landscape["curves/V_meV"][()]
    temperatures = landscape["curves/temperature_K"][()]
    if len(temperatures) == 0:  # e.g. a metasc-ensemble file: only the run's own temperature
        curves = landscape["V_meV"][()][np.newaxis, :]
        temperatures = np.array([landscape.attrs["temperature_K"]])
    keep = Q >= 0
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for T, V in zip(temperatures, curves):
        ax.plot(Q[keep], V[keep] - V[keep][0], label=f"{T:g} K")
    attrs = landscape.attrs
    ax.set_xlabel("distortion Q [oscillator lengths]")
    ax.set_ylabel("V(Q) - V(0) [meV per site]")
    ax.set_title(f"adiabatic landscape ({attrs['class']} at {attrs['temperature_K']:g} K, "
                 f"T_B = {attrs['T_B_K']:.4g} K)", fontsize=10)
    q_ms = attrs["Q_metastable"]
    if np.isfinite(q_ms):
        ax.set_xlim(0, 1.8 * q_ms)
        window = (Q >= 0) & (Q <= 1.8 * q_ms)
        low, high = (curves[:, window] - curves[:, window][:, :1]).min(), (
            curves[:, window] - curves[:, window][:, :1]).max()
        ax.set_ylim(low - 0.1 * (high - low), high + 0.1 * (high - low))
    ax.axhline(0, color="k", lw=0.5)
    ax.legend(title="T", fontsize=8)
    fig.tight_layout()
    fig.savefig(f"{prefix}_landscape.png", dpi=120)
    return f"{prefix}_landscape.png"


def plot_diagram(results, prefix):
    scan = results["scan"]
    dos = scan["dos_per_meV"][()]
    splitting = scan["splitting_meV"][()]
    classes = scan["class"][()]
    blocking = scan["T_B_K"][()]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    cmap = matplotlib.colors.ListedColormap(CLASS_COLOURS)
    left.pcolormesh(dos, splitting, classes.T, cmap=cmap, vmin=-0.5, vmax=3.5, shading="nearest")
    left.set_yscale("log")
    left.set_xlabel("ν(0) [1/meV]")
    left.set_ylabel("ΔE [meV]")
    left.set_title(f"classification at {scan.attrs['temperature_K']:g} K", fontsize=10)
    handles = [matplotlib.patches.Patch(color=c, label=n) for c, n in zip(CLASS_COLOURS, CLASS_NAMES)]
    left.legend(handles=handles, fontsize=8, loc="upper right")
    mesh = right.pcolormesh(dos, splitting, np.ma.masked_invalid(blocking.T), shading="nearest", cmap="viridis")
    right.set_yscale("log")
    right.set_xlabel("ν(0) [1/meV]")
    right.set_title("T_B [K] (where the metastable minimum disappears)", fontsize=10)
    fig.colorbar(mesh, ax=right)
    fig.tight_layout()
    fig.savefig(f"{prefix}_diagram.png", dpi=120)
    return f"{prefix}_diagram.png"


def main():
    results, prefix = results_and_output(__doc__)
    with results:
        written = [plot_landscape(results, prefix)]
        if "scan" in results:
            written.append(plot_diagram(results, prefix))
    print("plots: " + " ".join(written))


if __name__ == "__main__":
    main()
