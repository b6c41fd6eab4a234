"""The small-disk helper (tests/support/disks.py) gives what it promises, by each method."""

from __future__ import annotations

import errno
import sys

import pytest

from tests.support.disks import METHODS, small_disk

WRITE = [sys.executable, "-c", "import sys; open(sys.argv[1], 'wb').write(b'x' * 100_000)"]


@pytest.mark.parametrize("method", METHODS)
def test_a_small_disk_fills_up_and_turns_read_only(tmp_path, method):
    with small_disk(tmp_path / "disk", size_kib=64, methods=(method,)) as disk:
        assert disk.method == method and 0 < disk.free_bytes() <= 64 * 1024
        # The tmpfs is where the command runs, not the plain folder beneath it.
        too_big = disk.run([*WRITE, str(disk.path / "big")], capture_output=True, text=True)
        assert too_big.returncode == 1 and "No space left on device" in too_big.stderr
        disk.host_path("big").unlink()
        disk.host_path("kept").write_text("earlier", encoding="utf-8")
        disk.fill(leave_kib=8)
        assert 0 < disk.free_bytes() <= 8 * 1024
        disk.fill()
        assert disk.free_bytes() == 0
        disk.make_readonly()
        with pytest.raises(OSError) as err:
            disk.host_path("new").write_text("x", encoding="utf-8")
        assert err.value.errno == errno.EROFS
        seen = disk.run(["cat", str(disk.path / "kept")], capture_output=True, text=True)
        assert seen.stdout == "earlier"
    assert not (tmp_path / "disk" / "kept").exists(), "the disk is gone afterwards"
