"""Files written in format 1, before format 2 replaced the writer, still load and replay, and are never rewritten.

The fixtures (tests/known/format1-saves.tar.xz, listed in format1-saves.txt)
were written by Horizon 0.1.0's own writer: every known-answer game of the
shipped scenario, and a mini game with human seats, rationales and a branch.
"""

from __future__ import annotations

import tarfile
from pathlib import Path

import msgpack
import pytest

from game.cli import main
from game.engine.state import state_hash
from game.saves import FORMAT, load_save, restore_session
from game.saves.codec import decode_game
from game.saves.envelope import MARKER, TRAILER_SIZE
from game.session import HUMAN
from tests.saves_forge import seal_v1

KNOWN = Path(__file__).resolve().parent / "known"
LISTED = [line.split() for line in (KNOWN / "format1-saves.txt").read_text().splitlines()
          if not line.startswith("#")]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    where = tmp_path_factory.mktemp("format1")
    with tarfile.open(KNOWN / "format1-saves.tar.xz") as archive:
        archive.extractall(where, filter="data")
    return where


def body_of(data: bytes) -> dict:
    return msgpack.unpackb(data[len(MARKER) + 1 + 5 : -TRAILER_SIZE])


@pytest.mark.parametrize("name, played, over, final", LISTED, ids=[row[0] for row in LISTED])
def test_every_format1_fixture_loads_and_replays_to_its_recorded_hashes(folder, name, played, over, final):
    path = folder / name
    before = path.read_bytes()
    saved = load_save(path)
    session = restore_session(saved)
    assert saved.format == 1 and saved.played == int(played) and saved.over == (over == "over")
    assert state_hash(session.state) == final == saved.turns[-1].state_hash
    assert [o.by for o in session.turns[0].orders] == [saved.controllers[s] for s in session.scenario.seats]
    assert path.read_bytes() == before  # reading and replaying never rewrite an older file


def test_format1_human_orders_keep_their_rationales_and_the_branch_its_parent(folder):
    humans = restore_session(load_save(folder / "mini-humans.wgsave"))
    assert humans.controllers["a"] == HUMAN and humans.turns[0].orders[0].rationale == "because 0 — ünïcode"
    branch = load_save(folder / "mini-branch.wgsave")
    assert (branch.parent.game_id, branch.parent.turn) == ("a" * 32, 2)
    assert branch.parent.state_hash == restore_session(load_save(folder / "mini-humans.wgsave"), 2).turns[1].state_hash


def test_playing_a_format1_game_on_upgrades_its_file_to_the_current_format(folder, tmp_path, capsys):
    path = tmp_path / "old.wgsave"
    path.write_bytes((folder / "mini-branch.wgsave").read_bytes())
    assert main(["run", "--resume", str(path), "--seat", "a=random"]) == 0
    upgraded = load_save(path)
    assert upgraded.format == FORMAT and upgraded.played == 5 and upgraded.over
    assert upgraded.turns[:3] == load_save(folder / "mini-branch.wgsave").turns[:3]
    assert main(["replay", str(path), "--verify"]) == 0
    capsys.readouterr()


def test_a_forged_format1_body_is_still_checked_field_by_field(folder):
    body = body_of((folder / "known-01.wgsave").read_bytes())
    body["turns"][0][1][0][1] = "us.fly"
    with pytest.raises(Exception, match="'us' has no action 'us.fly'"):
        decode_game(seal_v1(1, msgpack.packb(body)), "x.wgsave")
    body = body_of((folder / "known-01.wgsave").read_bytes())
    body["snapshots"][-1][1][0] = 99_999
    with pytest.raises(Exception, match="does not fit variable"):
        decode_game(seal_v1(1, msgpack.packb(body)), "x.wgsave")
    body = body_of((folder / "known-01.wgsave").read_bytes())
    body["turns"][3][3] = bytes(32)
    body["snapshots"] = body["snapshots"][:-1]
    with pytest.raises(Exception, match="the state after the last turn is missing"):
        decode_game(seal_v1(1, msgpack.packb(body)), "x.wgsave")
