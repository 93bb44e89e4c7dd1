"""Where quiz keeps its files, and its one way of replacing a file: all of it or nothing, no temporary left."""

import os
import stat

import pytest

from quizcli import paths


@pytest.fixture
def target(tmp_path):
    path = tmp_path / "out.json"
    path.write_bytes(b"old")
    return path


def test_every_file_lives_under_quiz_home(isolated_home):
    assert paths.data_dir() == isolated_home
    assert paths.database_path() == isolated_home / "quiz.db"
    assert paths.bank_cache_dir() == isolated_home / "cache" / "banks"
    assert paths.validate_cache_dir() == isolated_home / "cache" / "validate"


def test_without_quiz_home_the_platform_data_directory(monkeypatch):
    monkeypatch.delenv("QUIZ_HOME")
    assert paths.data_dir().name == "quiz"


def test_atomic_write_replaces_the_file_with_an_ordinary_one(target):
    paths.atomic_write(target, lambda handle: handle.write(b"new"))
    assert target.read_bytes() == b"new"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask  # not mkstemp's private 0600
    assert os.listdir(target.parent) == [target.name]


def test_a_failing_writer_leaves_the_old_file_and_no_temporary(target):
    def half_then_fail(handle):
        handle.write(b"half")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        paths.atomic_write(target, half_then_fail)
    assert target.read_bytes() == b"old"
    assert os.listdir(target.parent) == [target.name]


def test_a_failing_replace_is_an_oserror_and_leaves_no_temporary(tmp_path):
    (tmp_path / "taken").mkdir()
    with pytest.raises(OSError):
        paths.atomic_write(tmp_path / "taken", lambda handle: handle.write(b"new"))
    assert os.listdir(tmp_path) == ["taken"]


def test_a_missing_directory_is_an_oserror(tmp_path):
    with pytest.raises(OSError):
        paths.atomic_write(tmp_path / "missing" / "out.json", lambda handle: handle.write(b"new"))
