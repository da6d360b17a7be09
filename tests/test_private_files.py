"""Files that hold secrets are private (issue 17.4, 17.6): 0600 files, 0700 folders, whatever the umask.

A host journal holds every token, a save every seat's secrets. Each test sets
the most permissive umask (0) so that only Horizon's own modes can keep others
out; a hosted game is then played and every file and folder it left is checked.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path

import pytest

from game.analysis.debrief_files import write_debrief
from game.atomic import write_atomically
from game.net import protocol as p
from game.net.host import Host, HostOptions
from game.net.journal_db import Journal
from game.private_files import exposed, private_folder
from game.saves.ownership import SaveLock, lock_path
from game.scenario import load_scenario
from game.session import Session
from tests.net_support import RecordingSeat, hosted, link_of
from tests.paths import SHIPPED


@pytest.fixture(autouse=True)
def open_umask():
    """umask 0: a file created with the default 0666 would be readable and writable by everyone."""
    before = os.umask(0)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path, follow_symlinks=False).st_mode)


def modes_under(folder: Path) -> dict[str, int]:
    return {str(path.relative_to(folder)): mode(path) for path in sorted(folder.rglob("*"))}


def test_new_folders_are_0700_and_an_existing_one_keeps_its_mode(tmp_path):
    (tmp_path / "shared").mkdir(mode=0o755)
    os.chmod(tmp_path / "shared", 0o755)
    private_folder(tmp_path / "shared" / "a" / "b")
    assert modes_under(tmp_path) == {"shared": 0o755, "shared/a": 0o700, "shared/a/b": 0o700}


def test_the_writer_makes_new_files_0600_and_keeps_an_existing_file_s_mode(tmp_path):
    write_atomically(tmp_path / "new.wgsave", b"secret")
    (tmp_path / "old.md").write_text("x")
    os.chmod(tmp_path / "old.md", 0o644)
    write_atomically(tmp_path / "old.md", b"replaced")
    assert modes_under(tmp_path) == {"new.wgsave": 0o600, "old.md": 0o644}


def test_a_lock_file_and_a_debrief_export_are_0600(tmp_path):
    lock = SaveLock.acquire(tmp_path / "game.wgsave")
    assert mode(lock_path(tmp_path / "game.wgsave")) == 0o600
    lock.release()
    scenario = load_scenario(SHIPPED)
    session = Session(scenario, 1, dict.fromkeys(scenario.seats, "random"))
    written = write_debrief(session, "# Debrief\n", tmp_path / "exports")
    assert {mode(path) for path in written} == {0o600} and mode(tmp_path / "exports") == 0o700


def test_others_reading_a_journal_or_save_is_warned_about(tmp_path):
    path = tmp_path / "host.sqlite"
    path.write_bytes(b"")
    os.chmod(path, 0o644)
    assert "other accounts may read it (mode 0644)" in exposed(path, "journal")
    os.chmod(path, 0o600)
    assert exposed(path, "journal") is None


async def test_a_hosted_game_leaves_only_private_files_and_always_its_save(tmp_path):
    """``--journal`` in a folder where no saves folder exists yet: the folder is made and the save kept."""
    journal, saves = tmp_path / "run" / "j.sqlite", tmp_path / "run" / "saves"
    async with hosted(tmp_path, journal=journal, saves=saves) as host:
        async with RecordingSeat(link_of(host, "us")) as us:
            await us.update()
            assert isinstance(await us.ask(lambda rid: p.SendMessage(rid, (), "the base deal")), p.Ack)
        assert not host.games[1].trouble
        while_open = modes_under(tmp_path)
    after = modes_under(tmp_path)
    assert [name for name in after if name.endswith(".wgsave")], "no save was written"
    for files in (while_open, after):
        assert {name: value for name, value in files.items() if value not in (0o600, 0o700)} == {}
        assert all(value == 0o700 for name, value in files.items() if (tmp_path / name).is_dir())
    assert any(name.endswith("-wal") for name in while_open)  # SQLite's own files took the journal's mode


def test_a_save_that_cannot_be_written_is_said_once_with_the_folder_and_why(tmp_path):
    """A file where the saves folder should be: the host serves anyway, and says so once per game."""
    (tmp_path / "saves").write_text("not a folder")
    err = io.StringIO()
    host = Host(HostOptions(scenario=SHIPPED, port=0, saves=tmp_path / "saves", journal=tmp_path / "j.sqlite"),
                out=io.StringIO(), err=err)
    host.prepare()
    game = host.games[1]
    game._keep_save()
    game._write_save()
    game._write_save()
    told = [line for line in err.getvalue().splitlines() if "save" in line]
    assert len(told) == 1, told
    assert f"cannot be written in {tmp_path / 'saves'}" in told[0] or f"folder {tmp_path / 'saves'}" in told[0]
    assert game.trouble
    host.journal.close()


def test_the_host_warns_of_a_journal_others_can_read(tmp_path):
    journal = tmp_path / "j.sqlite"
    Journal.open(journal).close()
    os.chmod(journal, 0o644)
    err = io.StringIO()
    host = Host(HostOptions(scenario=SHIPPED, port=0, saves=tmp_path / "saves", journal=journal),
                out=io.StringIO(), err=err)
    host.prepare()
    host.journal.close()
    assert f"warning: {journal}: this journal holds secrets and other accounts may read it (mode 0644)" \
        in err.getvalue()
