"""Where the published standards artifacts are (test vectors, schemas): ``../shared/standards``
next to the project, or the folder named by MUHANDIS_STANDARDS_DIR. In CI the folder must be
there: a conformance test never skips in CI."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def standards_dir() -> Path:
    named = os.environ.get("MUHANDIS_STANDARDS_DIR")
    folder = Path(named) if named else ROOT.parent / "shared" / "standards"
    if os.environ.get("CI") and not folder.is_dir():
        raise RuntimeError(
            f"The standards folder {folder} is needed in CI (MUHANDIS_STANDARDS_DIR)."
        )
    return folder
