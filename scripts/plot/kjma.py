#!/usr/bin/python3
"""The Kolmogorov-Johnson-Mehl-Avrami check of PHYSICS.md §8: the volume
fraction f_SC(t) of a metasc-nucleation run against
    X(t) = exp(-C_d j v^d t^(d+1)),  C_1 = 1, C_2 = C_3 = pi/3,
with the rate per cell j of RATE.h5 (attribute rate_per_cell_per_ps, from
first-nucleation times) and the front speed v of FRONT.h5 (a field.start =
seeded run, attribute front_speed_cells_per_ps), each with its 95% interval.

The KJMA clock t starts at the lattice run's risk_start_ps (0 for a
metastable start; the end of the pulse + ensemble.settle_ps after a pump).
X is the untransformed fraction: f_SC rescaled between its metastable
plateau f_0 (its value at the first output time with t >= TRANSIENT_PS, when
the start has relaxed) and its converted level f_N (its last value),
X = (f_SC - f_N)/(f_0 - f_N); the cells' own thermal excursions across Q_B
are no transformation. KJMA holds for nucleation at a constant rate in an
infinite untransformed volume: a metastable start (field.start = metastable,
no pump, j constant after the start's relaxation) on a lattice much larger
than the KJMA length (v/j)^(1/(d+1)), so that many droplets share it (the
lattice of LATTICE.h5, which may be RATE.h5 itself). Printed: that length
against the lattice; the half-time t_1/2 measured and predicted (with the
interval j and v give it); the Avrami exponent, the slope of ln(-ln X)
against ln t over 0.05 < X < 0.95, against d + 1; the largest |X - X_KJMA|;
and the delay tau that KJMA with the measured j v^d needs at each X (constant
if the curve is KJMA's shape, shifted by a start that warms up and droplets
that take time to leave the critical size), and the onset t_on of nucleation
from RATE.h5's first-nucleation times alone (the maximum-likelihood onset of
a shifted exponential), with KJMA's curve and half-time from t_on: a
prediction with no parameter fitted to f_SC.

usage: scripts/plot/kjma.py RATE.h5 FRONT.h5 LATTICE.h5 [TRANSIENT_PS [OUTPUT.png]]
TRANSIENT_PS defaults to 1; the figure to LATTICE.h5 with _kjma.png instead of .h5.
"""
import sys

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

if len(sys.argv) not in (4, 5, 6):
    sys.exit(__doc__)
rate_path, front_path, lattice_path = sys.argv[1:4]
transient = float(sys.argv[4]) if len(sys.argv) > 4 else 1.0
output = sys.argv[5] if len(sys.argv) > 5 else lattice_path.removesuffix(".h5") + "_kjma.png"

with h5py.File(rate_path, "r") as f:
    attrs = f["nucleation"].attrs
    j = np.array([attrs["rate_per_cell_per_ps"], attrs["rate_per_cell_per_ps_ci_low"],
                  attrs["rate_per_cell_per_ps_ci_high"]])
    first = f["nucleation/first_time_ps"][()]
    rate_end = f["nucleation/time_ps"][-1] - attrs["risk_start_ps"]  # first times count from the risk start
with h5py.File(front_path, "r") as f:
    attrs = f["nucleation"].attrs
    v = np.array([attrs["front_speed_cells_per_ps"], attrs["front_speed_cells_per_ps_ci_low"],
                  attrs["front_speed_cells_per_ps_ci_high"]])
with h5py.File(lattice_path, "r") as f:
    group = f["nucleation"]
    risk_start = group.attrs["risk_start_ps"]
    time = group["time_ps"][()] - risk_start
    fraction = group["f_SC"][()]
    kept = time >= 0
    time, fraction = time[kept], fraction[kept]
    extents = group["Q_final"].shape[1:]
d = len(extents)
C = {1: 1.0, 2: np.pi / 3, 3: np.pi / 3}[d]

start = np.searchsorted(time, transient)
f_0, f_N = fraction[start], fraction[-1]
X = (fraction - f_N) / (f_0 - f_N)
# j v^d with its interval: the two measurements are independent, so the ends combine the ends.
jv = np.array([j[0] * v[0] ** d, j[1] * v[1] ** d, j[2] * v[2] ** d])
kjma = np.exp(-C * jv[0] * time ** (d + 1))
print(f"KJMA clock from t = {risk_start:g} ps of the run")
length = (v[0] / j[0]) ** (1.0 / (d + 1))
print(f"j = {j[0]:.3g} /ps per cell (95%: {j[1]:.3g} .. {j[2]:.3g}); v = {v[0]:.4g} cells/ps "
      f"(95%: {v[1]:.4g} .. {v[2]:.4g}); d = {d}, C_d = {C:.4g}")
print(f"KJMA length (v/j)^(1/(d+1)) = {length:.3g} cells against the lattice's {min(extents)} "
      f"({'many droplets share it' if min(extents) > 3 * length else 'TOO SMALL: KJMA needs many droplets per lattice'})")
print(f"f_0 = {f_0:.4g} at t = {time[start]:g} ps, f_N = {f_N:.3g}")

half = np.log(2.0) / C
predicted = (half / jv) ** (1.0 / (d + 1))  # mean, then the ends swap: a larger j v^d converts sooner
crossing = np.nonzero(X[start:] <= 0.5)[0]
if len(crossing) and crossing[0] > 0:
    k = start + crossing[0]
    measured = time[k - 1] + (0.5 - X[k - 1]) * (time[k] - time[k - 1]) / (X[k] - X[k - 1])
    print(f"t_1/2 measured {measured:.3g} ps, KJMA {predicted[0]:.3g} ps (95%: {predicted[2]:.3g} .. "
          f"{predicted[1]:.3g}): ratio {measured / predicted[0]:.3f}")
else:
    print("t_1/2: f_SC does not cross half its plateau within the run")
window = (X > 0.05) & (X < 0.95) & (time > 0)
window[:start] = False
if window.sum() >= 3:
    exponent = np.polyfit(np.log(time[window]), np.log(-np.log(X[window])), 1)[0]
    print(f"Avrami exponent {exponent:.3g} over {window.sum()} times with 0.05 < X < 0.95 (KJMA: d + 1 = {d + 1})")
print(f"largest |X - X_KJMA| after the transient: {np.max(np.abs(X[start:] - kjma[start:])):.3f}")
# When nucleation sets in, from RATE.h5 alone: first-nucleation times of a rate
# constant from t_on are a shifted exponential, whose maximum-likelihood onset
# with right-censoring is the earliest time less its bias 1/(n M j)
# (n lattices at risk, not-trapped ones left out).
trapped = first[~np.isnan(first)]
events = np.sort(trapped[np.isfinite(trapped)])
if len(events) >= 2:
    lattice_rate = len(events) / np.sum(np.minimum(trapped, rate_end) - events[0])
    onset = events[0] - 1.0 / (len(trapped) * lattice_rate)
    print(f"onset of nucleation t_on = {onset:.3g} ps (first of {len(trapped)} lattices at {events[0]:.3g} ps, "
          f"less 1/(n M j) with M j = {lattice_rate:.3g} /ps)")
    from_onset = np.exp(-C * jv[0] * np.clip(time - onset, 0, None) ** (d + 1))
    print(f"KJMA from t_on (no parameter fitted to X): t_1/2 = {onset + predicted[0]:.3g} ps "
          f"(95%: {onset + predicted[2]:.3g} .. {onset + predicted[1]:.3g}); "
          f"largest |X - X_KJMA(t - t_on)| = {np.max(np.abs(X[start:] - from_onset[start:])):.3f}")
# A start that needs time to warm up (and droplets that need time to leave the
# critical size) delay the transformation: X = exp(-C j v^d (t - tau)^(d+1)) with
# the measured j v^d holds with one constant tau, t - (-ln X / (C j v^d))^(1/(d+1)) at every X.
if window.sum() >= 3:
    delay = time[window] - (-np.log(X[window]) / (C * jv[0])) ** (1.0 / (d + 1))
    print(f"delay tau = t - (-ln X/(C j v^d))^(1/(d+1)) over 0.05 < X < 0.95: {np.mean(delay):.3g} ps "
          f"(from {delay[0]:.3g} at X = 0.95 to {delay[-1]:.3g} at X = 0.05; KJMA with a delay: constant)")
    delayed = np.exp(-C * jv[0] * np.clip(time - np.mean(delay), 0, None) ** (d + 1))
    print(f"largest |X - X_KJMA(t - tau)| after the transient: {np.max(np.abs(X[start:] - delayed[start:])):.3f}")

figure, axes = plt.subplots(1, 2, figsize=(9.5, 3.8))
low, high = (np.exp(-C * jv[k] * time ** (d + 1)) for k in (1, 2))
axis = axes[0]
axis.fill_between(time, low, high, color="C1", alpha=0.25, lw=0, label="KJMA, 95% of j and v")
axis.plot(time, kjma, color="C1", label=f"KJMA exp(-$C_{d}$ j $v^{d}$ $t^{d + 1}$)")
if len(events) >= 2:
    axis.plot(time, from_onset, color="C3", ls=":", label=f"KJMA from the onset t_on = {onset:.2g} ps")
if window.sum() >= 3:
    axis.plot(time, delayed, color="C2", ls="--", label=f"KJMA delayed by tau = {np.mean(delay):.2g} ps")
axis.plot(time, X, color="C0", label="lattice run")
axis.set_xlabel(f"t - {risk_start:g} ps")
axis.set_ylabel("untransformed fraction X")
axis.legend(fontsize=8)
# The Avrami plot: -ln X against t on log scales, a line of slope d + 1 for KJMA from t = 0.
axis = axes[1]
shown = (time > 0) & (X > 1e-4) & (X < 1)
shown[:start] = False
axis.loglog(time[shown], -np.log(X[shown]), color="C0", label="lattice run")
axis.loglog(time[shown], C * jv[0] * time[shown] ** (d + 1), color="C1", label=f"KJMA, slope {d + 1}")
axis.fill_between(time[shown], C * jv[1] * time[shown] ** (d + 1), C * jv[2] * time[shown] ** (d + 1), color="C1",
                  alpha=0.25, lw=0)
axis.set_xlabel(f"t - {risk_start:g} ps")
axis.set_ylabel("-ln X")
axis.legend(fontsize=8)
figure.suptitle(f"{'x'.join(map(str, extents))} lattice: j = {j[0]:.3g} /ps per cell, v = {v[0]:.3g} cells/ps",
                fontsize=10)
figure.tight_layout()
figure.savefig(output, dpi=110)
print(output)
