"""A built wheel carries the migrations, and ``samverkan db upgrade`` works from it alone.

The wheel is installed without dependencies into a folder of its own and run with this venv's
dependencies, from a working directory outside the checkout: nothing may come from the checkout.
"""
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True)
    (path,) = out.glob("samverkan-*.whl")
    return path


def test_the_wheel_holds_the_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    revisions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    assert revisions
    for name in ["env.py", "alembic.ini", "script.py.mako", *(f"versions/{r}" for r in revisions)]:
        assert f"samverkan/migrations/{name}" in names


def test_db_upgrade_runs_from_the_installed_wheel(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, capture_output=True)
    database = tmp_path / "wheel.sqlite"
    env = {**os.environ, "PYTHONPATH": str(site), "SAMVERKAN_DATABASE_URL": f"sqlite:///{database}",
           "SAMVERKAN_SECRET_KEY": "test"}
    script = "import sys, samverkan; print(samverkan.__file__); from samverkan.cli import main; main()"
    for args in (["db", "upgrade"], ["plugins", "sync"]):
        result = subprocess.run([sys.executable, "-c", script, *args], cwd=tmp_path, env=env,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith(str(site)), result.stdout  # the installed copy, not the checkout
    assert "region: 21 created" in result.stdout
