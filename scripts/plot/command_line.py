"""The command line every plot script takes: RESULTS.h5 [OUTPUT], the output
(a file name or a prefix) defaulting to the results path without .h5."""
import sys

import h5py


def results_and_output(usage, default_suffix=""):
    """Opens RESULTS.h5 for reading and returns it with OUTPUT; exits with
    `usage` (the script's doc string) unless given one or two arguments."""
    if len(sys.argv) not in (2, 3):
        sys.exit(usage)
    path = sys.argv[1]
    output = sys.argv[2] if len(sys.argv) == 3 else path.removesuffix(".h5") + default_suffix
    return h5py.File(path, "r"), output
