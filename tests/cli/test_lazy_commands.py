"""The command line reads only the module of the command it is given: `sitetrack --help` lists
every command from cli/commands.py, the same as the modules themselves register them."""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

import pytest

import cli
import main
from cli.commands import COMMANDS

ROOT = Path(__file__).resolve().parents[2]


def _commands(parser: argparse.ArgumentParser) -> list[tuple[str, str | None]]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return [(choice.dest, choice.help) for choice in sub._choices_actions]


def test_the_table_lists_what_every_module_registers_in_the_same_order():
    everything = cli.build_parser()
    assert _commands(everything) == [(name, help_text) for name, _, help_text in COMMANDS]
    assert cli.build_parser([]).format_help() == everything.format_help()


@pytest.mark.parametrize("name", [name for name, _, _ in COMMANDS])
def test_each_command_s_help_is_its_module_s(name, capsys):
    with pytest.raises(SystemExit) as info:
        main.main([name, "--help"])
    assert info.value.code == 0
    shown = capsys.readouterr().out
    sub = next(a for a in cli.build_parser()._actions
               if isinstance(a, argparse._SubParsersAction))
    assert shown == sub.choices[name].format_help()
    assert shown.startswith(f"usage: sitetrack {name} ")


def test_a_command_s_own_options_are_read_after_the_global_ones():
    args = cli.build_parser(["--db", "sqlite:///x", "upcoming", "--days", "3"]).parse_args(
        ["--db", "sqlite:///x", "upcoming", "--days", "3"])
    assert (args.command, args.days) == ("upcoming", 3)
    assert args.handler.__module__ == "cli.worklist"


def test_help_and_a_command_import_only_that_command_s_module():
    code = ("import sys, main\n"
            "try:\n    main.main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('cli.')), file=sys.stderr)")
    for words, loaded in ((["--help"], []), (["sign", "--help"], ["cli.signatures"])):
        err = subprocess.run([sys.executable, "-c", code, *words], capture_output=True,
                             text=True, check=True, cwd=ROOT, timeout=120).stderr
        groups = {f"cli.{module}" for _, module, _ in COMMANDS}
        assert sorted(groups & set(ast.literal_eval(err.strip().splitlines()[-1]))) == loaded
