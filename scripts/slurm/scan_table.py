#!/usr/bin/python3
"""The scan table of scan_array.sbatch and merge.py: one line per array task.

Each line holds a pulse shape, an amplitude and, optionally, further
metasc-ensemble overrides; task i (1-based, as in `sbatch --array=1-N`) is
the i-th line that is neither blank nor a comment:

    # shape    amplitude   further overrides (optional)
    flattop    0.3
    gaussian   0.3         --pulse.fwhm_ps=1 --langevin.seed=2
    flattop    0.2,0.4     --pulse.flat_ps=8

Fields are separated by whitespace (shell-style quoting allowed, `#` starts a
comment), or by commas when the file name ends in `.csv` (quote a list such as
"0.2,0.4"). A first line whose first field is `shape` is a header. A shape or
amplitude list makes that task scan the product of its lists, as on the
command line. Task i writes OUTDIR/task_NNNN.h5 (NNNN = i, zero-padded so a
directory listing is in task order).

    scan_table.py count TABLE             the number of tasks
    scan_table.py task TABLE I OUTDIR     task I's output file, then its overrides, one per line
"""
import csv
import re
import shlex
import sys
from pathlib import Path

OVERRIDE = re.compile(r"--[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*=.*")


class TableError(Exception):
    """A table that cannot be read, with the file and line in the message."""


class Task:
    """One line of the table: its 1-based task index, where it came from, and the overrides it means."""

    def __init__(self, index, line_number, text, fields):
        self.index = index
        self.line_number = line_number
        self.text = text
        self.overrides = [f"--pulse.shape={fields[0]}", f"--pulse.amplitude={fields[1]}"] + fields[2:]

    def expected_config(self):
        """The /config attributes the task's result must hold: {"pulse.shape": "flattop", ...}."""
        return dict(override[2:].split("=", 1) for override in self.overrides)


def _split(path, text):
    if path.suffix.lower() == ".csv":
        if text.lstrip().startswith("#"):
            return []
        fields = [field.strip() for field in next(csv.reader([text]))]
        return [] if not any(fields) else fields
    return shlex.split(text, comments=True)


def read(path):
    """The tasks of the table at path, in order; TableError names the file and line of a bad one."""
    path = Path(path)
    try:
        lines = path.read_text().splitlines()
    except OSError as error:
        raise TableError(f"{path}: cannot read the scan table ({error.strerror})") from None
    tasks = []
    for line_number, text in enumerate(lines, start=1):
        where = f"{path}:{line_number}"
        try:
            fields = _split(path, text)
        except (ValueError, csv.Error) as error:
            raise TableError(f"{where}: {error}") from None
        if not fields or (not tasks and fields[0].lower() == "shape"):
            continue
        if len(fields) < 2 or not all(fields[:2]):
            raise TableError(f"{where}: a task needs a pulse shape and an amplitude, got: {text.strip()}")
        for extra in fields[2:]:
            if not OVERRIDE.fullmatch(extra):
                raise TableError(f"{where}: '{extra}' is not a --section.key=value override")
        tasks.append(Task(len(tasks) + 1, line_number, text.strip(), fields))
    if not tasks:
        raise TableError(f"{path}: the scan table has no tasks")
    return tasks


def output_file(outdir, index):
    """Where task `index` writes its results."""
    return Path(outdir) / f"task_{index:04d}.h5"


def main(argv):
    try:
        if len(argv) == 2 and argv[0] == "count":
            print(len(read(argv[1])))
        elif len(argv) == 4 and argv[0] == "task":
            tasks = read(argv[1])
            if not argv[2].isdigit() or not 1 <= int(argv[2]) <= len(tasks):
                raise TableError(f"{argv[1]}: task {argv[2]} does not exist: the table has tasks 1 to {len(tasks)}")
            print(output_file(argv[3], int(argv[2])))
            print("\n".join(tasks[int(argv[2]) - 1].overrides))
        else:
            sys.exit(__doc__)
    except TableError as error:
        sys.exit(f"scan_table.py: {error}")


if __name__ == "__main__":
    main(sys.argv[1:])
