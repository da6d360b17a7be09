"""The start and the end of a save file, which every format shares, and format 1's frame.

Every save begins with the marker (the msgpack string "HORIZON-WGSAVE") and
a msgpack unsigned integer, its format version, and a complete file ends
with a msgpack bin of 32 bytes: the SHA-256 of every byte before it. In
format 1 the middle is one msgpack bin holding the body:

    marker     the msgpack string "HORIZON-WGSAVE" (15 bytes)
    version    1
    body       a msgpack bin holding the body (itself msgpack, laid out as format 1 says)
    checksum   a msgpack bin of 32 bytes: the SHA-256 of every byte before it

Formats 2 and 3 append frames instead (``format2``), each ending with that same
checksum, so its last one is the whole file's. This module tells, for any
file, the ways it can fail before a body is decoded: not a save (no marker),
truncated (shorter than its header declares), damaged (the checksum does not
match: a flipped bit anywhere, the checksum included, is caught), and written
by a newer format. The checksum is tested before the version, so a damaged
version number reads as damage, not as a newer format.
"""

from __future__ import annotations

import hashlib

from game.saves.records import SaveError

MARKER = b"\xaeHORIZON-WGSAVE"
CHECKSUM_TAG = b"\xc4\x20"
"""msgpack's header for a 32-byte bin: the checksum's first two bytes."""
TRAILER_SIZE = len(CHECKSUM_TAG) + 32
JOURNAL_VERSIONS = (2, 3)
"""The version bytes of formats 2 and 3, whose frames ``format2`` reads (they end with the same checksum rule)."""
_UINT_WIDTHS = {0xCC: 1, 0xCD: 2, 0xCE: 4, 0xCF: 8}
_BIN_WIDTHS = {0xC4: 1, 0xC5: 2, 0xC6: 4}


class _Short(Exception):
    """The data ends inside the frame's header."""


def open_envelope(data: bytes, name: str, newest: int) -> tuple[int, memoryview | None]:
    """Check the frame of ``data`` and return its format version and, for format 1, its body.

    ``name`` names the file in messages; ``newest`` is the newest format this
    Horizon reads. A format-2 or -3 file is returned with no body: its frames are
    checked by ``format2``. Raises :class:`SaveError` for anything but an
    intact format-1 frame, a format-2 file, or a newer format's intact file.
    """
    if not data:
        raise SaveError(name, "empty file (0 bytes): not a Horizon save")
    if not MARKER.startswith(data[: len(MARKER)]):
        raise SaveError(name, "not a Horizon save (it does not begin with the save marker)")
    try:
        header = _header(data)
    except _Short:
        raise SaveError(name, f"truncated: the file ends inside its header, after {len(data):,} bytes") \
            from None
    if data[len(MARKER)] in JOURNAL_VERSIONS:
        return data[len(MARKER)], None
    if not _checksum_holds(data):
        if header is not None and header[2] + TRAILER_SIZE > len(data):
            raise SaveError(name, f"truncated: {len(data):,} bytes of the "
                                  f"{header[2] + TRAILER_SIZE:,} its header declares")
        raise SaveError(name, "damaged: checksum mismatch (the file changed after it was written)")
    version = header[0] if header is not None else None
    if version is not None and version > newest:
        raise SaveError(name, f"written by a newer format (save format {version}; this Horizon reads "
                              f"formats up to {newest}): open it with a newer Horizon")
    if header is None or header[2] + TRAILER_SIZE != len(data):
        raise SaveError(name, "damaged: the frame around the body is malformed")
    if version != 1:
        raise SaveError(name, f"damaged: unknown save format {version}")
    return version, memoryview(data)[header[1] : header[2]]


def _checksum_holds(data: bytes) -> bool:
    if len(data) < len(MARKER) + TRAILER_SIZE or data[-TRAILER_SIZE:-32] != CHECKSUM_TAG:
        return False
    return hashlib.sha256(memoryview(data)[:-TRAILER_SIZE]).digest() == data[-32:]


def _header(data: bytes) -> tuple[int, int, int] | None:
    """(version, body start, body end) as declared; None if malformed; raises _Short if cut."""
    pos = len(MARKER)
    tag, pos = _take(data, pos, 1)
    if tag[0] < 0x80:
        version = tag[0]
    elif tag[0] in _UINT_WIDTHS:
        raw, pos = _take(data, pos, _UINT_WIDTHS[tag[0]])
        version = int.from_bytes(raw, "big")
    else:
        return None
    if version in JOURNAL_VERSIONS:
        return version, pos, pos
    tag, pos = _take(data, pos, 1)
    if tag[0] not in _BIN_WIDTHS:
        return None
    raw, pos = _take(data, pos, _BIN_WIDTHS[tag[0]])
    return version, pos, pos + int.from_bytes(raw, "big")


def _take(data: bytes, pos: int, count: int) -> tuple[bytes, int]:
    if pos + count > len(data):
        raise _Short
    return data[pos : pos + count], pos + count
