"""What the Python peers of metasc's kernel integrate: the landscape table of a
metasc results file and the K3C60 bath of the benchmark (100 K, N_s = 80,
gamma = 0.2 /ps, dt = 0.005 ps), as the constants of one BAOAB step."""
from dataclasses import dataclass

import h5py
import numpy as np

HBAR = 0.6582119569  # meV ps


@dataclass
class PeerProblem:
    q_nodes: np.ndarray  # Q of the table nodes
    v_nodes: np.ndarray  # V [meV per site]
    dv_nodes: np.ndarray  # V' [meV per site]
    dt: float  # ps
    c: float  # exp(-gamma dt), the O step's friction factor
    noise: float  # sqrt(1 - c^2) sigma_P [1/ps]
    scale: float  # omega/hbar: force = -scale V'


def load(path):
    with h5py.File(path) as f:
        q_nodes = f["landscape/Q"][()]
        v_nodes = f["landscape/V_meV"][()]
        dv_nodes = f["landscape/dVdQ_meV"][()]
        frequency = float(f["config"].attrs["phonon.frequency_THz"])
    omega = 2 * np.pi * frequency
    gamma, kT, sites, dt = 0.2, 0.08617333262 * 100, 80.0, 0.005
    c = np.exp(-gamma * dt)
    sigma = np.sqrt(omega * kT / (sites * HBAR))
    return PeerProblem(q_nodes, v_nodes, dv_nodes, dt, c, np.sqrt(1 - c * c) * sigma, omega / HBAR)
