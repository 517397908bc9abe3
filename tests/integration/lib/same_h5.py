#!/usr/bin/python3
"""same_h5.py A.h5 B.h5 GROUP...: exit 0 iff every dataset and attribute under
the groups exists in both files with bitwise-identical contents (NaN included)."""
import sys

import h5py
import numpy as np


def items(group):
    found = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            found[name] = np.asarray(obj[()])
        for key, value in obj.attrs.items():
            found[f"{name}@{key}"] = np.asarray(value)

    for key, value in group.attrs.items():
        found[f"@{key}"] = np.asarray(value)
    group.visititems(visit)
    return found


def main():
    first, second, groups = sys.argv[1], sys.argv[2], sys.argv[3:]
    with h5py.File(first, "r") as a, h5py.File(second, "r") as b:
        for group in groups:
            left, right = items(a[group]), items(b[group])
            if left.keys() != right.keys():
                sys.exit(f"{group}: different members: {sorted(left.keys() ^ right.keys())}")
            for name in left:
                x, y = left[name], right[name]
                if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
                    sys.exit(f"{group}/{name} differs between {first} and {second}")
            print(f"{group}: {len(left)} members bitwise identical")


if __name__ == "__main__":
    main()
