import pytest

from quizcli.i18n import MESSAGES, resolve_lang
from tests.conftest import quiz_process


def test_both_catalogues_have_the_same_keys():
    assert MESSAGES["ja"].keys() == MESSAGES["en"].keys()


def test_placeholders_agree_between_languages():
    import string

    for key in MESSAGES["en"]:
        fields = [{f for _, f, _, _ in string.Formatter().parse(MESSAGES[lang][key]) if f} for lang in ("ja", "en")]
        assert fields[0] == fields[1], key


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LANG": "ja_JP.UTF-8"}, "ja"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8", "QUIZ_LANG": "ja"}, "ja"),
        ({"LC_ALL": "ja_JP.UTF-8", "LANG": "en_US.UTF-8"}, "ja"),
    ],
)
def test_language_from_flag_env_or_locale(monkeypatch, env, lang):
    for name in ("LANG", "LC_ALL", "LC_MESSAGES", "QUIZ_LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert resolve_lang() == lang
    assert resolve_lang("en") == "en"


def test_list_follows_the_locale():
    japanese = quiz_process("list", env={"LANG": "ja_JP.UTF-8", "LC_ALL": ""})
    assert "分野" in japanese.stdout and "ドリル" in japanese.stdout
    english = quiz_process("list", env={"LANG": "C.UTF-8", "LC_ALL": ""})
    assert "section" in english.stdout and "drills" in english.stdout
