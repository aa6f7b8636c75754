"""The command-line contract other tools rely on (issue 2, section 5)."""

import json

import pytest

from tests.conftest import ROOT, run_game

POLICIES = ["historical", "random", "greedy", "idle"]


@pytest.mark.parametrize("policy", POLICIES)
def test_simulate_json_contract(policy):
    result = run_game("simulate", "flood_the_zone", "--policy", policy, "--seed", "4", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["scenario"] == "flood_the_zone"
    assert data["seed"] == 4
    assert data["policy"] == policy
    assert data["outcome"] in {"Grand coalition", "United West", "Divided West", "Isolated Washington"}
    assert 0 <= data["score"] <= 100
    countries = data["countries"]
    assert {"GBR", "FRA", "DEU", "UKR", "IND", "CHN", "KWT", "SAU", "ARE", "BRA", "JPN", "KOR"} <= set(countries)
    for code, c in countries.items():
        assert len(code) == 3 and code.isupper()
        assert c["name"]
        assert -100 <= c["alignment_start"] <= 100
        assert -100 <= c["alignment_end"] <= 100
        assert c["un_vote"] in {"yes", "abstain", "no"}
        assert isinstance(c["sanctions"], bool)


def test_simulate_runs_aggregate_contract():
    result = run_game("simulate", "flood_the_zone", "--policy", "random", "--seed", "1", "--runs", "5", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["runs"] == 5
    assert sum(data["outcomes"].values()) == 5
    for c in data["countries"].values():
        assert -100 <= c["alignment_end_mean"] <= 100
        assert set(c["un_vote_share"]) == {"yes", "abstain", "absent", "no"}
        assert sum(c["un_vote_share"].values()) == pytest.approx(1.0, abs=0.02)
        assert 0 <= c["sanctions_share"] <= 1
    # no progress bar when the output is not a terminal
    assert "[" not in result.stderr


def test_simulate_same_arguments_same_bytes():
    args = ("simulate", "flood_the_zone", "--policy", "greedy", "--seed", "9", "--json")
    assert run_game(*args).stdout == run_game(*args).stdout


def test_simulate_accepts_a_path_from_another_folder(tmp_path):
    result = run_game(
        "simulate", str(ROOT / "scenarios" / "flood_the_zone.yaml"), "--seed", "2", "--json", cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["scenario"] == "flood_the_zone"


def test_simulate_human_readable_table():
    result = run_game("simulate", "flood_the_zone", "--policy", "historical", "--seed", "1")
    assert result.returncode == 0
    assert "Outcome:" in result.stdout and "Germany" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("simulate", "flood_the_zone", "--policy", "clever"),
        ("simulate", "flood_the_zone", "--seed", "abc"),
        ("simulate", "flood_the_zone", "--runs", "0"),
        ("simulate",),
        ("validate",),
        ("frobnicate",),
        ("simulate", "flood_the_zone", "--bogus"),
    ],
)
def test_usage_errors_exit_2_with_one_line(args):
    result = run_game(*args)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines and "error" in lines[-1]
    assert "Traceback" not in result.stderr


def test_unknown_scenario_is_one_clear_line():
    result = run_game("simulate", "flood_the_zon", "--json")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "did you mean 'flood_the_zone'" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_bundled_scenarios_exit_0():
    result = run_game("validate", *(str(p) for p in sorted((ROOT / "scenarios").glob("*.yaml"))))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error" not in result.stdout


def test_validate_reports_wrong_type_missing_field_unknown_key_with_lines(tmp_path):
    text = (ROOT / "scenarios" / "flood_the_zone.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    # wrong type
    weeks = next(i for i, line in enumerate(lines) if line.strip().startswith("weeks:"))
    lines[weeks] = lines[weeks].replace("13", "thirteen")
    # unknown key (a typo of 'alignment' in the UK's entry)
    gbr_align = next(i for i, line in enumerate(lines) if line.strip() == "alignment: 72")
    lines[gbr_align] = lines[gbr_align].replace("alignment", "allignment")
    # missing field: drop the role card
    role = next(i for i, line in enumerate(lines) if line.startswith("role:"))
    del lines[role : role + 4]
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_game("validate", str(bad))
    assert result.returncode == 1
    out = result.stdout
    assert f"bad.yaml:{weeks + 1 - 4}:" in out and "E103" in out
    assert "E102" in out and "allignment" in out and "did you mean 'alignment'" in out
    assert "E101" in out and "role" in out
    for line in out.splitlines():
        path, line_no, col, rest = line.split(":", 3)
        assert path.endswith("bad.yaml") and int(line_no) >= 1 and int(col) >= 1
        assert rest.split()[0] in {"error", "warning"}


def test_validate_json_format(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 2\nid: x\n", encoding="utf-8")
    result = run_game("validate", "--format", "json", str(bad))
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert data["files"][0]["problems"][0]["line"] >= 1


def test_validate_missing_file_is_an_error_not_a_crash(tmp_path):
    result = run_game("validate", str(tmp_path / "nope.yaml"))
    assert result.returncode == 1
    assert "E001" in result.stdout
    assert "Traceback" not in result.stderr


def test_calibrate_prints_the_table_with_sources():
    result = run_game("calibrate", "flood_the_zone", "--runs", "20")
    assert result.returncode == 0, result.stdout
    assert "firmly with Washington" in result.stdout
    assert "000_966678d371abad6d.txt" in result.stdout
    assert "documented positions reproduced" in result.stdout


def test_calibrate_json():
    result = run_game("calibrate", "flood_the_zone", "--runs", "10", "--json")
    data = json.loads(result.stdout)
    assert data["policy"] == "historical" and data["runs"] == 10
    assert all("passage" in c and "ok" in c for c in data["checks"])
