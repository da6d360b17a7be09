"""The host and its seats as the real commands, killed with SIGKILL where the issue says.

- three seats joined headless play a whole game; its ``.wgsave`` replays and verifies, to the state
  hash an uninterrupted game of the same orders reaches (the policies are seeded, so the orders are
  those of an all-computer game of the same seed);
- the host killed with 2 of 3 orders of a turn in: restarted with the same command it prints the same
  links, holds both orders, and the game ends in that same state; the facilitator's client, which
  reconnected by itself and went on applying deltas, ends with exactly the view a fresh join gets;
- a seat killed after ordering: a new join shows its pending order.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys

from game.engine.state import state_hash
from game.net import protocol as p
from game.net.client import Connection, Lost, Updated
from game.net.links import FACILITATOR
from game.scenario import load_scenario
from game.seat_view.wire import to_wire
from game.session import Session
from game.tui.remote.app import RemoteApp
from game.tui.remote.waiting import WaitingScreen
from tests.net_support import RecordingSeat, free_port
from tests.paths import SHIPPED

SEED = "11"


def reference_hash() -> str:
    """The final state of a game of seed ``SEED`` whose three seats the random policy plays."""
    session = Session(load_scenario(SHIPPED), int(SEED), dict.fromkeys(("us", "russia", "china"), "random"))
    session.play_to_end()
    return state_hash(session.state)


def verified_hash(tmp_path) -> str:
    (save,) = (tmp_path / "saves").glob("*.wgsave")
    done = subprocess.run([sys.executable, "-m", "game", "replay", "--verify", str(save)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return re.search(r"state-hash ([0-9a-f]{64})", done.stdout).group(1)


async def happened(connection: Connection, test, timeout: float = 120):
    """The client's next happening that passes ``test``."""
    async with asyncio.timeout(timeout):
        while not test(happening := await connection.next()):
            pass
        return happening


def updated(test):
    """A test of a client's happening: an update whose view and status pass ``test``."""
    return lambda happening: isinstance(happening, Updated) and test(happening)


async def exited(process, timeout: float = 120) -> int:
    return await asyncio.to_thread(process.wait, timeout)


async def test_three_headless_seats_play_a_whole_game_whose_save_verifies(tmp_path, processes):
    host, links = processes.host(str(SHIPPED), "--seed", SEED, cwd=tmp_path, port=free_port())
    seats = [processes.start("join", links[seat].url, "--policy", "random", cwd=tmp_path)
             for seat in ("us", "russia", "china")]
    for seat in seats:
        assert await exited(seat) == 0, seat.stderr.read()
    os.kill(host.pid, signal.SIGTERM)
    assert await exited(host, 30) == 0
    assert verified_hash(tmp_path) == reference_hash()


async def test_the_host_killed_with_two_orders_in_resumes_them_and_ends_the_same(tmp_path, processes):
    command, port = (str(SHIPPED), "--seed", SEED), free_port()
    host, links = processes.host(*command, cwd=tmp_path, port=port)
    stop_at = 3
    others = [processes.start("join", links[seat].url, "--policy", "random", cwd=tmp_path)
              for seat in ("us", "russia")]
    facilitator = Connection(links[FACILITATOR])  # the seats' own client: reconnects, applies deltas
    keeping = asyncio.create_task(facilitator.run())
    async with RecordingSeat(links["china"]) as china:  # plays until turn 3, then holds back its order
        await china.update()
        while china.view.turn < stop_at:
            await china.ask(lambda rid: p.OrderByPolicy(rid, "random"))
            await china.until(lambda u, turn=china.view.turn: u.view.turn > turn or u.view.over)
        await happened(facilitator, updated(lambda u: set(u.view.decided) == {"us", "russia"}
                                            and u.view.turn == stop_at))
    os.kill(host.pid, signal.SIGKILL)
    await exited(host)
    await happened(facilitator, lambda happening: isinstance(happening, Lost))
    again, relinks = processes.host(*command, cwd=tmp_path, port=port)
    assert relinks == links  # every link printed before still works
    update = await happened(facilitator, updated(lambda u: True))  # the whole view, on reconnecting
    assert update.view.turn == stop_at and set(update.view.pending) == {"us", "russia"}
    async with RecordingSeat(relinks["china"]) as china:
        await china.update()
        while not china.view.over:
            if "china" not in china.view.pending:
                await china.ask(lambda rid: p.OrderByPolicy(rid, "random"))
            await china.until(lambda u, turn=china.view.turn: u.view.turn > turn or u.view.over)
    for seat in others:  # they reconnected by themselves and played on
        assert await exited(seat) == 0, seat.stderr.read()
    last = await happened(facilitator, updated(lambda u: u.view.over))
    async with RecordingSeat(relinks[FACILITATOR]) as fresh:  # (takes the link over: the client stops)
        assert to_wire((await fresh.update()).view) == to_wire(last.view)
    keeping.cancel()
    os.kill(again.pid, signal.SIGTERM)
    assert await exited(again, 30) == 0
    assert verified_hash(tmp_path) == reference_hash()


async def test_a_seat_killed_after_ordering_finds_its_order_on_joining_again(tmp_path, processes):
    host, links = processes.host(str(SHIPPED), "--seed", SEED, cwd=tmp_path, port=free_port())
    seat = processes.start("join", links["us"].url, "--policy", "random", cwd=tmp_path)
    async with RecordingSeat(links[FACILITATOR]) as facilitator:
        ordered = await facilitator.until(lambda u: "us" in u.view.pending)
    os.kill(seat.pid, signal.SIGKILL)
    label = ordered.view.pending["us"].label
    app = RemoteApp(links["us"])
    async with app.run_test(size=(120, 40)) as pilot:
        shown = ""
        for _ in range(100):
            await pilot.pause(0.1)
            if isinstance(app.screen, WaitingScreen) and app.screen.is_mounted:
                shown = str(app.screen.query_one("#order").render())
                if shown:
                    break
        assert isinstance(app.screen, WaitingScreen) and label in shown
