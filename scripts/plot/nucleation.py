#!/usr/bin/python3
"""Plots a metasc-nucleation result: the superconducting fraction f_SC(t)
(mean over lattices) with the first-nucleation times marked, and the final
Q of the cells of (up to four) 2-D lattices as images, those still
superconducting at t_end first (|Q| > Q_B being superconducting). A 1-D lattice is drawn as rows, a 3-D one as its first slice.
With field.saddle = true, a last panel shows the critical droplet (saddle_Q:
a profile in 1-D, an image in 2-D, the slice through its deepest cell in 3-D).

usage: scripts/plot/nucleation.py RESULTS.h5 [OUTPUT.png]
The figure defaults to the results file with _nucleation.png instead of .h5.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

results, output = results_and_output(__doc__, "_nucleation.png")
with results:
    group = results["nucleation"]
    time = group["time_ps"][()]
    fraction = group["f_SC"][()]
    first = group["first_time_ps"][()]
    Q_final = group["Q_final"][()]
    attrs = dict(group.attrs)
    droplet = group["saddle_Q"][()] if "saddle_Q" in group else None
    Q_barrier = results["landscape"].attrs["Q_barrier"]
    Q_metastable = results["landscape"].attrs["Q_metastable"]

if Q_final.ndim == 2:
    images = [Q_final]  # 1-D lattices: one row each
else:
    # Lattices still superconducting at t_end first, so a metastable lattice is shown beside converted ones.
    superconducting = (np.abs(Q_final) > Q_barrier).reshape(len(Q_final), -1).mean(axis=1)
    shown_lattices = sorted(np.argsort(-superconducting, kind="stable")[:4])
    images = [Q_final[k] if Q_final[k].ndim == 2 else Q_final[k][0] for k in shown_lattices]
panels = 1 + len(images) + (droplet is not None)
figure, axes = plt.subplots(1, panels, figsize=(4.2 * panels, 3.8))
axes[0].plot(time, fraction, color="C0")
for t in attrs["risk_start_ps"] + first[np.isfinite(first)]:
    axes[0].axvline(t, color="C3", lw=0.5, alpha=0.4)
axes[0].set_xlabel("t [ps]")
axes[0].set_ylabel("$f_{SC}$ (|Q| > $Q_B$)")
axes[0].set_ylim(0, 1.02)
rate = attrs["rate_per_cell_per_ps"]
axes[0].set_title(f"j = {rate:.3g} /ps per cell" if np.isfinite(rate) else "no rate (nothing at risk)", fontsize=9)
lattice_axes = axes[1 : 1 + len(images)]
for k, (axis, image) in enumerate(zip(lattice_axes, images)):
    shown = axis.imshow(image, cmap="RdBu_r", vmin=-Q_metastable * 1.3, vmax=Q_metastable * 1.3, interpolation="nearest")
    axis.contour(np.abs(image), levels=[Q_barrier], colors="k", linewidths=0.4)
    axis.set_title("Q at $t_{end}$" + ("" if Q_final.ndim == 2 else f", lattice {shown_lattices[k]}"), fontsize=9)
    axis.set_xticks([])
    axis.set_yticks([])
figure.colorbar(shown, ax=list(lattice_axes), shrink=0.8, label="Q [$\\ell_0$]")
if droplet is not None:
    axis = axes[-1]
    title = (f"critical droplet: $\\Delta E_c$ = {attrs['saddle_energy_meV']:.4g} meV\n"
             f"(uniform $M N_s \\Delta V$ = {attrs['uniform_barrier_meV']:.4g} meV)")
    if droplet.ndim == 1:
        axis.plot(droplet, ".-", color="C2")
        axis.axhline(Q_barrier, color="k", lw=0.5, ls="--")
        axis.set_xlabel("cell")
        axis.set_ylabel("Q [$\\ell_0$]")
    else:
        deepest = np.unravel_index(np.argmin(np.abs(droplet)), droplet.shape)
        image = droplet if droplet.ndim == 2 else droplet[deepest[0]]
        axis.imshow(image, cmap="RdBu_r", vmin=-Q_metastable * 1.3, vmax=Q_metastable * 1.3, interpolation="nearest")
        axis.contour(np.abs(image), levels=[Q_barrier], colors="k", linewidths=0.4)
        axis.set_xticks([])
        axis.set_yticks([])
    axis.set_title(title, fontsize=9)
figure.suptitle(f"{int(attrs['cells_per_lattice'])} cells per lattice, $\\kappa$ = {attrs['stiffness_meV']:g} meV", fontsize=10)
figure.savefig(output, dpi=110)
print(output)
