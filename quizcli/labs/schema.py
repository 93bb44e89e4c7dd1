"""The arguments each lab accepts, as JSON Schema for the bank schema: `quiz validate` then refuses a question's
``lab: {name, args}`` that `quiz explain` could not run, without the bank layer importing the labs.

Written to ``quizcli/bank/lab_args.json`` by ``uv run python -m quizcli.labs.schema``, which also recompiles the
bank schema; a test fails when the file no longer matches the labs' settings.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from quizcli.labs.settings import CONFIGS, Setting, settings

LAB_ARGS_FILE = Path(__file__).resolve().parent.parent / "bank" / "lab_args.json"


def lab_args() -> dict[str, dict[str, Any]]:
    """Each lab's name → the JSON Schema of each argument it takes."""
    return {
        name: {arg: _argument(accepted) for arg, accepted in settings(config).items()}
        for name, config in CONFIGS.items()
    }


def _argument(accepted: Setting) -> dict[str, Any]:
    # As Setting.check: a number is > 0, an integer at least its minimum; a conditional one may be left to the lab.
    upper = {} if accepted.maximum is None or math.isinf(accepted.maximum) else {"maximum": accepted.maximum}
    if accepted.kind is bool:
        schema: dict[str, Any] = {"type": "boolean"}
    elif accepted.choices:
        schema = {"enum": list(accepted.choices)}
    elif accepted.kind is float:
        schema = {"type": "number", "exclusiveMinimum": 0, **upper}
    else:
        schema = {"type": "integer", "minimum": accepted.minimum, **upper}
    return {"anyOf": [schema, {"type": "null"}]} if accepted.conditional else schema


def main() -> None:
    from quizcli.bank import catalog

    LAB_ARGS_FILE.write_text(json.dumps(lab_args(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    catalog.write_schema_check()


if __name__ == "__main__":
    main()
