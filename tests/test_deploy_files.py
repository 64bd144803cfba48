"""The production recipes in deploy/ stay true to the code: every unit runs a command the CLI has, every
setting the example environment names exists, and the image copies what the package needs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from api.cli import app
from api.settings import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_every_unit_runs_a_command_the_cli_has() -> None:
    runner = CliRunner()
    units = sorted((DEPLOY / "systemd").glob("*.service"))
    assert len(units) >= 4
    for unit in units:
        [start] = re.findall(r"^ExecStart=(.+)$", unit.read_text(), re.M)
        words = [w for w in shlex.split(start)[1:] if not w.startswith("-") and "%" not in w]
        command = words[:2] if words[0] == "db" else words[:1]
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, f"{unit.name}: `encaisse {' '.join(command)}` is not a command"


def test_the_example_environment_names_only_real_settings() -> None:
    fields = {f"ENCAISSE_{name.upper()}" for name in Settings.model_fields}
    example = (DEPLOY / "systemd" / "encaisse.env.example").read_text()
    names = re.findall(r"^(ENCAISSE_[A-Z_]+)=", example, re.M)
    assert names
    assert set(names) <= fields, set(names) - fields


def test_the_image_copies_every_package_and_runs_the_cli() -> None:
    recipe = (DEPLOY / "Containerfile").read_text()
    copied = set(re.findall(r"^COPY (\S+) ", recipe, re.M))
    assert {"api", "ocr", "payments", "web"} <= copied
    assert 'ENTRYPOINT ["encaisse"]' in recipe
    assert "tesseract-ocr-fra" in recipe
