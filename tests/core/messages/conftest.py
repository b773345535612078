"""Message tests reuse the policy tests' builders."""

import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "policy"))
