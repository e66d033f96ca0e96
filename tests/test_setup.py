"""Setup that survives the real world: a half-made venv, no network, no npm, a read-only checkout.

The Makefile's setup steps are small scripts (scripts/ensure-*.sh), run here on throwaway
folders; the pins are checked in the requirement files themselves.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT

SCRIPTS = REPO_ROOT / "scripts"


def run(*command: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=300, env=env, check=False
    )


# Under `make test` the parent make passes its flags and variables down (MAKEFLAGS): the dry runs
# below describe the Makefile's defaults, so they start from a clean slate.
MAKE_ENV = {
    key: value
    for key, value in os.environ.items()
    if key not in {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "VENV", "SITE_DIR", "PYTHON"}
}


def make_dry_run(*arguments: str) -> list[str]:
    """The commands `make -n` would run in the checkout (-s: no "Entering directory" lines)."""
    result = run("make", "-n", "-s", "-C", REPO_ROOT, *arguments, env=MAKE_ENV)
    assert result.returncode == 0, result.stderr
    return [line for line in result.stdout.splitlines() if line.strip()]


def as_unprivileged(*command: str | Path) -> tuple[str | Path, ...]:
    """Root may write anywhere: run a permission check as `nobody` so a read-only folder is one."""
    if os.geteuid() != 0:
        return command
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot make a folder read-only for the check")
    return ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *command)


# --- the virtual environment ---------------------------------------------------------------------


def test_a_half_made_venv_is_made_again_and_a_working_one_is_left_alone(tmp_path: Path) -> None:
    venv = tmp_path / ".venv"
    # What an interrupted `python -m venv` leaves: an interpreter and no pip.
    made = run(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    (venv / "stale-file").write_text("from the interrupted setup", encoding="utf-8")
    assert run(venv / "bin" / "python", "-m", "pip", "--version").returncode != 0

    repaired = run(SCRIPTS / "ensure-venv.sh", venv, sys.executable)
    assert repaired.returncode == 0, repaired.stderr
    assert "incomplete" in repaired.stderr
    assert run(venv / "bin" / "python", "-m", "pip", "--version").returncode == 0
    assert not (venv / "stale-file").exists()

    (venv / "kept-file").write_text("a working venv is not recreated", encoding="utf-8")
    again = run(SCRIPTS / "ensure-venv.sh", venv, sys.executable)
    assert again.returncode == 0, again.stderr
    assert (venv / "kept-file").is_file()


def test_the_makefile_only_marks_the_venv_ready_after_each_step() -> None:
    # The markers are the last command of their rules, so an interrupted step runs again.
    commands = make_dry_run("-B", ".venv/.ready")
    assert commands[0] == "scripts/ensure-venv.sh .venv python3"
    assert commands.index("touch .venv/.venv-ok") > max(i for i, c in enumerate(commands) if "pip install" in c)
    assert commands[-1] == "touch .venv/.ready"


# --- offline, and pinned by hash -------------------------------------------------------------


def test_the_environment_is_synced_from_the_cache_first_then_from_the_network() -> None:
    commands = make_dry_run("-B", ".venv/.ready")
    syncs = [line for line in commands if "uv pip sync" in line]
    assert len(syncs) == 2, commands
    assert "--offline" in syncs[0] and "||" in syncs[0], "the first sync must use only uv's cache"
    assert "--offline" not in syncs[1]
    assert all("--compile-bytecode" in sync for sync in syncs)


def pins_without_hashes(requirements: str) -> list[str]:
    """Each `name==version` whose entry has no --hash (an entry runs until the next pin)."""
    entries = re.split(r"\n(?=[A-Za-z0-9])", requirements)
    pins = [entry for entry in entries if re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*==", entry)]
    return [pin.split()[0] for pin in pins if "--hash=sha256:" not in pin]


@pytest.mark.parametrize("name", ["requirements.txt", "requirements-bootstrap.txt"])
def test_every_requirement_is_pinned_by_hash(name: str) -> None:
    text = (REPO_ROOT / name).read_text(encoding="utf-8")
    assert re.search(r"(?m)^[a-z0-9]", text), f"{name} lists no requirement"
    assert pins_without_hashes(text) == []


def test_a_pin_without_a_hash_is_reported() -> None:
    text = "a==1.0 \\\n    --hash=sha256:00\n    # via b\nc==2.0\n    # via d\n"
    assert pins_without_hashes(text) == ["c==2.0"]


def test_uv_is_installed_by_hash() -> None:
    installs = [line for line in make_dry_run("-B", ".venv/.venv-ok") if "pip install" in line]
    assert installs and all("--require-hashes -r requirements-bootstrap.txt" in line for line in installs)
    assert "uv==" in (REPO_ROOT / "requirements-bootstrap.txt").read_text(encoding="utf-8")


# --- clear messages --------------------------------------------------------------------------


def test_without_npm_the_message_says_what_to_install(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"  # a PATH with a shell and cat, and no npm
    bin_dir.mkdir()
    for tool in ("bash", "cat"):
        (bin_dir / tool).symlink_to(shutil.which(tool))
    result = run(bin_dir / "bash", SCRIPTS / "ensure-npm.sh", env={"PATH": str(bin_dir)})
    assert result.returncode == 1
    assert "npm was not found" in result.stderr
    assert "Node.js 20" in result.stderr and "apt-get install nodejs npm" in result.stderr


def test_a_read_only_checkout_says_where_to_put_the_output() -> None:
    # Not tmp_path: pytest makes its parent private to the user, so `nobody` could not even look.
    with tempfile.TemporaryDirectory() as folder:
        read_only_check(Path(folder))


def read_only_check(tmp_path: Path) -> None:
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    script = tmp_path / "ensure-writable.sh"
    shutil.copy(SCRIPTS / "ensure-writable.sh", script)
    tmp_path.chmod(0o755)
    checkout.chmod(0o555)
    result = run(*as_unprivileged("bash", script, checkout / "site"))
    assert result.returncode == 1, result.stderr
    assert f"Cannot write {checkout / 'site'}" in result.stderr
    assert "make build SITE_DIR=" in result.stderr
    checkout.chmod(0o755)
    assert run("bash", script, checkout / "site" / "nested").returncode == 0  # writable: no message


def test_make_build_writes_where_site_dir_says() -> None:
    commands = make_dry_run("build", "SITE_DIR=/tmp/chosen-site")
    assert "scripts/ensure-writable.sh /tmp/chosen-site" in commands
    assert ".venv/bin/mkdocs build --strict --site-dir /tmp/chosen-site" in commands
