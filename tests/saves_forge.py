"""Forging save files for the tests: what a careless or hostile writer could make, with right checksums.

A forged file passes every checksum, so only the checks of content can
refuse it. ``seal_v1`` makes a format-1 file around any body; ``frames`` and
``chained`` take a format-2 file apart into its decoded frames and put
(changed) frames back together with a valid chain.
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgpack

from game.saves import format2
from game.saves.envelope import MARKER


def seal_v1(version: int, body: bytes) -> bytes:
    """A format-1 style file (marker, version, one body, whole-file checksum) around ``body``."""
    head = MARKER + (bytes([version]) if version < 0x80 else b"\xcd" + version.to_bytes(2, "big"))
    head += b"\xc6" + len(body).to_bytes(4, "big")
    return head + body + b"\xc4\x20" + hashlib.sha256(head + body).digest()


def frames(data: bytes) -> list[Any]:
    """Every frame of a format-2 file, decoded: ``[kind, time, content]`` each."""
    return [msgpack.unpackb(payload) for payload in format2.read_frames(data).payloads]


def chained(values: list[Any]) -> bytes:
    """A format-2 file of these frames (as :func:`frames` gives them), every head and sum right."""
    chain = format2.Chain()
    parts = [format2.PREFIX]
    for value in values:
        frame, chain = chain.frame(msgpack.packb(value, use_bin_type=True))
        parts.append(frame)
    return b"".join(parts)


def turn_frames(values: list[Any]) -> list[int]:
    """The indexes of the frames holding resolved turns."""
    return [i for i, (kind, _, content) in enumerate(values) if kind == "event" and content[0] == "turn"]
