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


REVISED_COUNTY = Path(__file__).parent / "revised_county"


def install_revised_county(path, monkeypatch, release):
    """Install ``release`` (1 or 2) of the revising county's package (``tests/revised_county``)
    through a real entry point; installing the other release over it is what upgrading the
    package does: the same distribution, its entry point naming that release's plugin."""
    dist_info = path / "revised_county-1.0.dist-info"
    dist_info.mkdir(exist_ok=True)
    (dist_info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: revised-county\nVersion: {release}.0\n")
    (dist_info / "entry_points.txt").write_text(f"[samverkan.regions]\ndalarna = revised_county:release_{release}\n")
    monkeypatch.syspath_prepend(str(path))
    monkeypatch.syspath_prepend(str(REVISED_COUNTY))
    monkeypatch.delitem(sys.modules, "revised_county", raising=False)
