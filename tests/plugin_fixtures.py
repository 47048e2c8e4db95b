"""Test helpers: install the third county's plugin through a real entry point."""
import sys
from pathlib import Path

THIRD_COUNTY = Path(__file__).parent / "third_county"


def install_third_county(path, monkeypatch):
    """Make ``third_county`` importable and announce it in the ``samverkan.regions`` group.

    The same thing ``pip install`` does for a county's package: a ``.dist-info`` folder with
    ``entry_points.txt`` on ``sys.path``. Nothing in the core is told about it.
    """
    dist_info = path / "third_county-1.0.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: third-county\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text("[samverkan.regions]\njamtland = third_county\n")
    monkeypatch.syspath_prepend(str(path))
    monkeypatch.syspath_prepend(str(THIRD_COUNTY))
    monkeypatch.delitem(sys.modules, "third_county", raising=False)
