"""`quiz doctor`: reports versions, data and banks; exits 1 on a problem; never creates or changes a file."""

import json
import sqlite3

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from quizcli.commands.doctor import doctor
from quizcli.paths import DB_NAME
from quizcli.study import doctor as diagnosis
from quizcli.study.store import MIGRATIONS, Review, open_store

GOOD_BANK = """\
format_version: 1
questions:
  - id: doctor-forget-gate
    topic: lstm
    section: rnn
    tags: [lstm]
    source: concept
    kind: choice
    difficulty: 1
    prompt: {ja: 忘却ゲートはどれか。, en: Which gate forgets?}
    options:
      - text: {ja: 忘却ゲート, en: forget gate}
        correct: true
      - text: {ja: 入力ゲート, en: input gate}
    explanation: {ja: 忘却ゲート。, en: The forget gate.}
"""

UNKNOWN_SOLVER_BANK = """\
format_version: 1
questions:
  - id: doctor-unknown-solver
    topic: cnn
    section: cnn
    tags: [cnn]
    source: drill
    kind: numeric
    difficulty: 1
    solver: no-such-solver
    params: {x: 1}
    prompt: {ja: 問い, en: a question}
    explanation: {ja: 解説, en: an explanation}
"""


@pytest.fixture
def content(content_with):
    return content_with(GOOD_BANK, "good.yaml")


def run(*args):
    return CliRunner().invoke(doctor, list(args), catch_exceptions=False)


def snapshot(directory):
    return {path.name: path.read_bytes() for path in directory.iterdir()} if directory.exists() else None


def make_database(home):
    store = open_store(home)
    try:
        session = store.start_session("2025-01-01T00:00:00+00:00", "review", 1)
        review = Review(
            "doctor-forget-gate", "2025-01-01T00:00:10+00:00", 3, True, "1", 1200, None, "lstm", "review", None
        )
        store.record(session, review, "{}", "2025-01-02T00:00:00+00:00", "hash")
    finally:
        store.close()


def test_healthy_without_a_database_creates_nothing(content, isolated_home):
    home = isolated_home / "not-yet"
    result = CliRunner().invoke(doctor, [], env={"QUIZ_HOME": str(home)}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "ok: no problems found" in result.stdout
    assert "numpy" in result.stdout and "Python" in result.stdout and "click" in result.stdout
    assert "not created yet" in result.stdout and "none yet" in result.stdout
    assert f"{content}  1 bank(s), 1 question(s)" in result.stdout
    assert not home.exists()


def test_reports_schema_reviews_and_integrity_read_only(content, isolated_home):
    make_database(isolated_home)
    before = snapshot(isolated_home)
    result = run()
    assert result.exit_code == 0, result.output
    assert f"schema     {len(MIGRATIONS)} (current)" in result.stdout
    assert "reviews    1 (cards 1)" in result.stdout
    assert "integrity  ok" in result.stdout
    assert f"{isolated_home}" in result.stdout and "writable" in result.stdout
    assert snapshot(isolated_home) == before  # no -wal/-shm left behind, not a byte changed


def test_corrupt_database_is_reported_not_fixed(content, isolated_home):
    path = isolated_home / DB_NAME
    path.write_bytes(b"this is not a database" * 100)
    before = snapshot(isolated_home)
    result = run()
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert f"{path} is not a readable quiz database" in line and "nothing was changed" in line
    assert result.stderr.splitlines()[-1] == "1 problem(s) found"
    assert snapshot(isolated_home) == before


def test_failed_integrity_check_is_reported(content, isolated_home):
    make_database(isolated_home)
    path = isolated_home / DB_NAME
    data = bytearray(path.read_bytes())
    data[36:40] = (7).to_bytes(4, "big")  # the header's free-list page count, now wrong
    path.write_bytes(bytes(data))
    before = snapshot(isolated_home)
    result = run()
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert line.startswith(f"problem: {path} failed PRAGMA integrity_check: *** in database main *** ")
    assert "freelist" in line
    assert snapshot(isolated_home) == before


def test_damaged_pages_are_reported(content, isolated_home):
    make_database(isolated_home)
    path = isolated_home / DB_NAME
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for offset in range(page_size, len(data), page_size):  # scribble over every page but the header page
        data[offset + 8 : offset + 40] = b"\xff" * 32
    path.write_bytes(bytes(data))
    before = snapshot(isolated_home)
    result = run()
    assert result.exit_code == 1
    assert any(str(path) in line for line in result.stderr.splitlines() if line.startswith("problem:"))
    assert snapshot(isolated_home) == before


def test_newer_schema_is_a_problem(content, isolated_home):
    db = sqlite3.connect(isolated_home / DB_NAME)
    db.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY)")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    result = run()
    assert result.exit_code == 1
    assert f"has schema 99, newer than this quiz reads ({len(MIGRATIONS)}); upgrade quiz" in result.stderr


@pytest.mark.parametrize(
    "lang, words",
    [
        ("en", "is empty (0 bytes), so the progress it held is gone; quiz did not change it"),
        ("ja", "は空（0 バイト）で、記録されていた学習の記録は失われています。quiz は変更していません。"),
    ],
)
def test_empty_database_is_a_problem_not_a_blank_one(lang, words, content, isolated_home):
    """SQLite reads a 0-byte file as a sound, blank database; the learner must hear that their history is gone."""
    path = isolated_home / DB_NAME
    path.write_bytes(b"")
    result = run("--lang", lang)
    assert result.exit_code == 1
    [line] = [line for line in result.stderr.splitlines() if str(path) in line]
    assert f"{path} {words}" in line
    assert snapshot(isolated_home) == {DB_NAME: b""}


def test_foreign_sqlite_file_is_a_problem(content, isolated_home):
    db = sqlite3.connect(isolated_home / DB_NAME)
    db.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY)")
    db.commit()
    db.close()
    result = run()
    assert result.exit_code == 1
    assert "but not a quiz database" in result.stderr


def test_broken_bank_is_one_line_per_problem(content):
    (content / "broken.yaml").write_text(
        GOOD_BANK.replace("kind: choice", "kind: essay").replace("doctor-forget-gate", "doctor-other"), encoding="utf-8"
    )
    result = run()
    assert result.exit_code == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("problem:")]
    assert len(problems) == 1
    assert "broken.yaml:" in problems[0] and "doctor-other" in problems[0] and "kind" in problems[0]
    assert "1 problem(s) (quiz validate shows them" in result.stdout


def test_duplicate_ids_across_banks(content):
    (content / "copy.yaml").write_text(GOOD_BANK, encoding="utf-8")
    result = run()
    assert result.exit_code == 1
    assert "doctor-forget-gate: id is already used at" in result.stderr


def test_full_runs_the_solvers(content):
    (content / "solver.yaml").write_text(UNKNOWN_SOLVER_BANK, encoding="utf-8")
    assert run().exit_code == 0  # the schema alone cannot see it
    result = run("--full")
    assert result.exit_code == 1
    assert "no-such-solver" in result.stderr


def test_missing_content_directory(content, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_CONTENT_PATH", str(tmp_path / "nowhere"))
    result = run()
    assert result.exit_code == 1
    assert f"content directory {tmp_path / 'nowhere'} does not exist" in result.stderr


def test_missing_and_old_packages(monkeypatch):
    from importlib import metadata

    real = metadata.version
    fake = {"numpy": "1.20.0", "genanki": None}

    def version(name):
        if name in fake:
            if fake[name] is None:
                raise metadata.PackageNotFoundError(name)
            return fake[name]
        return real(name)

    monkeypatch.setattr(metadata, "requires", lambda name: ["numpy>=1.26", "genanki>=0.13", "click>=8.1"])
    monkeypatch.setattr(metadata, "version", version)
    report = diagnosis.Report()
    diagnosis.check_versions(report)
    assert report.problems == [
        "package numpy 1.20.0 is older than quiz needs (numpy>=1.26)",
        "package genanki is not installed (quiz needs genanki>=0.13); reinstall quiz",
    ]


@pytest.mark.parametrize("version, expected", [("2.4.6", (2, 4, 6)), ("1.26rc1", (1, 26)), ("8.1.dev0", (8, 1))])
def test_release(version, expected):
    assert diagnosis._release(version) == expected


def test_json_report(content, isolated_home):
    make_database(isolated_home)
    result = run("--json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["healthy"] is True and document["problems"] == []
    assert document["data"]["reviews"] == "1 (cards 1)"
    assert "numpy" in document["versions"]


def test_report_in_japanese(content, isolated_home):
    make_database(isolated_home)
    result = run("--lang", "ja")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "正常: 問題は見つかりませんでした"
    for text in (
        "バージョン\n",
        "データ\n",
        f"  スキーマ      {len(MIGRATIONS)}（最新）",
        "  回答記録      1（カード 1）",
        f"{isolated_home}（QUIZ_HOME）: 書き込み可",
    ):
        assert text in result.stdout
    # Japanese labels are two cells a character: the values still line up under the directory's
    banks_row = "  問題集" + " " * (len(str(content)) - 6) + "  正常（スキーマと id を確認。"
    assert f"  {content}  問題集 1 個、1 問" in result.stdout and banks_row in result.stdout


def test_problems_in_japanese_or_english(content, tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZ_CONTENT_PATH", str(tmp_path / "nowhere"))
    japanese = CliRunner().invoke(doctor, [], env={"QUIZ_LANG": "ja"}, catch_exceptions=False)
    assert japanese.exit_code == 1
    assert japanese.stderr.splitlines() == [
        f"問題: コンテンツディレクトリ {tmp_path / 'nowhere'} がありません"
        "（QUIZ_CONTENT_DIR / QUIZ_CONTENT_PATH を確認してください）。",
        "問題が 1 件見つかりました",
    ]
    english = run("--lang", "en")
    assert english.stderr.splitlines()[-1] == "1 problem(s) found" and "content\n" in english.stdout


def test_json_stays_english_in_japanese(content, isolated_home):
    make_database(isolated_home)
    assert run("--json", "--lang", "ja").stdout == run("--json", "--lang", "en").stdout


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_a_label_too_wide_for_the_terminal_puts_values_under_it(lang, tmp_path, monkeypatch):
    """A content path as long as an installed package's leaves no room beside it at 40 columns."""
    folder = tmp_path / "a-long-site-packages-folder" / "quizcli" / "content"
    folder.mkdir(parents=True)
    (folder / "good.yaml").write_text(GOOD_BANK, encoding="utf-8")
    report = diagnosis.diagnose([folder], lang=lang)
    lines = diagnosis.as_text(report, 40).splitlines()
    assert [line for line in lines if cell_len(line) > 40 and str(folder) not in line] == []
    assert lines[lines.index(f"  {folder}") + 1].startswith("      ")
    wide = diagnosis.as_text(report, 160).splitlines()
    assert next(line for line in wide if str(folder) in line) != f"  {folder}"  # beside its label when it fits
