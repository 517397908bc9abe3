#!/usr/bin/python3
"""Plots a metasc-nucleation result: the superconducting fraction f_SC(t) of
every lattice and their mean, with the first-nucleation times marked, and an
image of the final Q of lattice 0 (a line for d = 1, the middle z slice for d = 3).

usage: scripts/plot/nucleation.py RESULTS.h5 [OUTPUT_PREFIX]
Writes OUTPUT_PREFIX_f_SC.png and OUTPUT_PREFIX_Q_final.png (default prefix:
the results file without .h5).
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

results, prefix = results_and_output(__doc__)
with results:
    n = results["nucleation"]
    time_ps, f_SC, first_ps, Q_final = n["time_ps"][()], n["f_SC"][()], n["first_time_ps"][()], n["Q_final"][()]
    attributes = dict(n.attrs)

figure, axes = plt.subplots(figsize=(6, 4))
for lattice, series in enumerate(f_SC):
    axes.plot(time_ps, series, color="0.7", lw=0.8, label="lattices" if lattice == 0 else None)
axes.plot(time_ps, f_SC.mean(axis=0), color="C0", lw=2, label="mean")
finite = first_ps[np.isfinite(first_ps)]
axes.plot(finite, np.ones_like(finite), "v", color="C3", label="first nucleation")
rate = attributes["rate_per_cell_per_ps"]
axes.set(xlabel="t [ps]", ylabel=r"$f_{SC}$ (cells with $|Q| > Q_B$)",
         title=f"rate per cell j = {rate:.3g} /ps [{attributes['rate_per_cell_per_ps_ci_low']:.2g}, "
               f"{attributes['rate_per_cell_per_ps_ci_high']:.2g}]")
axes.legend()
figure.tight_layout()
figure.savefig(f"{prefix}_f_SC.png", dpi=120)

figure, axes = plt.subplots(figsize=(5, 4))
field = Q_final[0]
if field.ndim == 1:
    axes.plot(field)
    axes.axhline(attributes["Q_barrier"], color="0.5", ls=":")
    axes.set(xlabel="cell", ylabel="Q")
else:
    if field.ndim == 3:
        field = field[field.shape[0] // 2]
    image = axes.imshow(field, cmap="RdBu_r", vmin=-attributes["Q_metastable"] * 1.5, vmax=attributes["Q_metastable"] * 1.5)
    figure.colorbar(image, label="Q [oscillator lengths]")
    axes.set(title="final Q of lattice 0", xlabel="cell (fast axis)", ylabel="cell")
figure.tight_layout()
figure.savefig(f"{prefix}_Q_final.png", dpi=120)
print(f"{prefix}_f_SC.png {prefix}_Q_final.png")
