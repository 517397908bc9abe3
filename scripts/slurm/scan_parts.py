#!/usr/bin/python3
"""Joins the parts of a metasc-ensemble [scan] run as a job array (`--scan.part=i/N`,
i = 1..N) into one file whose /scan is bitwise the /scan of the whole scan run at once.

    merge.py --scan OUTPUT.h5 PART.h5 [PART.h5 ...]

Every part must be a metasc-ensemble scan result of the same configuration
(apart from scan.part and output.file) and the parts together must hold every
point exactly once; otherwise the merge stops with a message naming the file.
/scan rows are put in global point order; /pulses and /config are copied from
the first part (/config records `merged_parts`, the number of parts).
"""
import os
from pathlib import Path

import h5py
import numpy as np

# Keys a part may differ in: where it ran and which slice it took.
PART_KEYS = ("scan.part", "output.file")


class ScanMergeError(Exception):
    """A part that cannot be merged; the message names the file."""


def _text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def _physics(path, result):
    config = result["config"].attrs
    if _text(config.get("program", "")) != "metasc-ensemble" or "scan" not in result:
        raise ScanMergeError(f"{path}: not a metasc-ensemble scan result")
    return {key: _text(value) for key, value in config.items()
            if key not in PART_KEYS and key not in ("text", "ranks", "version", "program")}


def merge(output, parts):
    if not parts:
        raise ScanMergeError("no part files given")
    columns, reference, points, units = {}, None, None, {}
    for path in parts:
        try:
            result = h5py.File(path, "r")
        except OSError:
            raise ScanMergeError(f"{path}: missing or not an HDF5 file") from None
        with result:
            physics = _physics(path, result)
            if reference is None:
                reference, points = physics, int(result["scan"].attrs["points"])
                scan_attrs = dict(result["scan"].attrs)
            elif physics != reference:
                differing = sorted(k for k in physics.keys() | reference.keys() if physics.get(k) != reference.get(k))
                raise ScanMergeError(f"{path}: another scan than {parts[0]} (differs in {', '.join(differing)})")
            for name, dataset in result["scan"].items():
                columns.setdefault(name, []).append(dataset[()])
                units[name] = dataset.attrs["units"]
    joined = {name: np.concatenate(values) for name, values in columns.items()}
    order = np.argsort(joined["point"], kind="stable")
    present = np.unique(joined["point"])
    if present.size != points or not np.array_equal(present, np.arange(points)):
        missing = sorted(set(range(points)) - set(present.astype(int)))
        raise ScanMergeError(f"the parts hold {present.size} of the scan's {points} points (missing: {missing[:10]})")
    rows_per_point = np.bincount(joined["point"].astype(int), minlength=points)
    if np.any(rows_per_point != rows_per_point[0]):
        raise ScanMergeError("a point appears in more than one part (a part given twice?)")
    partial = Path(f"{output}.partial")
    with h5py.File(partial, "w") as merged, h5py.File(parts[0], "r") as first:
        first.copy("config", merged)
        first.copy("pulses", merged)
        merged["config"].attrs["merged_parts"] = len(parts)
        for key in PART_KEYS:
            merged["config"].attrs.pop(key, None)
        scan = merged.create_group("scan")
        for name, values in joined.items():
            scan.create_dataset(name, data=values[order]).attrs["units"] = units[name]
        for key, value in scan_attrs.items():
            scan.attrs[key] = value
    os.replace(partial, output)
    return points, len(parts)
