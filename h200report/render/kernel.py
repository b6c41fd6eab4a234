"""The one Jupyter kernel the project runs its notebooks in, by name.

Papermill, ``h200 baseline``, the stored notebooks' kernelspec and JupyterLab all use
this name (kernel-name mismatches are the most common CI failure of papermill and
nbval). ``python -m h200report.render.kernel`` registers it in the current
environment, which ``make setup`` does.
"""

from __future__ import annotations

import subprocess
import sys

KERNEL_NAME = "h200report"
DISPLAY_NAME = "Python (h200report)"
KERNELSPEC = {"name": KERNEL_NAME, "display_name": DISPLAY_NAME, "language": "python"}


def install() -> int:
    """Register the kernel inside the running environment (not the user's home)."""
    command = [sys.executable, "-m", "ipykernel", "install", "--sys-prefix"]
    command += ["--name", KERNEL_NAME, "--display-name", DISPLAY_NAME]
    return subprocess.run(command, check=False, stdout=subprocess.DEVNULL).returncode


if __name__ == "__main__":
    sys.exit(install())
