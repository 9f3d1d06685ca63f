"""Where the published standards artifacts are (schemas, test vectors): ``../shared/standards``
next to the project, or the folder named by MUHANDIS_STANDARDS_DIR (as the credentials' tests
find them)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def standards_dir() -> Path:
    named = os.environ.get("MUHANDIS_STANDARDS_DIR")
    return Path(named) if named else ROOT.parent / "shared" / "standards"
