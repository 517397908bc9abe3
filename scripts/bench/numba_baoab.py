#!/usr/bin/python3
"""The numba peer of metasc's kernel: the same BAOAB with the same cubic
Hermite table force as numpy_baoab.py, compiled with @njit(fastmath=True) on
one core, steps outside and trajectories inside, the step's normals drawn
into a buffer first (numba's own generator). No bookkeeping: no trapping,
escape or moment observers. Prints trajectory-steps per second.

usage: numba_baoab.py RESULTS.h5 [TRAJECTORIES] [STEPS]
"""
import sys
import time

import numpy as np
from numba import njit

from peer_problem import load

@njit(fastmath=True)
def slope(q, q0, h, v_nodes, dv_nodes):
    # Derivative of the cubic Hermite interpolant of V from (V, V') at the nodes.
    x = min(max((q - q0) / h, 0.0), len(v_nodes) - 1.000001)
    i = int(x)
    t = x - i
    return ((6 * t * t - 6 * t) * (v_nodes[i] - v_nodes[i + 1]) / h + (3 * t * t - 4 * t + 1) * dv_nodes[i]
            + (3 * t * t - 2 * t) * dv_nodes[i + 1])


@njit(fastmath=True)
def run(q, p, steps, dt, c, noise, scale, q0, h, v_nodes, dv_nodes):
    n = q.shape[0]
    xi = np.empty(n)
    force = np.empty(n)
    for j in range(n):
        force[j] = -scale * slope(q[j], q0, h, v_nodes, dv_nodes)
    for _ in range(steps):
        for j in range(n):
            xi[j] = np.random.standard_normal()
        for j in range(n):
            pj = p[j] + 0.5 * dt * force[j]
            qj = q[j] + 0.5 * dt * pj
            pj = c * pj + noise * xi[j]
            qj += 0.5 * dt * pj
            force[j] = -scale * slope(qj, q0, h, v_nodes, dv_nodes)
            p[j] = pj + 0.5 * dt * force[j]
            q[j] = qj


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 20000
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    problem = load(path)
    q_nodes = problem.q_nodes
    args = (problem.dt, problem.c, problem.noise, problem.scale, q_nodes[0], q_nodes[1] - q_nodes[0], problem.v_nodes,
            problem.dv_nodes)
    q = np.full(n, 0.33)
    p = np.zeros(n)
    run(q.copy(), p.copy(), 1, *args)  # compile outside the timing
    # Best of three, in CPU seconds of this process: on a shared machine the
    # time spent waiting for a core is not the peer's.
    best = 0.0
    for _ in range(3):
        start = time.process_time()
        run(q, p, steps, *args)
        best = max(best, n * steps / (time.process_time() - start))
    print(f"numba_baoab_table   {best:.4g} trajectory-steps/s   [q {q[0]:.3g}]")


if __name__ == "__main__":
    main()
