#!/usr/bin/python3
"""Gathers the results of a scan_array.sbatch job array into one HDF5 file and a CSV summary.

    merge.py TABLE OUTDIR [--output FILE.h5] [--csv FILE.csv]
    merge.py --scan OUTPUT.h5 PART.h5 [PART.h5 ...]     the parts of a [scan] (see scan_parts.py)

TABLE is the scan table the array ran (format: scan_table.py), OUTDIR the
directory its tasks wrote OUTDIR/task_NNNN.h5 to; the defaults are
OUTDIR/scan.h5 and OUTDIR/scan.csv. Rows are in task order, and within a task
in the order of its pulses (a task with a shape or amplitude list has several).

The HDF5 file (every dataset has a `units` attribute):
  /summary/<column>  the CSV: one entry per pulse of every task, columns as below
  /tasks/NNNN        per task: attributes source_file, table_line, config_text,
                     version, ranks; datasets labels and amplitude (one per pulse);
                     group stats holding the task's /stats attributes as written
  /                  attributes table_file, table_text, tasks

CSV columns: task, pulse (index within the task), label, amplitude, the /stats
values trapping_probability with trapping_ci_low/high, escape_rate_per_ps with
escape_rate_ci_low/high, escape_count, time_at_risk_ps, and tau_MS_mean_ps,
tau_MS_median_ps from /ensemble/tau_MS_ps (NaN when the run has none; NaN
entries are left out, an infinite lifetime makes the mean infinite and counts
in the median).

Each task's file must exist, be a metasc-ensemble result and hold the values
of its table line in /config (so a file left over from another scan is not
merged by mistake); otherwise merge.py stops with a message naming the file.
"""
import argparse
import csv
import os
import sys
from pathlib import Path

import h5py
import numpy as np

import scan_parts
import scan_table

# The per-pulse /stats attributes: scalars when a run has one pulse, arrays otherwise.
STATS_UNITS = {
    "trapping_probability": "1",
    "trapping_ci_low": "1",
    "trapping_ci_high": "1",
    "escape_rate_per_ps": "1/ps",
    "escape_rate_ci_low": "1/ps",
    "escape_rate_ci_high": "1/ps",
    "escape_count": "1",
    "time_at_risk_ps": "ps",
}
TAU_UNITS = {"tau_MS_mean_ps": "ps", "tau_MS_median_ps": "ps"}
COLUMN_UNITS = {"task": "1", "pulse": "1", "label": "", "amplitude": "oscillator length",
                **STATS_UNITS, **TAU_UNITS}


class MergeError(Exception):
    """An input that cannot be merged; the message names the file."""


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def per_pulse(path, name, value, pulses):
    values = np.atleast_1d(np.asarray(value, dtype=float))
    if values.shape != (pulses,):
        raise MergeError(f"{path}: {name} has {values.size} values for {pulses} pulse(s)")
    return values


def lifetimes(path, result, pulses):
    """tau_MS mean and median per pulse from /ensemble/tau_MS_ps; NaN without it."""
    if "ensemble/tau_MS_ps" not in result:
        return {name: np.full(pulses, np.nan) for name in TAU_UNITS}
    tau = np.asarray(result["ensemble/tau_MS_ps"][()], dtype=float)
    pulse_index = np.asarray(result["ensemble/pulse_index"][()]) if "ensemble/pulse_index" in result else np.zeros(
        tau.size, dtype=int)
    if pulse_index.shape != tau.shape:
        raise MergeError(f"{path}: /ensemble/tau_MS_ps and /ensemble/pulse_index differ in length")
    mean, median = np.full(pulses, np.nan), np.full(pulses, np.nan)
    for pulse in range(pulses):
        values = tau[(pulse_index == pulse) & ~np.isnan(tau)]
        if values.size:
            mean[pulse], median[pulse] = values.mean(), np.median(values)
    return {"tau_MS_mean_ps": mean, "tau_MS_median_ps": median}


def read_task(table, task, outdir):
    """One task's result: {"path", "task", "line", "stats", "rows": {column: per-pulse values}, "config_text", ...}."""
    path = scan_table.output_file(outdir, task.index)
    line = f"{table}:{task.line_number} ({task.text})"
    if not path.is_file():
        raise MergeError(f"{path}: missing: task {task.index}, {line}, left no result; "
                         f"see its log, metasc-scan-*_{task.index}.out")
    try:
        result = h5py.File(path, "r")
    except OSError:
        raise MergeError(f"{path}: not an HDF5 file, so not a metasc-ensemble result") from None
    with result:
        config = result["config"].attrs if "config" in result else {}
        program = text(config.get("program", ""))
        if program != "metasc-ensemble":
            raise MergeError(f"{path}: not a metasc-ensemble result (its /config names program '{program}')")
        for key, expected in task.expected_config().items():
            found = text(config.get(key, "(absent)")).strip()
            if found != expected.strip():
                raise MergeError(f"{path}: not the result of {line}: {key} is '{found}' there, "
                                 f"'{expected}' in the table (left over from another scan?)")
        try:
            amplitude = np.atleast_1d(np.asarray(result["pulses/amplitude"][()], dtype=float))
            labels = text(result["pulses"].attrs["labels"]).split("\n")
            stats = dict(result["stats"].attrs)
            rows = {name: per_pulse(path, f"/stats {name}", stats[name], amplitude.size) for name in STATS_UNITS}
            config_text = text(config["text"])
        except KeyError as error:
            raise MergeError(f"{path}: not a complete metasc-ensemble result: {error}") from None
        if len(labels) != amplitude.size:
            raise MergeError(f"{path}: {len(labels)} pulse labels for {amplitude.size} amplitudes")
        rows.update(lifetimes(path, result, amplitude.size))
        rows.update(task=np.full(amplitude.size, task.index), pulse=np.arange(amplitude.size), label=labels,
                    amplitude=amplitude)
        return {"path": path, "task": task, "line": line, "stats": stats, "rows": rows, "config_text": config_text,
                "version": text(config.get("version", "")), "ranks": int(config.get("ranks", 0))}


def write_h5(path, table, results, summary):
    partial = Path(f"{path}.partial")
    with h5py.File(partial, "w") as merged:
        merged.attrs["table_file"] = str(table)
        merged.attrs["table_text"] = Path(table).read_text()
        merged.attrs["tasks"] = len(results)
        for column, units in COLUMN_UNITS.items():
            data = summary[column]
            dataset = merged.create_dataset(f"summary/{column}", data=np.array(
                data, dtype=h5py.string_dtype()) if column == "label" else np.asarray(data))
            dataset.attrs["units"] = units
        for result in results:
            group = merged.create_group(f"tasks/{result['task'].index:04d}")
            group.attrs["source_file"] = str(result["path"])
            group.attrs["table_line"] = result["line"]
            group.attrs["config_text"] = result["config_text"]
            group.attrs["version"] = result["version"]
            group.attrs["ranks"] = result["ranks"]
            group.create_dataset("labels", data=np.array(result["rows"]["label"], dtype=h5py.string_dtype()))
            group["labels"].attrs["units"] = ""
            group.create_dataset("amplitude", data=result["rows"]["amplitude"])
            group["amplitude"].attrs["units"] = COLUMN_UNITS["amplitude"]
            stats = group.create_group("stats")
            for name, value in result["stats"].items():
                stats.attrs[name] = value
    os.replace(partial, path)


def write_csv(path, summary):
    columns = list(COLUMN_UNITS)
    with open(path, "w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in range(len(summary["task"])):
            writer.writerow([summary[c][row] if c in ("task", "pulse", "label") else repr(float(summary[c][row]))
                             for c in columns])


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--scan":
        if len(sys.argv) < 4:
            sys.exit("usage: merge.py --scan OUTPUT.h5 PART.h5 [PART.h5 ...]")
        try:
            points, parts = scan_parts.merge(sys.argv[2], sys.argv[3:])
        except scan_parts.ScanMergeError as error:
            sys.exit(f"merge.py: {error}")
        print(f"merge.py: {parts} parts, {points} scan points -> {sys.argv[2]}")
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("table", help="the scan table the array ran")
    parser.add_argument("outdir", type=Path, help="the directory of its task_NNNN.h5 files")
    parser.add_argument("--output", type=Path, help="merged HDF5 file (default OUTDIR/scan.h5)")
    parser.add_argument("--csv", type=Path, help="CSV summary (default OUTDIR/scan.csv)")
    arguments = parser.parse_args()
    try:
        tasks = scan_table.read(arguments.table)
        results = [read_task(arguments.table, task, arguments.outdir) for task in tasks]
    except (scan_table.TableError, MergeError) as error:
        sys.exit(f"merge.py: {error}")
    summary = {column: [] for column in COLUMN_UNITS}
    for result in results:
        for column in COLUMN_UNITS:
            summary[column].extend(result["rows"][column])
    output = arguments.output or arguments.outdir / "scan.h5"
    table_csv = arguments.csv or arguments.outdir / "scan.csv"
    write_h5(output, arguments.table, results, summary)
    write_csv(table_csv, summary)
    print(f"merge.py: {len(results)} tasks, {len(summary['task'])} pulses -> {output}, {table_csv}")


if __name__ == "__main__":
    main()
