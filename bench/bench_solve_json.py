"""`quiz solve map --params-file F --json` on 500 images and 15,091 detections, as a whole process, against the solve
alone plus `python -c "import numpy, click"`, timed in the same run, and against the same command as it was before.

    uv run python bench/bench_solve_json.py [--runs 7]

Budget (issue 20): the whole process ≤ 2 × (the solve alone + import numpy, click). The solve alone is
``solvers.get("map")(**params)`` in this process, on the parameters already read (it checks the records and
computes mAP, COCO protocol, 10 IoU thresholds); the import is a process of its own. The process writes its JSON
(about 7 MB) to a file. Also timed, interleaved the same way: `--steps summary`; the command as it was before (the
same process with as_json put back to json.dumps over solvers.jsonable); and, in this process, the encoder itself
against the one it replaced, on the same result.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench_map import synthetic  # noqa: E402
from common import ENV, PYTHON, interleaved, wall  # noqa: E402

IMAGES, CATEGORIES, PER_IMAGE = 500, 80, 33
# The command as it was before orjson: the same process with as_json put back to json.dumps over solvers.jsonable,
# returning text, which click.echo writes as it did.
BEFORE = """
import json, sys
import quizcli.show.solve as solve
from solvers import jsonable

def as_json(name, params, result, steps="full"):
    document = {"solver": name, "params": jsonable(solve.with_defaults(params, result))}
    document["answer"] = jsonable(result.answer)
    document.update(jsonable(result.extras))
    document["steps"] = jsonable(result.steps)
    return json.dumps(document, ensure_ascii=False)

solve.as_json = as_json
from quizcli.cli import main
sys.argv[0] = "quiz"
main()
"""
BUDGET = 2.0


def timed(function: Callable[[], object]) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timings per figure (median taken)")
    args = parser.parse_args()

    from quizcli.show.solve import as_json, with_defaults
    from solvers import get, jsonable

    work = Path(tempfile.mkdtemp(prefix="quiz-solve-json-"))
    ground_truths, detections = synthetic(IMAGES, CATEGORIES, per_image=PER_IMAGE)
    params = {"ground_truths": ground_truths, "detections": detections, "protocol": "coco", "iou_thresholds": "coco"}
    params_file = work / "map.json"
    params_file.write_text(json.dumps(params), encoding="utf-8")
    out = work / "out.json"

    def process(*extra: str, before: bool = False) -> Callable[[], float]:
        start = ["-c", BEFORE] if before else ["-m", "quizcli"]
        command = [PYTHON, *start, "solve", "map", "--params-file", str(params_file), "--json", *extra]

        def run() -> float:
            with out.open("wb") as sink:
                started = time.perf_counter()
                subprocess.run(command, check=True, stdout=sink, stderr=subprocess.DEVNULL, env=ENV)
                return time.perf_counter() - started

        return run

    spec = get("map")
    resolved = spec.resolve(params)
    result = spec.function(**resolved)

    def old_encoder() -> str:
        document = {
            "solver": "map",
            "params": jsonable(with_defaults(resolved, result)),
            "answer": jsonable(result.answer),
        }
        document.update(jsonable(result.extras))
        document["steps"] = jsonable(result.steps)
        return json.dumps(document, ensure_ascii=False)

    process()()
    written = out.stat().st_size
    assert json.loads(out.read_text(encoding="utf-8")) == json.loads(old_encoder())
    process("--steps", "summary")()
    summary_size = out.stat().st_size

    medians = interleaved(
        {
            "process": process(),
            "process before": process(before=True),
            "summary": process("--steps", "summary"),
            "solve": lambda: timed(lambda: spec(**params)),
            "import": lambda: wall([PYTHON, "-c", "import numpy, click"]),
            "encode": lambda: timed(lambda: as_json("map", resolved, result)),
            "encode before": lambda: timed(old_encoder),
        },
        args.runs,
    )
    baseline = medians["solve"] + medians["import"]
    print(
        f"{IMAGES} images, {len(ground_truths):,} ground truths, {len(detections):,} detections, COCO protocol; "
        f"medians of {args.runs} interleaved runs"
    )
    for name, size in (("process", written), ("summary", summary_size)):
        figure = medians[name]
        verdict = "met" if figure <= BUDGET * baseline else "NOT MET"
        steps = " --steps summary" if name == "summary" else ""
        print(
            f"quiz solve map --params-file --json{steps} ({size / 1e6:.1f} MB): {ms(figure)}; baseline solve alone "
            f"{ms(medians['solve'])} + import numpy, click {ms(medians['import'])} = {ms(baseline)}; "
            f"ratio {figure / baseline:.2f}; budget ≤ {BUDGET:g}× baseline: {verdict}"
        )
    print(
        f"before (json.dumps over solvers.jsonable, echoed as text): {ms(medians['process before'])}; "
        f"ratio {medians['process before'] / baseline:.2f}"
    )
    print(
        f"encoding the result: {ms(medians['encode'])}; before, json.dumps over solvers.jsonable "
        f"{ms(medians['encode before'])} ({medians['encode before'] / medians['encode']:.0f}× as long)"
    )


if __name__ == "__main__":
    main()
