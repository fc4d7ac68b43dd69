"""Where the steering repo's shared/ folder is, when it is present (beside the
project in a checkout and in CI; absent on a user's machine): tests that read
the dev set or the raw reference datasets skip without it."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_CANDIDATES = [Path(os.environ["SHARED_DIR"])] if os.environ.get("SHARED_DIR") else []
_CANDIDATES += [ROOT.parent / "shared", ROOT.parent.parent / "shared"]
SHARED = next((p for p in _CANDIDATES if p.is_dir()), _CANDIDATES[-1])
