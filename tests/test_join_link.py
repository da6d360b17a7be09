"""A seat's link is its only key: ``wargame join`` takes it without putting it in the process list (17.4).

On a shared server every account sees every command line (``ps``); the link
read from a file (or standard input) never appears there.
"""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from game.cli import main
from tests.net_support import hosted, link_of


def joined(capsys, *args: str) -> tuple[int, str]:
    code = main(["join", *args])
    return code, capsys.readouterr().err


def test_a_link_file_is_read_and_its_mistakes_said_in_one_line(tmp_path, capsys):
    (tmp_path / "bad").write_text("\n  nonsense  \n")
    (tmp_path / "empty").write_text("\n\n")
    (tmp_path / "big").write_text("x" * 5000)
    os.mkfifo(tmp_path / "fifo")  # opening it for reading would wait for a writer for ever
    for args, said in ((["--link-file", str(tmp_path / "bad")], "not a Horizon link: 'nonsense'"),
                       (["--link-file", str(tmp_path / "empty")], "holds no link"),
                       (["--link-file", str(tmp_path / "big")], "not a link file"),
                       (["--link-file", str(tmp_path / "missing")], "missing: no such file"),
                       (["--link-file", str(tmp_path)], "is a folder, not a file"),
                       (["--link-file", str(tmp_path / "fifo")], "FIFO (a named pipe), not a regular file (give a "
                                                                  "pipe on standard input: --link-file -)"),
                       (["--link-file", "/dev/zero"], "character device, not a regular file"),
                       (["http://x:1/" + "9" * 5000 + "/us/" + "a" * 32], "not a Horizon link"),  # was int()'s error
                       (["http://x:1/\u0663/us/" + "a" * 32], "not a Horizon link"),  # another script's 3
                       (["http://x:1/1/us/" + "a" * 32, "--link-file", str(tmp_path / "bad")], "not both")):
        code, err = joined(capsys, *args)
        assert code == 2 and len(err.splitlines()) == 1 and said in err, err


async def test_a_seat_joined_from_a_link_file_has_no_token_in_its_command_line(tmp_path, processes):
    async with hosted(tmp_path) as host:
        link = link_of(host, "us")
        secret = tmp_path / "us.link"
        secret.write_text(link.url + "\n")
        seat = processes.spawn([sys.executable, "-m", "game", "join", "--link-file", str(secret), "--policy",
                                "random"], cwd=tmp_path)
        for _ in range(600):
            if host.games[1].session.pending("us") is not None:  # it joined, and ordered
                break
            await asyncio.sleep(0.05)
        else:
            raise AssertionError(f"the seat never joined: {seat.poll()}")
        command_line = Path(f"/proc/{seat.pid}/cmdline").read_bytes().decode()  # what ps shows everyone
        assert link.token not in command_line and "us.link" in command_line
