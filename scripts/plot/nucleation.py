#!/usr/bin/python3
"""Plots a metasc-nucleation result: the superconducting fraction f_SC(t)
(mean over lattices) with the first-nucleation times marked, and the final
Q of the cells of (up to four) 2-D lattices as images, those still
superconducting at t_end first (|Q| > Q_B being superconducting). A 1-D lattice is drawn as rows, a 3-D one as its first slice.
With field.saddle = true, a last panel shows the critical droplet (saddle_Q:
a profile in 1-D, an image in 2-D, the slice through its deepest cell in 3-D).
With field.start = seeded, a panel shows every lattice's front radius against
t, the fit window and the front speed. With field.snapshots, a second row shows
lattice 0's Q over time as images (up to six: around its conversion, where
its superconducting fraction falls through 1/2, else evenly spaced), and its
superconducting fraction at every snapshot joins f_SC(t).

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
    snapshots = group["snapshots"][()] if "snapshots" in group else None
    snapshot_time = group["snapshot_time_ps"][()] if "snapshots" in group else None
    front_radius = group["front_radius_cells"][()] if "front_radius_cells" in group else None
    Q_barrier = results["landscape"].attrs["Q_barrier"]
    Q_metastable = results["landscape"].attrs["Q_metastable"]

if Q_final.ndim == 2:
    images = [Q_final]  # 1-D lattices: one row each
else:
    # Lattices still superconducting at t_end first, so a metastable lattice is shown beside converted ones.
    superconducting = (np.abs(Q_final) > Q_barrier).reshape(len(Q_final), -1).mean(axis=1)
    shown_lattices = sorted(np.argsort(-superconducting, kind="stable")[:4])
    images = [Q_final[k] if Q_final[k].ndim == 2 else Q_final[k][0] for k in shown_lattices]
def draw_lattice(axis, image):
    """One lattice's Q as an image (a 1-D lattice as rows, a 3-D one as its first slice), |Q| = Q_B contoured."""
    image = np.atleast_2d(image if image.ndim <= 2 else image[0])
    shown = axis.imshow(image, cmap="RdBu_r", vmin=-Q_metastable * 1.3, vmax=Q_metastable * 1.3,
                        interpolation="nearest", aspect="auto" if image.shape[0] == 1 else "equal")
    if min(image.shape) > 1:
        axis.contour(np.abs(image), levels=[Q_barrier], colors="k", linewidths=0.4)
    axis.set_xticks([])
    axis.set_yticks([])
    return shown


if snapshots is not None:
    shown_snapshots = len(snapshots)
    superconducting_0 = (np.abs(snapshots) > Q_barrier).reshape(shown_snapshots, -1).mean(axis=1)
    falling = np.nonzero((superconducting_0[:-1] > 0.5) & (superconducting_0[1:] <= 0.5))[0]
    if len(falling):
        k = falling[-1]
        chosen = sorted({0, max(k - 1, 0), k, k + 1, min(k + 2, shown_snapshots - 1), shown_snapshots - 1})
    else:
        chosen = sorted(set(np.linspace(0, shown_snapshots - 1, min(6, shown_snapshots)).round().astype(int)))
panels = 1 + len(images) + (droplet is not None) + (front_radius is not None)
figure = plt.figure(figsize=(4.2 * max(panels, 4), 3.8 * (1 + (snapshots is not None))))
rows = figure.add_gridspec(1 + (snapshots is not None), 1)
axes = [figure.add_subplot(cell) for cell in rows[0].subgridspec(1, panels)]
axes[0].plot(time, fraction, color="C0", label="mean over lattices")
if snapshots is not None:
    axes[0].plot(snapshot_time, superconducting_0, ".", color="C2", ms=4, label="lattice 0 (snapshots)")
    axes[0].legend(fontsize=8)
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
if front_radius is not None:
    axis = axes[1 + len(images)]
    for radius in front_radius:
        axis.plot(time, radius, color="C0", lw=0.6, alpha=0.6)
    start, end = attrs["front_fit_start_ps"], attrs["front_fit_end_ps"]
    axis.axvspan(start, end, color="C1", alpha=0.15, lw=0, label="fit window")
    axis.axhline(attrs["front_fit_end_radius_cells"], color="k", lw=0.5, ls="--")
    axis.set_xlabel("t [ps]")
    axis.set_ylabel("front radius [cells]")
    speed = attrs["front_speed_cells_per_ps"]
    axis.set_title(f"v = {speed:.3g} cells/ps (95%: {attrs['front_speed_cells_per_ps_ci_low']:.3g} .. "
                   f"{attrs['front_speed_cells_per_ps_ci_high']:.3g})", fontsize=9)
    axis.legend(fontsize=8)
if snapshots is not None:
    snapshot_axes = [figure.add_subplot(cell) for cell in rows[1].subgridspec(1, len(chosen))]
    for axis, k in zip(snapshot_axes, chosen):
        shown = draw_lattice(axis, snapshots[k])
        axis.set_title(f"lattice 0, t = {snapshot_time[k]:.3g} ps ($f_{{SC}}$ = {superconducting_0[k]:.2f})", fontsize=9)
    figure.colorbar(shown, ax=snapshot_axes, shrink=0.8, label="Q [$\\ell_0$]")
if droplet is not None:
    axis = axes[len(axes) - 1]
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
