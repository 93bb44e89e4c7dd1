"""Each lab's settings are declared once, in its Config: `quiz lab`'s options and the labs' checks follow them."""

import subprocess
import sys
from dataclasses import fields

import click
import pytest

from quizcli.commands.lab import lab
from quizcli.errors import BadInput
from quizcli.labs.settings import CONFIGS, Setting, checked, settings


def test_every_lab_command_has_a_config():
    assert lab.list_commands(click.Context(lab)) == sorted(CONFIGS)


@pytest.mark.parametrize("name", sorted(CONFIGS))
def test_options_take_their_defaults_and_choices_from_the_config(name):
    command = lab.get_command(click.Context(lab), name)
    options = {param.name: param for param in command.params}
    declared = settings(CONFIGS[name])
    assert [param.name for param in command.params][: len(declared)] == list(declared)
    for field_name, setting in declared.items():
        option = options[field_name]
        assert option.default == (None if setting.conditional else setting.default)
        if setting.choices:
            assert tuple(option.type.choices) == setting.choices
    assert lab.get_command(click.Context(lab), name) is command  # the options are added once


@pytest.mark.parametrize("config", CONFIGS.values())
def test_no_arguments_give_the_declared_defaults(config):
    assert checked(config, {}) == config()
    assert [f.default for f in fields(config)] == [s.default for s in settings(config).values()]


def test_checks_name_the_option_and_what_it_accepts():
    config = CONFIGS["rnn-binary-addition"]
    with pytest.raises(BadInput, match=r"^--seed must be an integer ≥ 0, got -1$"):
        checked(config, {"seed": -1})
    with pytest.raises(BadInput, match=r"^--bias must be true or false, got 'yes'$"):
        checked(config, {"bias": "yes"})
    with pytest.raises(BadInput, match=r"^--iters must be an integer from 1 to 1000000, got 2.5$"):
        checked(config, {"iters": 2.5})
    assert checked(config, {"lr": 1}).lr == 1.0 and isinstance(checked(config, {"lr": 1}).lr, float)


def test_a_number_setting_without_a_maximum_takes_any_positive_number():
    # maximum is optional for every setting; a float one without it compared its value with None (TypeError)
    rate = Setting(0.5)  # its help is the catalogue's (quizcli.helptext)
    assert rate.check("rate", 1e6) == 1e6
    with pytest.raises(BadInput, match=r"^--rate must be a number > 0 and ≤ inf, got 0$"):
        rate.check("rate", 0)


def test_reading_the_settings_loads_no_numpy():
    probe = "import sys, quizcli.labs.settings; print('numpy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
