"""``wargame serve`` (issue 9.14): the game in a browser through textual-serve, on 127.0.0.1 by default."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from game.cli.serve import command_line
from tests.paths import ROOT


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def outward_address() -> str | None:
    """This machine's address on its network (not loopback), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent: it only picks the route
        except OSError:
            return None
        address = probe.getsockname()[0]
    return None if address.startswith("127.") else address


def test_serve_offers_the_game_page_on_the_local_address_only(tmp_path):
    pytest.importorskip("textual_serve")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "game", "serve", "--port", str(port), "--saves", str(tmp_path)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                page = urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the server never answered")
        assert f"ws://127.0.0.1:{port}/ws" in page
        outward = outward_address()
        if outward is not None:  # not on the machine's other addresses
            with pytest.raises(OSError):
                socket.create_connection((outward, port), timeout=1).close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_each_tab_runs_this_wargame_with_the_folder_quoted(tmp_path):
    folder = tmp_path / "class saves; rm -rf"
    assert command_line(folder).endswith(f"-m game --saves '{folder}'")
    assert command_line(None).split()[-2:] == ["-m", "game"]


def test_a_port_out_of_range_is_one_line(capsys):
    from game.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["serve", "--port", "70000"])
    err = capsys.readouterr().err
    assert exit_.value.code == 2 and "--port" in err and "70000" in err and err.count("\n") == 1
