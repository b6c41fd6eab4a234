"""The one Jupyter kernel the project runs its notebooks in, by name.

Papermill, ``h200 baseline``, the stored notebooks' kernelspec and JupyterLab all use
this name (kernel-name mismatches are the most common CI failure of papermill and
nbval). ``python -m h200report.render.kernel`` registers it in the current
environment, which ``make setup`` does.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys

KERNEL_NAME = "h200report"
DISPLAY_NAME = "Python (h200report)"
KERNELSPEC = {"name": KERNEL_NAME, "display_name": DISPLAY_NAME, "language": "python"}


@functools.cache
def kernel_manager_class(log_path: str, env: tuple[tuple[str, str], ...] = ()):
    """A kernel manager whose kernels write their stderr to ``log_path`` and get ``env``
    added to their environment.

    Kernel chatter (ipykernel's TCP warning, shutdown notices) would otherwise land
    on the terminal, and in every cron mail. ``env`` passes a render's settings to its
    own kernels without touching this process's environment, which other threads share.
    """
    from jupyter_client.manager import AsyncKernelManager

    class RunLogKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            if env:
                kw["env"] = {**(kw.get("env") or os.environ), **dict(env)}
            with open(log_path, "ab") as sink:  # the child keeps its own copy of the fd
                kw.setdefault("stderr", sink)
                return await super()._async_launch_kernel(kernel_cmd, **kw)

    return RunLogKernelManager


def install() -> int:
    """Register the kernel inside the running environment (not the user's home)."""
    command = [sys.executable, "-m", "ipykernel", "install", "--sys-prefix"]
    command += ["--name", KERNEL_NAME, "--display-name", DISPLAY_NAME]
    return subprocess.run(command, check=False, stdout=subprocess.DEVNULL).returncode


if __name__ == "__main__":
    sys.exit(install())
