"""`viz` and `explore` on the command line: --open without a browser, and parts of a graph only on pages."""

from __future__ import annotations

import webbrowser

import pytest
from click.testing import CliRunner

from policykg.cli import cli


@pytest.mark.parametrize("opened", [False, True])
def test_open_says_when_no_browser_could_be_opened(tmp_path, monkeypatch, opened):
    monkeypatch.setattr(webbrowser, "open", lambda url: opened)
    result = CliRunner().invoke(cli, ["explore", "-o", str(tmp_path / "e.html"), "--open"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "e.html").exists()
    assert ("no web browser could be opened" in result.output) is not opened


def test_a_static_figure_refuses_the_options_that_draw_a_part(tmp_path):
    refused = CliRunner().invoke(cli, ["viz", "-o", str(tmp_path / "x.png"), "--recommendation", "13"])
    assert refused.exit_code == 2 and "--recommendation" in refused.output and not (tmp_path / "x.png").exists()
    page = CliRunner().invoke(cli, ["viz", "-o", str(tmp_path / "x.html"), "--recommendation", "13"])
    assert page.exit_code == 0 and (tmp_path / "x.html").exists()
