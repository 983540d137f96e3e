"""The cache's mapped byte strings read by offset (normalizer.out_of_band.ReadByOffset)."""

import mmap
import os

import pytest

from normalizer.out_of_band import READ_BY_OFFSET_ABOVE, ReadByOffset, mapped

LARGE = READ_BY_OFFSET_ABOVE + 1  # the size of a file read by offset

pytestmark = pytest.mark.skipif(not hasattr(os, "pread"), reason="read by offset needs os.pread")


@pytest.fixture
def stored(tmp_path):
    # A buffer at a page boundary after other bytes, as the cache stores them.
    data = bytes(range(256)) * 300 + b"\0key\1value\1more\0other\1x"
    path = tmp_path / "file"
    path.write_bytes(b"h" * mmap.ALLOCATIONGRANULARITY + data)
    with open(path, "rb") as handle:
        buffer = mapped(handle.fileno(), len(data), mmap.ALLOCATIONGRANULARITY, [], LARGE)
    return data, buffer


def test_slices_and_find_answer_as_bytes(stored):
    data, buffer = stored
    assert isinstance(buffer, ReadByOffset) and len(buffer) == len(data)
    for at in (slice(0, 10), slice(5, 5), slice(7, 3), slice(-30, None), slice(None, -5), slice(100, 10**9), slice(0, 9, 2)):
        assert buffer[at] == data[at], at
    assert buffer[3] == data[3]
    for sub, start, end in [(b"\0key\1", None, None), (b"\1", len(data) - 20, None), (b"more", 0, 40), (b"absent", None, None), (b"", 5, 2), (b"", 5, None), (b"x", -1, None), (b"\0", -30, -1)]:
        assert buffer.find(sub, start, end) == data.find(sub, start, end), (sub, start, end)
    assert bytes(memoryview(buffer)) == data  # the buffer protocol reads the mapping


def test_two_buffers_share_one_descriptor(tmp_path):
    path = tmp_path / "file"
    path.write_bytes(b"a" * mmap.ALLOCATIONGRANULARITY + b"b" * mmap.ALLOCATIONGRANULARITY)
    shared: list = []
    with open(path, "rb") as handle:
        first = mapped(handle.fileno(), mmap.ALLOCATIONGRANULARITY, 0, shared, LARGE)
        second = mapped(handle.fileno(), mmap.ALLOCATIONGRANULARITY, mmap.ALLOCATIONGRANULARITY, shared, LARGE)
    assert len(shared) == 1
    assert first[:3] == b"aaa" and second[:3] == b"bbb"  # read after the file's handle is closed


def test_a_small_file_is_read_through_its_mapping(tmp_path):
    # A small index is read through plain mappings: no system call a lookup.
    path = tmp_path / "file"
    data = b"\0key\1value\0" * 100
    path.write_bytes(b"h" * mmap.ALLOCATIONGRANULARITY + data)
    shared: list = []
    with open(path, "rb") as handle:
        buffer = mapped(handle.fileno(), len(data), mmap.ALLOCATIONGRANULARITY, shared, path.stat().st_size)
    assert not isinstance(buffer, ReadByOffset) and not shared
    assert buffer[4:9] == data[4:9] and buffer.find(b"value", 0, 40) == data.find(b"value", 0, 40)
