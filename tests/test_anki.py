"""`quiz export anki|json`: open the .apkg as Anki would (a zip holding SQLite) and check what it holds."""

import json
import sqlite3
import zipfile

import genanki
import pytest
from click.testing import CliRunner

from quizcli.cli import QuizGroup
from quizcli.commands.export import export
from quizcli.show import anki

BANK = r"""
format_version: 1
questions:
  - id: anki-choice
    topic: lstm
    section: rnn
    tags: [lstm]
    source: concept
    kind: choice
    difficulty: 1
    prompt:
      ja: 忘却ゲートはどれか。$f_t < 1$ & <b>太字ではない</b>
      en: Which gate forgets? $f_t < 1$ & <b>not bold</b>
    options:
      - text: {ja: 忘却ゲート, en: forget gate}
        correct: true
      - text: {ja: 入力ゲート, en: input gate}
        why: {ja: 書き込む量を決める。, en: It decides how much to write.}
      - text: "$\\sigma(x)$"
    explanation:
      ja: 忘却ゲート $f$ が $c_{t-1}$ に掛かる。
      en: The forget gate $f$ multiplies $c_{t-1}$.
  - id: anki-numeric
    topic: lstm
    section: rnn
    tags: [lstm]
    source: drill
    kind: numeric
    difficulty: 2
    solver: gradient-clipping
    params: {grad: [3.0, 4.0], threshold: 2.0}
    pick: rate
    tolerance: {abs: 0.0005}
    variants:
      params:
        grad: {array: [-5, 5], shape: [2], decimals: 0}
        threshold: {float: [0.5, 3], decimals: 1}
      constraints: ["np.linalg.norm(grad) > threshold"]
    prompt:
      ja: 勾配 {{grad}}、閾値 {{threshold}} の倍率 rate は？
      en: Gradient {{grad}}, threshold {{threshold}}; what is the rate?
    explanation:
      ja: rate = 閾値 / $\|g\|_2$。
      en: rate = threshold / $\|g\|_2$.
  - id: anki-shape
    topic: cnn
    section: cnn
    tags: [cnn]
    source: drill
    kind: shape
    difficulty: 1
    solver: conv-output
    params: {input: [6, 6], kernel: 3, stride: 1, padding: 0}
    prompt:
      ja: "{{input.0}}×{{input.1}} を {{kernel}}×{{kernel}} で畳み込むと？"
      en: "{{input.0}}×{{input.1}} convolved with {{kernel}}×{{kernel}}?"
    explanation:
      ja: $O = \frac{H + 2P - F}{S} + 1$
      en: $O = \frac{H + 2P - F}{S} + 1$
  - id: anki-code
    topic: lstm
    section: rnn
    tags: [lstm]
    source: 演習チャレンジ
    kind: code-choice
    difficulty: 2
    solver: gradient-clipping
    inputs: {grad: [3.0, 4.0], threshold: 2.0}
    setup:
      gradient: grad
      norm: np.linalg.norm(grad)
      rate: threshold / norm
    params: {grad: $grad, threshold: $threshold}
    options:
      - code: gradient * rate
        correct: true
      - code: gradient / norm
      - code: gradient / threshold
    prompt:
      ja: "`rate < 1` のとき返す値は？"
      en: "What does `gradient_clipping` return when `rate < 1`?"
    explanation:
      ja: 勾配に rate を掛ける。
      en: Multiply the gradient by rate.
  - id: anki-text
    topic: rnn
    section: rnn
    tags: [rnn]
    source: 確認テスト
    kind: text
    difficulty: 1
    prompt:
      ja: RNN の再帰の重みを説明せよ。
      en: Describe the recurrent weight of an RNN.
    model_answer:
      ja: 前の時刻の中間層から現在の中間層への重み。
      en: The weight from the previous hidden state to the current one.
    keywords:
      ja: [前の時刻]
      en: [previous time step]
    explanation:
      ja: 過去の情報が伝わる。
      en: Information from the past flows through it.
"""

IDS = ["anki-choice", "anki-numeric", "anki-shape", "anki-code", "anki-text"]


@pytest.fixture
def bank(content_with):
    return content_with(BANK)


def run(*args):
    return CliRunner().invoke(export, list(args), catch_exceptions=False)


def notes(apkg):
    """guid → (fields, tags) of every note in the package, read the way Anki reads it."""
    with zipfile.ZipFile(apkg) as archive:
        assert "collection.anki2" in archive.namelist()
        collection = apkg.parent / f"{apkg.stem}.anki2"
        collection.write_bytes(archive.read("collection.anki2"))
    db = sqlite3.connect(collection)
    try:
        rows = db.execute("SELECT guid, flds, tags, mid FROM notes").fetchall()
        models, decks = db.execute("SELECT models, decks FROM col").fetchone()
    finally:
        db.close()
    assert {row[3] for row in rows} == {anki.MODEL_ID}
    assert str(anki.MODEL_ID) in json.loads(models)
    assert str(anki.DECK_ID) in json.loads(decks)
    return {
        guid: (dict(zip(anki.FIELDS, fields.split("\x1f"), strict=True)), tags.split())
        for guid, fields, tags, _ in rows
    }


def by_id(found):
    return {fields["Id"]: (fields, tags) for fields, tags in found.values()}


def test_one_note_per_question_with_fields(bank, tmp_path):
    apkg = tmp_path / "deck.apkg"
    result = run("anki", str(apkg), "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "wrote 5 notes" in result.stdout
    found = by_id(notes(apkg))
    assert sorted(found) == sorted(IDS)

    choice, tags = found["anki-choice"]
    assert r"\(f_t &lt; 1\)" in choice["Front"]  # MathJax, with the math itself escaped
    assert "&lt;b&gt;not bold&lt;/b&gt;" in choice["Front"]
    assert "<b>not bold" not in choice["Front"]
    assert "&amp;" in choice["Front"]
    assert choice["Front"].count("<li>") == 3 and r"\(\sigma(x)\)" in choice["Front"]
    assert "forget gate" in choice["Back"] and r"\(c_{t-1}\)" in choice["Back"]
    assert "It decides how much to write." in choice["Back"]
    assert choice["Topic"] == "lstm"
    assert {"lstm", "topic::lstm", "kind::choice"} <= set(tags)

    numeric, _ = found["anki-numeric"]
    assert "Gradient [3, 4], threshold 2;" in numeric["Front"]  # the bank's numbers, not a drawn variant
    assert "<b>Answer:</b> 0.4</div>" in numeric["Back"]
    assert "Worked steps" in numeric["Back"] and "<td>norm</td><td><code>5</code>" in numeric["Back"]

    shape, _ = found["anki-shape"]
    assert "<b>Answer:</b> 4×4</div>" in shape["Back"]
    assert r"\(O = \frac{H + 2P - F}{S} + 1\)" in shape["Back"]

    code, _ = found["anki-code"]
    assert "<code>gradient_clipping</code>" in code["Front"]
    assert "<pre><code>gradient * rate</code></pre>" in code["Front"]
    assert "<pre><code>gradient * rate</code></pre>" in code["Back"].split("</div>")[0]

    text, _ = found["anki-text"]
    assert "The weight from the previous hidden state" in text["Back"]
    assert "previous time step" in text["Back"]


def test_reexport_keeps_every_guid(bank, tmp_path):
    first, second = tmp_path / "one.apkg", tmp_path / "two.apkg"
    assert run("anki", str(first), "--lang", "en").exit_code == 0
    assert run("anki", str(second), "--lang", "ja").exit_code == 0
    one, two = notes(first), notes(second)
    assert set(one) == set(two) == {genanki.guid_for(qid) for qid in IDS}
    assert {guid: fields["Id"] for guid, (fields, _) in one.items()} == {
        guid: fields["Id"] for guid, (fields, _) in two.items()
    }
    assert "忘却ゲート" in by_id(two)["anki-choice"][0]["Back"]


def test_same_input_same_package(bank, tmp_path):
    questions = anki.select([bank])
    cards = [anki.card_for(question, "en") for question in questions]
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    anki.write_apkg(cards, first, timestamp=1_700_000_000)
    anki.write_apkg(cards, second, timestamp=1_700_000_000)
    assert notes(first) == notes(second)


def test_topic_and_tag_filters(bank, tmp_path):
    apkg = tmp_path / "cnn.apkg"
    assert run("anki", str(apkg), "--topic", "cnn").exit_code == 0
    assert [fields["Id"] for fields, _ in notes(apkg).values()] == ["anki-shape"]
    assert run("anki", str(apkg), "--tag", "rnn").exit_code == 0
    assert [fields["Id"] for fields, _ in notes(apkg).values()] == ["anki-text"]


def test_no_match_is_one_line_exit_2(bank, tmp_path):
    group = QuizGroup(commands={"export": export})
    unknown = CliRunner().invoke(group, ["export", "anki", str(tmp_path / "x.apkg"), "--topic", "nope"])
    assert unknown.exit_code == 2
    assert unknown.stderr.strip() == "Error: no questions on topic 'nope'; topics: cnn, lstm, rnn"
    disjoint = CliRunner().invoke(group, ["export", "anki", str(tmp_path / "x.apkg"), "--topic", "cnn", "--tag", "rnn"])
    assert disjoint.exit_code == 2
    assert disjoint.stderr.strip() == "Error: no questions match --topic cnn --tag rnn; quiz list shows the topics"
    assert not (tmp_path / "x.apkg").exists()


def test_messages_follow_the_language(bank, tmp_path):
    apkg, out = tmp_path / "deck.apkg", tmp_path / "bank.json"
    assert run("anki", str(apkg), "--lang", "ja").stdout == (
        f"{apkg} に 5 件のノートを書き出しました（Anki で読み込んでください。"
        "書き出し直すと同じノートが更新されます）。\n"
    )
    japanese_json = CliRunner().invoke(export, ["json", str(out)], env={"QUIZ_LANG": "ja"}, catch_exceptions=False)
    assert japanese_json.stdout == f"{out} に 5 問を書き出しました。\n"
    assert run("json", str(out), "--lang", "en").stdout == f"wrote 5 questions to {out}\n"
    group = QuizGroup(commands={"export": export})
    no_match = CliRunner().invoke(group, ["export", "json", "-", "--topic", "nope", "--lang", "ja"])
    assert no_match.exit_code == 2
    assert no_match.stderr.strip() == ("エラー: トピック「nope」の問題はありません。トピック: cnn、lstm、rnn")
    unwritable = CliRunner().invoke(group, ["export", "anki", str(tmp_path / "no-dir" / "x.apkg"), "--lang", "ja"])
    assert unwritable.exit_code != 0
    assert unwritable.stderr.startswith(f"エラー: {tmp_path / 'no-dir' / 'x.apkg'} に書き込めません: ")


def test_cards_are_deterministic(bank):
    question = anki.select([bank], topic="lstm")[0]
    assert anki.card_for(question, "en") == anki.card_for(question, "en")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("a < b & c", "a &lt; b &amp; c"),
        ("$x_{t} < 1$", r"\(x_{t} &lt; 1\)"),
        ("call `f(x) <= 2` now", "call <code>f(x) &lt;= 2</code> now"),
        ("`$not math$`", "<code>$not math$</code>"),
        ("one\ntwo", "one<br>two"),
        ("costs 5$", "costs 5$"),
    ],
)
def test_to_html(text, expected):
    assert anki.to_html(text) == expected


def test_json_to_file_carries_computed_answers(bank, tmp_path):
    out = tmp_path / "bank.json"
    result = run("json", str(out))
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text(encoding="utf-8"))
    entries = {entry["id"]: entry for entry in document["questions"]}
    assert document["format_version"] == 1
    assert list(entries) == IDS
    assert entries["anki-numeric"]["answer"] == pytest.approx(0.4)
    assert entries["anki-numeric"]["spec"]["params"] == {"grad": [3.0, 4.0], "threshold": 2.0}
    assert entries["anki-shape"]["answer"] == [4, 4]
    assert entries["anki-code"]["answer"] == pytest.approx([1.2, 1.6])
    assert entries["anki-code"]["params"] == {"grad": [3.0, 4.0], "threshold": 2.0}
    assert "answer" not in entries["anki-choice"] and entries["anki-choice"]["bank"] == "bank.yaml"


def test_json_to_stdout(bank):
    result = run("json", "-", "--topic", "cnn")
    assert result.exit_code == 0
    assert [entry["id"] for entry in json.loads(result.stdout)["questions"]] == ["anki-shape"]


@pytest.mark.parametrize("args", [[], ["anki"], ["json"]])
def test_help_has_examples(args):
    result = run(*args, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
