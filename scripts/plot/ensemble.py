#!/usr/bin/python3
"""Plots a metasc-ensemble result: trapping probability vs pulse amplitude per
pulse shape (with 95% Wilson intervals), the lifetime of the superconducting
state (Kaplan-Meier survival with its band on a log time axis, incidence of
each cause), and the ensemble mean of Q(t) with sampled trajectories.

usage: scripts/plot/ensemble.py RESULTS.h5 [OUTPUT_PREFIX]
Writes OUTPUT_PREFIX_trapping.png, OUTPUT_PREFIX_survival.png and
OUTPUT_PREFIX_trajectories.png (prefix: the results file without .h5).
"""

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from command_line import results_and_output  # noqa: E402


def as_array(value):
    return np.atleast_1d(np.asarray(value, dtype=float))


def plot_trapping(results, prefix):
    stats = results["stats"].attrs
    labels = results["pulses"].attrs["labels"].split("\n")
    amplitude = results["pulses/amplitude"][()]
    p = as_array(stats["trapping_probability"])
    low, high = as_array(stats["trapping_ci_low"]), as_array(stats["trapping_ci_high"])
    shapes = [label.split(" A=")[0] for label in labels]
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for shape in dict.fromkeys(shapes):
        pick = np.array([s == shape for s in shapes])
        order = np.argsort(amplitude[pick])
        x, y = amplitude[pick][order], p[pick][order]
        ax.errorbar(x, y, yerr=[y - low[pick][order], high[pick][order] - y], marker="o", capsize=3, label=shape)
    ax.set_xlabel("pulse amplitude A [oscillator lengths]")
    ax.set_ylabel("trapping probability")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(title="pulse shape")
    ax.set_title("P_trap with 95% Wilson intervals", fontsize=10)
    fig.tight_layout()
    fig.savefig(f"{prefix}_trapping.png", dpi=120)
    return f"{prefix}_trapping.png"


def plot_survival(results, prefix):
    """Lifetime of the superconducting state: Kaplan-Meier survival with its 95%
    Greenwood band on a log time axis, and the Aalen-Johansen incidence of each
    cause (phonon escape, kinetic collapse)."""
    labels = results["pulses"].attrs["labels"].split("\n")
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    lifetime = results.get("stats/lifetime")
    names = sorted(lifetime, key=lambda n: int(n.split("_")[1])) if lifetime is not None else []
    for index, name in enumerate(names):
        curve = lifetime[name]
        label = labels[int(name.split("_")[1])]
        color = f"C{index % 10}"
        t = curve["time_ps"][()]
        if t.size == 0:
            continue
        # The log axis starts at the first lifetime; before it everything survives.
        first = max(t[0], 1e-3)
        t = np.maximum(t, first)
        left.step(np.concatenate([[first], t]), np.concatenate([[1.0], curve["survival"][()]]), where="post",
                  color=color, label=label)
        left.fill_between(t, curve["survival_ci_low"][()], curve["survival_ci_high"][()], step="post", color=color,
                          alpha=0.2, lw=0)
        right.step(t, curve["incidence_escape"][()], where="post", color=color, label=f"{label}: escape")
        right.step(t, curve["incidence_collapse"][()], where="post", color=color, ls="--",
                   label=f"{label}: collapse (2Δ ≤ Ω_max)")
    for ax in (left, right):
        ax.set_xscale("log")
        ax.set_xlabel("lifetime after the trapping check [ps]")
    left.set_ylabel("superconducting, of the trapped (Kaplan-Meier)")
    left.set_title("survival with 95% Greenwood band", fontsize=10)
    right.set_ylabel("cumulative incidence (Aalen-Johansen)")
    right.set_title("by cause: escape solid, collapse dashed", fontsize=10)
    if names:
        left.legend(fontsize=7)
        right.legend(fontsize=6, ncol=1)
    fig.tight_layout()
    fig.savefig(f"{prefix}_survival.png", dpi=120)
    return f"{prefix}_survival.png"


def plot_trajectories(results, prefix):
    ensemble = results["ensemble"]
    t = ensemble["time_ps"][()]
    labels = results["pulses"].attrs["labels"].split("\n")
    q_mean = ensemble["Q_mean"][()]
    samples = ensemble["samples/Q"][()]
    landscape = results["landscape"].attrs
    pulse = int(np.argmax(as_array(results["stats"].attrs["trapping_probability"])))
    fig, ax = plt.subplots(figsize=(7, 4.2))
    for trajectory in samples[pulse]:
        ax.plot(t, trajectory, lw=0.6, alpha=0.6)
    ax.plot(t, q_mean[pulse], "k", lw=2, label="ensemble mean")
    for q, name in ((landscape["Q_barrier"], "Q_B"), (landscape["Q_metastable"], "Q_MS")):
        ax.axhline(q, ls="--", color="grey", lw=0.8)
        ax.axhline(-q, ls="--", color="grey", lw=0.8)
        ax.text(t[-1], q, f" {name}", va="center", fontsize=8)
    ax.set_xlabel("time [ps]")
    ax.set_ylabel("Q [oscillator lengths]")
    ax.set_title(f"sampled trajectories, pulse '{labels[pulse]}'", fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(f"{prefix}_trajectories.png", dpi=120)
    return f"{prefix}_trajectories.png"


def main():
    results, prefix = results_and_output(__doc__)
    with results:
        written = [plot_trapping(results, prefix), plot_survival(results, prefix), plot_trajectories(results, prefix)]
    print("plots: " + " ".join(written))


if __name__ == "__main__":
    main()
