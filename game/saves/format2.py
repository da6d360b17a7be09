"""Formats 2 and 3 of a save: an append-only journal of frames, each chained by SHA-256 to everything before it.

Format 1 rewrote and fsynced the whole file after every turn, a cost that
grew with the game. Format 2 writes a header frame once, then appends one
frame per event the session accepts (docs/save-format.md has the bytes):

    marker     the msgpack string "HORIZON-WGSAVE", then the version (3; 2 in files before beliefs)
    frame      head   bin 8:  the payload's length (4 bytes) and a 4-byte check of that length
               body   bin 32: the payload, msgpack ``[kind, time, content]``
               sum    bin 32: the SHA-256 of every byte of the file before it

Because each frame's sum covers the whole file before it, a complete file
ends, exactly like a format-1 file, with the SHA-256 of everything before its
last 34 bytes, and no byte can change without a sum noticing. A frame cut off
by a crash mid-append (its head intact but the file ending inside it, or a
tail of zeros) is torn: reading drops it, so the file reads as the valid
prefix it was. A complete frame whose sum does not match is damage,
reported in one line with its place. The head's own check tells the two
apart: a damaged length cannot pass for a torn last frame.

Format 3 is format 2 with one more kind of event (a seat's answer to one of
the scenario's beliefs); both are read here, the version deciding which
events a file may hold, and format 3 is written.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

import msgpack
from attrs import frozen

from game import __version__
from game import decoding as d
from game.decoding import Invalid
from game.engine.model import Scenario
from game.journal import Event, GameHeader, decode_event, decode_header, encode_event, encode_header
from game.safe_text import clean

VERSION = 3
"""The journal format written."""
VERSIONS = (2, 3)
"""The journal formats read (the same frames; format 2 holds no beliefs)."""
PREFIX = b"\xaeHORIZON-WGSAVE" + bytes([VERSION])
"""The marker and the version: the first 16 bytes of every file written."""
HEAD_TAG, BODY_TAG, SUM_TAG = b"\xc4\x08", b"\xc6", b"\xc4\x20"
HEAD_SIZE, BODY_HEADER_SIZE, SUM_SIZE = 10, 5, 34
HEADER, EVENT = "header", "event"
_HEADER_KEYS = ("app", "scenario", "game")
_SCENARIO_KEYS = ("id", "title", "file", "sha256", "text")


class Damaged(Exception):
    """A complete frame that does not chain, or bytes that are no frame; ``str`` says where."""


@frozen
class Frames:
    """A format-2 file read as frames: the payloads in order, and how much of the file they fill."""

    payloads: tuple[bytes, ...]
    dropped: int
    """Bytes after ``length``: a torn last frame, dropped."""


class Chain:
    """The running SHA-256 of a file being written, so each new frame costs only its own bytes."""

    def __init__(self, data: bytes = PREFIX) -> None:
        """The chain at the end of ``data``: a whole format-2 file, or its first 16 bytes."""
        self._hash = hashlib.sha256(data)
        self.digest = self._hash.digest() if len(data) == len(PREFIX) else data[-32:]

    def frame(self, payload: bytes) -> tuple[bytes, Chain]:
        """The complete frame for ``payload``, chained to everything before it, and the chain after it."""
        size = len(payload).to_bytes(4, "big")
        head = HEAD_TAG + size + _length_check(self.digest, size)
        body = BODY_TAG + size + payload
        after = Chain.__new__(Chain)
        after._hash = self._hash.copy()
        after._hash.update(head)
        after._hash.update(body)
        after.digest = after._hash.digest()
        after._hash.update(SUM_TAG + after.digest)
        return b"".join((head, body, SUM_TAG, after.digest)), after


def _length_check(previous: bytes, size: bytes) -> bytes:
    return hashlib.sha256(previous + size).digest()[:4]


def payload(kind: str, when: datetime.datetime, content: Any) -> bytes:
    return msgpack.packb([kind, d.time_text(when), content], use_bin_type=True)


def header_payload(scenario: Scenario, header: GameHeader, when: datetime.datetime) -> bytes:
    origin = scenario.origin
    # the file's name is whatever the file system allows; a save holds no control character
    scenario_map = {"id": scenario.id, "title": scenario.title,
                    "file": clean(origin.path.rsplit("/", 1)[-1], multiline=False),
                    "sha256": origin.sha256, "text": origin.text}
    return payload(HEADER, when, {"app": __version__, "scenario": scenario_map, "game": encode_header(header)})


def event_payload(event: Event, when: datetime.datetime) -> bytes:
    return payload(EVENT, when, encode_event(event))


def encode_file(scenario: Scenario, header: GameHeader, events: Iterable[Event],
                when: datetime.datetime) -> bytes:
    """A whole format-2 file: the header frame, then one frame per event."""
    chain = Chain()
    parts = [PREFIX]
    for data in (header_payload(scenario, header, when), *(event_payload(event, when) for event in events)):
        frame, chain = chain.frame(data)
        parts.append(frame)
    return b"".join(parts)


def read_frames(data: bytes) -> Frames:
    """Split a format-2 or -3 file (marker and version checked by the caller) into its frames.

    Raises :class:`Damaged` for a complete frame that does not chain or bytes
    that cannot begin a frame; a torn last frame is left out (``dropped``).
    """
    view = memoryview(data)
    running = hashlib.sha256(view[: len(PREFIX)])  # the file's own version byte
    digest = running.digest()
    payloads = []
    pos, end = len(PREFIX), len(data)
    while pos < end:
        number = len(payloads) + 1
        if _torn(view[pos:]):
            break
        if view[pos : pos + 2] != HEAD_TAG:
            raise Damaged(f"frame {number} at byte {pos:,} does not begin like a frame")
        size = bytes(view[pos + 2 : pos + 6])
        if bytes(view[pos + 6 : pos + HEAD_SIZE]) != _length_check(digest, size):
            raise Damaged(f"frame {number} at byte {pos:,} has a damaged head")
        length = int.from_bytes(size, "big")
        body_end = pos + HEAD_SIZE + BODY_HEADER_SIZE + length
        if body_end + SUM_SIZE > end:
            break  # the head is intact, the file ends inside the frame: torn
        if body_end + SUM_SIZE == end and not any(view[body_end:end]):
            break  # the last frame's sum never reached the disk: torn
        if view[pos + HEAD_SIZE : pos + HEAD_SIZE + BODY_HEADER_SIZE] != BODY_TAG + size \
                or view[body_end : body_end + 2] != SUM_TAG:
            raise Damaged(f"frame {number} at byte {pos:,} is malformed")
        recorded = view[body_end + 2 : body_end + SUM_SIZE]
        running.update(view[pos:body_end])
        digest = running.digest()
        if recorded != digest:
            raise Damaged(f"frame {number} (bytes {pos:,} to {body_end + SUM_SIZE:,}) does not chain to "
                          "the ones before it (the file changed after it was written)")
        running.update(view[body_end : body_end + SUM_SIZE])
        payloads.append(bytes(view[pos + HEAD_SIZE + BODY_HEADER_SIZE : body_end]))
        pos = body_end + SUM_SIZE
    return Frames(tuple(payloads), end - pos)


def _torn(rest: memoryview) -> bool:
    """Whether ``rest`` can only be what a crash mid-append leaves: a cut head, or zeros."""
    if not any(rest):
        return True
    return len(rest) < HEAD_SIZE and bytes(rest[:2]) == HEAD_TAG[: len(rest[:2])]


@frozen
class Journal:
    """A journal file's content: who wrote it, the scenario block, the header, and the events with their times."""

    version: int
    app_version: str
    scenario: dict[str, str]
    header: GameHeader
    events: tuple[Event, ...]
    updated: datetime.datetime
    """When the last frame was written."""


def read_journal(frames: Frames, version: int = VERSION) -> Journal:
    """Decode every frame's payload as format ``version`` has them; raises :class:`Invalid` naming the frame
    and the field."""
    if not frames.payloads:
        raise Invalid("the file has no header frame")
    kind, when, content = _frame(frames.payloads[0], 1)
    if kind != HEADER:
        raise Invalid("frame 1: expected the header")
    fields = d.mapping(content, "header", _HEADER_KEYS, version)
    scenario = d.mapping(fields["scenario"], "header.scenario", _SCENARIO_KEYS, version)
    scenario = {key: d.text(scenario[key], ("header.scenario", key), raw=key == "text") for key in _SCENARIO_KEYS}
    header = decode_header(fields["game"], "header.game", version)
    events, updated = [], when
    for number, data in enumerate(frames.payloads[1:], 2):
        kind, updated, content = _frame(data, number)
        if kind != EVENT:
            raise Invalid(f"frame {number}: expected an event")
        events.append(decode_event(content, f"frame {number}", version))
    return Journal(version, d.text(fields["app"], "header.app", d.MAX_SHORT), scenario, header, tuple(events), updated)


def _frame(data: bytes, number: int) -> tuple[str, datetime.datetime, Any]:
    where = f"frame {number}"
    kind, when, content = d.array(d.unpack(data, where), where, 3)
    if not isinstance(kind, str):
        raise Invalid(f"{where}: expected a kind of frame")
    return kind, d.moment(when, (where, "time")), content
