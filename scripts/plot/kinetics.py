#!/usr/bin/python3
"""Plots a metasc-kinetics result: the trapped-state trajectory Δ(t), n(t)
(Fig. 3 inset), τ_MS and 2Δ(0) against n(0) (Fig. 4), and τ_MS against
temperature with the Arrhenius slope of the sharp mode.

usage: scripts/plot/kinetics.py RESULTS.h5 [OUTPUT_PREFIX]
Writes OUTPUT_PREFIX_trajectory.png, OUTPUT_PREFIX_fig4.png and
OUTPUT_PREFIX_tau_vs_T.png; the prefix defaults to the results file without
its .h5 ending.
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402

K_B_MEV_PER_K = 0.08617333262


def plot_trajectory(kinetics, prefix):
    attrs = kinetics.attrs
    time_ns = kinetics["time_ps"][()] * 1e-3
    fig, left = plt.subplots(figsize=(6, 4.2))
    left.plot(time_ns, 2 * kinetics["Delta_meV"][()], color="tab:orange")
    left.axhline(attrs["Omega_max_meV"], color="k", lw=0.6, ls="--", label="Ω_max")
    if np.isfinite(attrs["tau_MS_ps"]):
        left.axvline(attrs["tau_MS_ps"] * 1e-3, color="tab:gray", lw=0.6, label="τ_MS")
    left.set_xlabel("time after relaxation [ns]")
    left.set_ylabel("2Δ [meV]", color="tab:orange")
    right = left.twinx()
    right.plot(time_ns, kinetics["n"][()], color="tab:blue")
    right.set_ylabel("n [per site]", color="tab:blue")
    left.set_title(f"trapped state at {attrs['temperature_K']:g} K: τ_MS = {attrs['tau_MS_ps'] * 1e-3:.4g} ns",
                   fontsize=10)
    left.legend(fontsize=8, loc="lower left")
    fig.tight_layout()
    fig.savefig(f"{prefix}_trajectory.png", dpi=120)
    return f"{prefix}_trajectory.png"


def plot_fig4(kinetics, prefix):
    attrs = kinetics.attrs
    n0 = kinetics["sweep_n0"][()]
    tau_ns = kinetics["sweep_tau_MS_ps"][()] * 1e-3
    fig, left = plt.subplots(figsize=(6, 4.2))
    finite = np.isfinite(tau_ns) & (tau_ns > 0)
    left.plot(n0[finite], tau_ns[finite], color="navy")
    left.set_xscale("log")
    left.set_yscale("log")
    left.set_xlabel("n(0) [quasi-particles per site]")
    left.set_ylabel("τ_MS [ns]", color="navy")
    if np.isfinite(attrs["n_av"]):
        left.axvline(attrs["n_av"], color="tab:gray", lw=0.6, ls=":", label="n_av")
        left.legend(fontsize=8, loc="lower left")
    right = left.twinx()
    right.plot(n0, kinetics["sweep_two_Delta0_meV"][()], color="tab:orange")
    right.axhline(attrs["Omega_max_meV"], color="tab:orange", lw=0.6, ls="--")
    right.set_ylabel("2Δ(0) [meV]", color="tab:orange")
    left.set_title(f"Fig. 4 at {attrs['temperature_K']:g} K (Ω_max = {attrs['Omega_max_meV']:g} meV)", fontsize=10)
    fig.tight_layout()
    fig.savefig(f"{prefix}_fig4.png", dpi=120)
    return f"{prefix}_fig4.png"


def plot_tau_vs_T(kinetics, prefix):
    temperature = kinetics["sweep_temperature_K"][()]
    tau_ns = kinetics["sweep_tau_MS_vs_T_ps"][()] * 1e-3
    finite = np.isfinite(tau_ns) & (tau_ns > 0)
    fig, ax = plt.subplots(figsize=(6, 4.2))
    ax.semilogy(temperature[finite], tau_ns[finite], "o-", color="navy", ms=3)
    title = "τ_MS vs temperature"
    if finite.sum() >= 2:
        inverse_kT = 1.0 / (K_B_MEV_PER_K * temperature[finite])
        slope = np.polyfit(inverse_kT, np.log(tau_ns[finite]), 1)[0]
        title += f"  (Arrhenius slope d ln τ / d(1/k_BT) = {slope:.3g} meV)"
    ax.set_xlabel("T [K]")
    ax.set_ylabel("τ_MS [ns]")
    ax.set_title(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(f"{prefix}_tau_vs_T.png", dpi=120)
    return f"{prefix}_tau_vs_T.png"


def main():
    results, prefix = results_and_output(__doc__)
    with results:
        kinetics = results["kinetics"]
        for written in (plot_trajectory(kinetics, prefix), plot_fig4(kinetics, prefix), plot_tau_vs_T(kinetics, prefix)):
            print(written)


if __name__ == "__main__":
    main()
