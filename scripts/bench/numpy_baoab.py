#!/usr/bin/python3
"""The NumPy peer of metasc's kernel: BAOAB over an ensemble with a cubic
Hermite table force, vectorised over trajectories as a physicist would write
it. Reads the landscape table from a metasc results file so both codes
integrate the same force. Prints trajectory-steps per second.

usage: numpy_baoab.py RESULTS.h5 [TRAJECTORIES] [STEPS]
"""
import sys
import time

import numpy as np

from peer_problem import load



def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 4096
    steps = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    problem = load(path)
    q_nodes, v_nodes, dv_nodes = problem.q_nodes, problem.v_nodes, problem.dv_nodes
    dt, c, noise, scale = problem.dt, problem.c, problem.noise, problem.scale
    h = q_nodes[1] - q_nodes[0]

    def slope(q):
        # Derivative of the cubic Hermite interpolant of V from (V, V') at the nodes.
        x = np.clip((q - q_nodes[0]) / h, 0, len(q_nodes) - 1.000001)
        i = x.astype(np.int64)
        t = x - i
        v0, v1, d0, d1 = v_nodes[i], v_nodes[i + 1], dv_nodes[i], dv_nodes[i + 1]
        return (6 * t * t - 6 * t) * (v0 - v1) / h + (3 * t * t - 4 * t + 1) * d0 + (3 * t * t - 2 * t) * d1

    rng = np.random.default_rng(1)
    q = np.full(n, 0.33)
    p = np.zeros(n)
    force = -scale * slope(q)
    start = time.process_time()
    for _ in range(steps):
        p += 0.5 * dt * force
        q += 0.5 * dt * p
        p = c * p + noise * rng.standard_normal(n)
        q += 0.5 * dt * p
        force = -scale * slope(q)
        p += 0.5 * dt * force
    elapsed = time.process_time() - start
    print(f"numpy_baoab_table   {n * steps / elapsed:.4g} trajectory-steps/s")


if __name__ == "__main__":
    main()
