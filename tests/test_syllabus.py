"""The E資格 syllabus as data: every question in a section, `quiz syllabus` shows each with its counts."""

import json

from quizcli.bank.catalog import load_catalog, syllabus

CATALOG = load_catalog()


def test_every_question_names_a_section_of_the_syllabus():
    sections = syllabus().sections
    assert {q.section for q in CATALOG.questions.values()} <= set(sections)


def test_the_weights_are_percentages_of_the_exam():
    assert sum(section.weight for section in syllabus().sections.values()) == 100
    assert all(section.weight > 0 for section in syllabus().sections.values())
    assert [chapter.id for chapter in syllabus().chapters] == ["math", "ml", "dl-basics", "dl-applications", "devops"]


def test_syllabus_json_counts_every_section(run_quiz):
    document = json.loads(run_quiz("syllabus", "--json").stdout)
    rows = {row["id"]: row for row in document["sections"]}
    assert list(rows) == list(syllabus().sections)
    assert sum(row["questions"] for row in rows.values()) == len(CATALOG.questions)
    for section_id, row in rows.items():
        questions = [q for q in CATALOG.questions.values() if q.section == section_id]
        assert row["questions"] == len(questions)
        assert row["drills"] == sum("variants" in q.spec for q in questions)
        assert row["solvers"] == sorted({q.solver for q in questions if q.solver})
        assert row["name"]["ja"] and row["name"]["en"]
        assert (row["answered"], row["accuracy"], row["due"]) == (0, None, 0)


def test_syllabus_shows_answers_and_due_cards_where_the_learner_studied(run_quiz, content_with):
    content_with(
        """
format_version: 1
questions:
  - id: one-question
    topic: lstm
    section: rnn
    tags: [lstm]
    source: 確認テスト
    kind: numeric
    difficulty: 1
    solver: sigmoid-derivative-max
    params: {}
    prompt: {ja: σ′ の最大値は？, en: The largest value of σ′?}
    explanation: {ja: σ′(0) = 0.25。, en: σ′(0) = 0.25.}
"""
    )
    run_quiz("start", "--limit", "1", input="0.25\n")
    rows = {row["id"]: row for row in json.loads(run_quiz("syllabus", "--json").stdout)["sections"]}
    assert (rows["rnn"]["questions"], rows["rnn"]["answered"], rows["rnn"]["accuracy"]) == (1, 1, 1.0)
    assert rows["cnn"]["questions"] == 0
    screen = run_quiz("syllabus", "--lang", "en", env={"COLUMNS": "160"}).stdout
    assert "1 of 24 sections have questions (7% of the exam's weight)." in screen  # rnn weighs 7


def test_syllabus_screen_names_sections_in_the_learners_language(run_quiz):
    japanese = run_quiz("syllabus", "--lang", "ja").stdout
    assert "情報理論" in japanese and "深層学習の基礎" in japanese
    english = run_quiz("syllabus", "--lang", "en", env={"COLUMNS": "160"}).stdout
    assert "Information theory" in english and "Deep-learning basics" in english


def test_a_narrow_terminal_keeps_the_columns_that_matter(run_quiz):
    narrow = run_quiz("syllabus", "--lang", "en", env={"COLUMNS": "60"}).stdout
    wide = run_quiz("syllabus", "--lang", "en", env={"COLUMNS": "120"}).stdout
    listed = run_quiz("syllabus", "--lang", "en", env={"COLUMNS": "40"}).stdout
    assert "accuracy" in narrow and "drills" not in narrow
    assert "drills" in wide and "due" in wide
    assert "weight 5%  questions" in listed and "┃" not in listed
    assert max(len(line) for line in narrow.splitlines()) <= 60


def test_every_column_fits_an_80_column_terminal_in_both_languages(run_quiz):
    for lang, last in (("ja", "復習待ち"), ("en", "due")):
        screen = run_quiz("syllabus", "--lang", lang, env={"COLUMNS": "80"}).stdout
        assert last in screen.splitlines()[1], screen.splitlines()[:3]
