"""content/README.md documents the format with one complete example of each kind; each must validate."""

import re
from pathlib import Path

from quizcli.bank.validate import validate

README = Path(__file__).resolve().parent.parent / "content" / "README.md"


def test_every_example_in_the_format_guide_validates(tmp_path):
    blocks = re.findall(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    kinds = set()
    for index, block in enumerate(blocks):
        (tmp_path / f"example{index}.yaml").write_text(block, encoding="utf-8")
        kinds |= set(re.findall(r"^\s+kind: (\S+)", block, re.M))
    assert kinds == {"choice", "numeric", "shape", "code-choice", "text"}
    report = validate([tmp_path])
    assert report.problems == []
    assert report.questions == len(blocks)
