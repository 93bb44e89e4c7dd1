"""The bank cache: one entry per bank file, an index to plan from, specs read only when asked for, and a cache
that is never trusted beyond what it can vouch for (an edit, a touch, new code, a torn or foreign entry, a data
directory that cannot be written). Real files throughout; real processes where start-up matters."""

from __future__ import annotations

import os
import random
import shutil
from pathlib import Path

import pytest

from quizcli.bank import catalog
from quizcli.bank.catalog import BankError, load_catalog
from quizcli.study.session import content_hash, plan
from tests.conftest import ROOT, T0, quiz_process

BANKS = Path(__file__).parent / "banks"
STUDY = BANKS / "study" / "bank.yaml"
DUP = BANKS / "dup"


@pytest.fixture
def pack(tmp_path):
    """Two bank files: the study bank and one of the dup banks (distinct ids)."""
    folder = tmp_path / "pack"
    folder.mkdir()
    shutil.copy(STUDY, folder / "study.yaml")
    shutil.copy(DUP / "a.yaml", folder / "other.yaml")
    return folder


@pytest.fixture
def reads(monkeypatch):
    """The bank files read and checked through the schema, in order."""
    read: list[str] = []
    real = catalog.load_bank

    def spy(path):
        read.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(catalog, "load_bank", spy)
    return read


def entries(home: Path) -> dict[str, bytes]:
    folder = home / "cache" / "banks"
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.jsonl"))} if folder.is_dir() else {}


def facts(questions):
    """What a question is, spec and all, in comparable form."""
    return {
        q.id: (
            q.topic,
            q.section,
            q.tags,
            q.source,
            q.kind,
            q.difficulty,
            q.path,
            q.line,
            q.solver,
            q.has_variants,
            q.spec,
        )
        for q in questions.values()
    }


def test_a_warm_load_gives_the_same_questions_and_reads_no_bank(pack, reads, isolated_home):
    cold = load_catalog([pack])
    assert sorted(reads) == ["other.yaml", "study.yaml"]
    assert len(entries(isolated_home)) == 2  # one entry per bank file
    warm = load_catalog([pack])
    assert sorted(reads) == ["other.yaml", "study.yaml"]  # nothing read again
    assert facts(warm.questions) == facts(cold.questions)
    assert warm.bank_files == cold.bank_files
    assert [content_hash(q) for q in warm.questions.values()] == [content_hash(q) for q in cold.questions.values()]


def test_a_warm_load_decodes_only_the_specs_asked_for(pack, isolated_home):
    load_catalog([pack])
    warm = load_catalog([pack])
    assert not any("spec" in q.__dict__ for q in warm.questions.values())
    drills = [q for q in warm.questions.values() if q.has_variants]  # from the index, not the spec
    assert [q.id for q in drills] == ["study-numeric"] and drills[0].solver == "chain-rule"
    items = plan(warm, {}, mode="review", now=T0, rng=random.Random(0), limit=2)
    decoded = {q.id for q in warm.questions.values() if "spec" in q.__dict__}
    assert decoded <= {item.question.id for item in items}


def test_the_japanese_text_is_stored_joined(tmp_path, isolated_home):
    bank = tmp_path / "folded.yaml"
    text = STUDY.read_text(encoding="utf-8").replace(
        "prompt: {ja: 不要な記憶を消すゲートは？,", 'prompt: {ja: "不要な記憶を\n      消すゲートは？",'
    )
    bank.write_text(text, encoding="utf-8")
    cold = load_catalog([bank]).questions["study-choice"].text("prompt", "ja")
    assert cold == "不要な記憶を消すゲートは？"
    assert "不要な記憶を消すゲートは？".encode() in next(iter(entries(isolated_home).values()))
    assert load_catalog([bank]).questions["study-choice"].text("prompt", "ja") == cold


def test_a_folded_space_after_japanese_punctuation_is_dropped(tmp_path, isolated_home):
    bank = tmp_path / "folded.yaml"
    text = STUDY.read_text(encoding="utf-8").replace(
        "prompt: {ja: 不要な記憶を消すゲートは？,",
        'prompt: {ja: "LSTM のゲートのうち、\n      RNN にないもので、不要な記憶を消すのは？",',
    )
    bank.write_text(text, encoding="utf-8")
    joined = load_catalog([bank]).questions["study-choice"].text("prompt", "ja")
    assert joined == "LSTM のゲートのうち、RNN にないもので、不要な記憶を消すのは？"


def test_an_edit_rewrites_that_files_entry_only(pack, reads, isolated_home):
    load_catalog([pack])
    before = entries(isolated_home)
    with (pack / "other.yaml").open("a", encoding="utf-8") as bank:
        bank.write("# an edit\n")
    reads.clear()
    load_catalog([pack])
    assert reads == ["other.yaml"]
    after = entries(isolated_home)
    changed = {name for name in before if before[name] != after[name]}
    assert len(changed) == 1 and after.keys() == before.keys()


def test_an_edit_shows_at_the_next_launch(pack, isolated_home):
    load_catalog([pack])
    bank = pack / "study.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("forget gate}", "forget gate (edited)}"), "utf-8")
    options = load_catalog([pack]).questions["study-choice"].spec["options"]
    assert options[0]["text"]["en"] == "forget gate (edited)"


def test_a_touch_without_a_change_reads_nothing_again(pack, reads, isolated_home):
    load_catalog([pack])
    stat = (pack / "study.yaml").stat()
    os.utime(pack / "study.yaml", ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    reads.clear()
    before = entries(isolated_home)
    touched = facts(load_catalog([pack]).questions)
    assert reads == []  # the same bytes: not read through the schema again
    assert entries(isolated_home) != before  # but re-stamped, so that the next launch need not even hash it
    assert facts(load_catalog([pack]).questions) == touched and reads == []


def test_new_code_empties_the_cache(pack, reads, isolated_home, monkeypatch):
    cold = load_catalog([pack])
    monkeypatch.setattr(catalog, "_code_stamp", lambda: [catalog.CACHE_FORMAT, "another version"])
    reads.clear()
    assert facts(load_catalog([pack]).questions) == facts(cold.questions)
    assert sorted(reads) == ["other.yaml", "study.yaml"]
    reads.clear()
    load_catalog([pack])
    assert reads == []  # rewritten for the new code


def test_the_code_stamp_covers_the_loader_and_the_syllabus():
    stamp = catalog._code_stamp()
    assert stamp[0] == catalog.CACHE_FORMAT
    here = Path(catalog.__file__).parent
    for name in ("catalog.py", "schema.json", "yamlsafe.py", "syllabus.py"):
        status = (here / name).stat()
        assert [status.st_size, status.st_mtime_ns] in stamp
    syllabus = (catalog.builtin_content_dir() / "syllabus.yaml").stat()
    assert [syllabus.st_size, syllabus.st_mtime_ns] in stamp


TORN = {
    "empty": lambda data: b"",
    "half": lambda data: data[: len(data) // 2],
    "header cut": lambda data: data[:40],
    "garbage": lambda data: b"\x00\xff not json \n" * 3,
    "foreign JSON": lambda data: b'{"format": 2, "banks": {}}\n',
    "foreign JSONL": lambda data: b'{"a": 1}\n{"b": 2}\n',
    "specs cut": lambda data: data[: data.index(b"\n") + 30],
    "specs swapped": lambda data: b"\n".join([data.split(b"\n")[0], *reversed(data.split(b"\n")[1:-1]), b""]),
}


@pytest.mark.parametrize("damage", sorted(TORN))
def test_a_torn_or_foreign_entry_is_ignored(damage, tmp_path, isolated_home):
    bank = tmp_path / "study.yaml"
    shutil.copy(STUDY, bank)
    cold = facts(load_catalog([bank]).questions)
    (entry,) = (isolated_home / "cache" / "banks").glob("*.jsonl")
    sound = entry.read_bytes()
    entry.write_bytes(TORN[damage](sound))
    assert facts(load_catalog([bank]).questions) == cold
    assert entry.read_bytes() == sound  # mended
    assert facts(load_catalog([bank]).questions) == cold


def test_another_banks_entry_under_the_same_name_is_ignored(pack, isolated_home, monkeypatch):
    load_catalog([pack])
    study, other = (catalog.BankCache.open().entry_path(pack / name) for name in ("study.yaml", "other.yaml"))
    assert study and other
    study.write_bytes(other.read_bytes())  # as if two paths hashed alike
    assert set(load_catalog([pack / "study.yaml"]).questions) == {
        "study-choice",
        "study-numeric",
        "study-shape",
        "study-code",
        "study-text",
    }


def test_an_entry_replaced_under_a_running_launch(pack, isolated_home):
    """Another quiz rewrote the entry after this one read the index: the spec comes from the bank itself."""
    load_catalog([pack])
    running = load_catalog([pack]).questions
    bank = pack / "study.yaml"
    text = bank.read_text(encoding="utf-8").replace("forget gate}", "forget gate (new)}")
    bank.write_text(text.replace("id: study-shape", "id: study-shape-renamed"), "utf-8")
    load_catalog([pack])  # the other launch
    assert running["study-choice"].spec["options"][0]["text"]["en"] == "forget gate (new)"
    with pytest.raises(BankError, match="study-shape is gone"):
        running["study-shape"].spec  # noqa: B018


def test_a_data_directory_that_cannot_be_written_costs_only_speed(pack, reads, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("QUIZ_HOME", str(blocker / "home"))  # no folder can be made under a file, root or not
    first = facts(load_catalog([pack]).questions)
    assert facts(load_catalog([pack]).questions) == first
    assert sorted(reads) == ["other.yaml", "other.yaml", "study.yaml", "study.yaml"]  # read each time, no error


def test_a_read_only_data_directory_gives_the_same_listing_as_a_process(pack, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    writable = quiz_process("list", env={"QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(pack)})
    cached = quiz_process("list", env={"QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(pack)})
    stuck = quiz_process("list", env={"QUIZ_HOME": str(blocker / "home"), "QUIZ_CONTENT_DIR": str(pack)})
    assert writable.returncode == cached.returncode == stuck.returncode == 0, stuck.stderr
    assert writable.stdout == cached.stdout == stuck.stdout
    assert stuck.stderr == ""


def test_the_first_error_still_stops_a_launch(tmp_path, isolated_home):
    folder = tmp_path / "banks"
    shutil.copytree(DUP, folder)
    for _ in range(2):  # a.yaml is cached by the first launch; the shared id is still found
        with pytest.raises(BankError, match="shared-id"):
            load_catalog([folder])


def test_values_json_cannot_hold_exactly_survive_the_cache(tmp_path, isolated_home):
    """Large integers, infinities: json.dumps writes them and json reads them back as they were."""
    bank = tmp_path / "big.yaml"
    text = STUDY.read_text(encoding="utf-8").replace(
        "inputs: {grad: [3.0, 4.0], threshold: 2.0}",
        "inputs: {grad: [3.0, 4.0], threshold: 2.0, big: 123456789012345678901234567890, far: .inf}",
    )
    bank.write_text(text, encoding="utf-8")
    cold = load_catalog([bank]).questions["study-code"].spec["inputs"]
    warm = load_catalog([bank]).questions["study-code"].spec["inputs"]
    assert warm == cold and warm["big"] == 123456789012345678901234567890 and warm["far"] == float("inf")


def test_the_old_one_document_cache_is_removed(pack, isolated_home):
    legacy = isolated_home / "cache" / "banks.json"
    legacy.parent.mkdir(parents=True)
    legacy.write_text('{"code": [], "banks": {}}')
    load_catalog([pack])
    assert not legacy.exists() and entries(isolated_home)


def test_a_cold_and_a_warm_start_show_the_same_first_screen(tmp_path):
    """As processes: the second launch plans from the cache and asks the same question with the same numbers."""
    env = {"QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(STUDY.parent), "QUIZ_LANG": "en"}
    runs = [quiz_process("start", "--seed", "3", "--mode", "drill", input="q\n", env=env) for _ in range(2)]
    assert runs[0].returncode == runs[1].returncode == 0, runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    assert (tmp_path / "home" / "cache" / "banks").is_dir()


# -- a cold launch with many banks reads them in forked processes ---------------------------------------------------


@pytest.fixture
def many(tmp_path):
    """The shipped banks (2 MB of YAML, over PARALLEL_BYTES), copied."""
    folder = tmp_path / "many"
    shutil.copytree(ROOT / "content", folder, ignore=shutil.ignore_patterns("syllabus.yaml", "*.md"))
    assert sum(path.stat().st_size for path in folder.rglob("*.yaml")) > catalog.PARALLEL_BYTES
    return folder


def test_a_cold_launch_in_processes_gives_what_one_process_gives(many, isolated_home, monkeypatch):
    shares = catalog.BankCache.open()._shares(list(catalog.iter_bank_files([many])))
    assert len(shares) == min(catalog._usable_cpus(), 2) or catalog._usable_cpus() > 2
    side_by_side = load_catalog([many])
    assert len(entries(isolated_home)) == len(side_by_side.bank_files)  # the workers' entries, all written
    shutil.rmtree(isolated_home / "cache")
    monkeypatch.setattr(catalog, "PARALLEL_BYTES", 10**12)
    alone = load_catalog([many])
    assert facts(alone.questions) == facts(side_by_side.questions)
    assert list(alone.questions) == list(side_by_side.questions)  # in the same order


@pytest.mark.parametrize("trouble", ["broken", "duplicate"])
def test_a_cold_launch_in_processes_stops_at_the_first_error(trouble, many, tmp_path):
    """The error a cold launch reports, with the banks read side by side, is the one a warm launch reports, with
    one bank left to read: the first in the order of the files."""
    if trouble == "broken":
        shutil.copy(BANKS / "broken" / "missing-english.yaml", many / "day3" / "m-broken.yaml")
        shutil.copy(BANKS / "broken" / "two-keys.yaml", many / "ml" / "z-broken.yaml")
    else:
        shutil.copy(DUP / "a.yaml", many / "day2" / "a.yaml")
        shutil.copy(DUP / "b.yaml", many / "math" / "b.yaml")
    env = {"QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(many)}
    cold, warm = (quiz_process("list", env=env) for _ in range(2))
    assert cold.returncode == warm.returncode == 1
    assert cold.stderr == warm.stderr and str(many) in cold.stderr
    assert ("m-broken.yaml" if trouble == "broken" else "shared-id") in cold.stderr


def test_a_cold_listing_as_a_process_matches_a_warm_one(many, tmp_path):
    env = {"QUIZ_HOME": str(tmp_path / "home"), "QUIZ_CONTENT_DIR": str(many)}
    cold, warm = (quiz_process("list", "--json", env=env) for _ in range(2))
    assert cold.returncode == warm.returncode == 0, cold.stderr
    assert cold.stdout == warm.stdout
    assert not list((tmp_path / "home").rglob(".*.jsonl.*"))  # no temporary file left by a worker


def test_a_worker_that_dies_costs_only_speed(many, isolated_home, monkeypatch):
    monkeypatch.setattr(catalog.BankCache, "cached_quietly", lambda self, bank_file: os._exit(1))
    survived = load_catalog([many])  # this process reads what the dead worker was given
    monkeypatch.setenv("QUIZ_HOME", str(isolated_home / "elsewhere"))
    monkeypatch.setattr(catalog, "PARALLEL_BYTES", 10**12)
    assert facts(survived.questions) == facts(load_catalog([many]).questions)


def test_the_shipped_schema_check_is_this_schemas():
    """schema_check.py is fastjsonschema's compiled validator, shipped so that no launch compiles it (40 ms)."""
    from quizcli.bank import schema_check

    shipped = (Path(catalog.__file__).parent / "schema_check.py").read_text(encoding="utf-8")
    assert shipped == catalog.schema_check_source(), "regenerate it: uv run python -m quizcli.bank.catalog"
    assert catalog._fast_validator() is schema_check.validate
