"""`quiz solve`: call a registered solver with parameters from the command line or a file."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quizcli.errors import BadInput


def parse_option(text: str) -> Any:
    """A command-line value: JSON where it parses (numbers, arrays, true/false), else the text itself.

    Full-width digits and brackets (５, ［５，５］) are read as their ASCII forms.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    try:
        return json.loads(text)
    except ValueError:
        return text


def read_params_file(path: Path) -> dict[str, Any]:
    from quizcli.bank.yamlsafe import YamlError, load, read_text

    try:
        text = read_text(path)
    except OSError as error:
        raise BadInput(f"--params-file: cannot read {path}: {error.strerror or error}") from None
    except YamlError as error:
        raise BadInput(f"--params-file: {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError:
        try:
            data = load(text)
        except YamlError as error:
            raise BadInput(f"--params-file: {path}: neither JSON nor YAML ({error})") from None
    if not isinstance(data, dict):
        raise BadInput(f"--params-file: {path}: expected an object of parameter names to values")
    return dict(data)


def run(name: str, options: Mapping[str, str | None], params_file: Path | None) -> tuple[Any, dict[str, Any], Any]:
    """(solver spec, resolved params, result); bad input raises BadInput naming the parameter."""
    import solvers

    if name not in solvers.SOLVERS:
        raise BadInput(f"unknown solver or question {name!r}; quiz solve --help lists the solvers")
    spec = solvers.SOLVERS[name]
    raw = read_params_file(params_file) if params_file else {}
    raw.update({key: parse_option(value) for key, value in options.items() if value is not None})
    try:
        params = spec.resolve(raw)
        return spec, params, spec.function(**params)
    except solvers.SolverInputError as error:
        raise BadInput(f"{name}: {error}") from None


def with_defaults(params: Mapping[str, Any], result: Any) -> dict[str, Any]:
    """The parameters as the solver used them: defaults that depend on other parameters filled in."""
    return {**params, **{k: v for k, v in result.defaults.items() if params.get(k) is None}}


def as_json(name: str, params: Mapping[str, Any], result: Any) -> str:
    from solvers import jsonable

    document = {"solver": name, "params": jsonable(with_defaults(params, result)), "answer": jsonable(result.answer)}
    document.update(jsonable(result.extras))
    document["steps"] = jsonable(result.steps)
    return json.dumps(document, ensure_ascii=False)
