#!/usr/bin/python3
"""Plots a metasc-escape result. With a damping scan (escape.damping_scan_per_ps):
the turnover curve, the escape rate against gamma by every method on one figure
- rate theory (transition state, Kramers-Grote-Hynes, energy diffusion,
Mel'nikov-Meshkov), the energy-diffusion MFPT on the orbit graph, the exact MFPT,
and the sampled rates (brute-force ensemble, forward flux) with their 95%
intervals. Without one: every method at the run's damping, side by side, the
sampled rates with their 95% intervals and the exact MFPT with its grid error.

usage: scripts/plot/escape.py RESULTS.h5 [OUTPUT.png]
The figure defaults to the results file with _turnover.png instead of .h5.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

THEORY = [
    ("rate_transition_state_per_ps", "transition state", dict(color="0.6", ls=":")),
    ("rate_kramers_per_ps", "Kramers-Grote-Hynes", dict(color="C0", ls="--")),
    ("rate_energy_diffusion_per_ps", "energy diffusion $k_{ED}$", dict(color="C1", ls="--")),
    ("rate_turnover_per_ps", "Mel'nikov-Meshkov", dict(color="C2", ls="-")),
    ("rate_energy_diffusion_mfpt_per_ps", "energy-diffusion MFPT (orbit graph)", dict(color="C1", ls="-.")),
]
SAMPLED = [
    ("rate_sampled", "ensemble (brute force)", dict(color="C3", marker="s")),
    ("rate_ffs", "forward flux sampling", dict(color="C4", marker="^")),
]


def plot_methods(results, output):
    """Every method at the one damping of the run, as rates on a log axis."""
    attrs = results["escape"].attrs
    rows = [(label, attrs[name], None) for name, label, _ in THEORY]
    mfpt = attrs.get("rate_mfpt_per_ps", np.nan)
    if np.isfinite(mfpt):
        error = attrs["mfpt_grid_error"] * mfpt
        rows.append(("exact MFPT (grid error)", mfpt, (mfpt - error, mfpt + error)))
    for prefix, label, _ in SAMPLED:
        rate = attrs.get(f"{prefix}_per_ps", np.nan)
        if np.isfinite(rate):
            rows.append((label + " (95%)", rate, (attrs[f"{prefix}_ci_low_per_ps"], attrs[f"{prefix}_ci_high_per_ps"])))
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(rows) + 1.5))
    for y, (label, rate, interval) in enumerate(rows):
        if interval is None:
            ax.plot([rate], [y], "o", color="0.4")
        else:
            ax.errorbar([rate], [y], xerr=[[rate - interval[0]], [interval[1] - rate]], fmt="s", color="C3", capsize=4)
    ax.set_yticks(range(len(rows)), [label for label, _, _ in rows], fontsize=8)
    ax.invert_yaxis()
    ax.set_xscale("log")
    ax.set_xlabel("escape rate [1/ps]")
    ax.set_title(f"{attrs['landscape']} landscape, $\\beta\\Delta E_b$ = {attrs['barrier_over_kT']:.3g}, "
                 f"$\\gamma/\\omega_b$ = {attrs['damping_per_ps'] / attrs['omega_barrier_per_ps']:.3g}, "
                 f"$\\delta$ = {attrs['energy_loss']:.3g}", fontsize=10)
    ax.grid(True, which="both", axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(output, dpi=120)
    return output


def plot_turnover(results, output):
    escape = results["escape"]
    if "scan" not in escape:
        return plot_methods(results, output)
    scan = escape["scan"]
    attrs = escape.attrs
    gamma = scan["damping_per_ps"][()]
    x = gamma / attrs["omega_barrier_per_ps"]
    fig, ax = plt.subplots(figsize=(9.5, 5))
    for name, label, style in THEORY:
        ax.plot(x, scan[name][()], label=label, **style)
    mfpt = scan["rate_mfpt_per_ps"][()]
    if np.isfinite(mfpt).any():
        ax.plot(x, mfpt, "o", color="k", mfc="none", ms=7, label="exact MFPT (PETSc)")
    for prefix, label, style in SAMPLED:
        rate = scan[f"{prefix}_per_ps"][()]
        if not np.isfinite(rate).any():
            continue
        low, high = scan[f"{prefix}_ci_low_per_ps"][()], scan[f"{prefix}_ci_high_per_ps"][()]
        ax.errorbar(x, rate, yerr=[rate - low, high - rate], ls="none", capsize=3, label=label + " (95%)", **style)
    # Energy diffusion grows without bound with γ: frame the turnover, not the asymptotes.
    framed = np.concatenate([scan["rate_turnover_per_ps"][()], scan["rate_transition_state_per_ps"][()], mfpt,
                             *(scan[f"{prefix}_ci_low_per_ps"][()] for prefix, _, _ in SAMPLED)])
    framed = framed[np.isfinite(framed) & (framed > 0)]
    ax.set_ylim(0.3 * framed.min(), 3.0 * framed.max())
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel(r"damping $\gamma/\omega_b$")
    ax.set_ylabel("escape rate [1/ps]")
    ax.set_title(f"{attrs['landscape']} landscape, $\\beta\\Delta E_b$ = {attrs['barrier_over_kT']:.3g}, "
                 f"N_s = {attrs['domain_sites']}, T = {attrs['temperature_K']:g} K", fontsize=10)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.02, 1.0))
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(output, dpi=120)
    return output


def main():
    results, output = results_and_output(__doc__, "_turnover.png")
    with results:
        print("plot: " + plot_turnover(results, output))


if __name__ == "__main__":
    main()
