"""Executes one .ipynb in its Jupyter kernel through nbclient (the library behind `jupyter nbconvert --execute`).

Usage: execute_notebook.py IN.ipynb OUT.ipynb WORKING_FOLDER TIMEOUT_SECONDS
Writes the executed notebook to OUT.ipynb (errors are kept as outputs, not raised) and prints one JSON line:
{"wall_seconds": ..., "cells": [{"index": i, "seconds": ...}, ...]} with each code cell's time from the kernel's
execute_input to its execute_reply (nbclient's record_timing).
"""
import json
import sys
import time
from datetime import datetime

import nbclient
import nbformat


def seconds(execution, start, end):
    if start not in execution or end not in execution:
        return None
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))
    return (parse(execution[end]) - parse(execution[start])).total_seconds()


def main():
    source, target, folder, timeout = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    notebook = nbformat.read(source, as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name=notebook.metadata["kernelspec"]["name"],
        allow_errors=True,
        record_timing=True,
        resources={"metadata": {"path": folder}},
    )
    started = time.monotonic()
    client.execute()
    wall = time.monotonic() - started
    nbformat.write(notebook, target)
    cells = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        execution = cell.get("metadata", {}).get("execution", {})
        cells.append({"index": index, "seconds": seconds(execution, "iopub.execute_input", "shell.execute_reply")})
    print(json.dumps({"wall_seconds": wall, "cells": cells}))


if __name__ == "__main__":
    main()
