"""One real browser: two tabs of Debian's Chromium as two seats, keys typed into the pages.

Each tab runs the seat's own terminal app through ``wargame host --web``;
both read their briefing, order, and reach the next turn, where both order
again: the facilitator's view (app-side state, since the pages draw on a
canvas) shows both orders of turn 2 in. A tab whose host is killed with SIGKILL says so and
comes back by itself when the host is restarted. CI installs the browser
(``.ci/run``); where it cannot be had, this test fails and says why, so a
machine without a browser never passes it silently. Deselected by default
(``-m browser`` runs it).
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import signal
from pathlib import Path

import pytest

from game.net import protocol as p
from game.net.client import Updated
from game.net.links import FACILITATOR
from tests.net_support import RecordingSeat, free_port, hosted, link_of
from tests.paths import SHIPPED

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
"""Without the background-networking flags Chromium knocks at hosts this closed network refuses."""

pytestmark = pytest.mark.browser


def _browser_api():
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("playwright is not installed: .ci/run installs it (pip install playwright)")
    if shutil.which(CHROMIUM) is None:
        pytest.fail(f"{CHROMIUM} is missing: .ci/run installs it (apt-get install -y chromium)")
    return async_playwright


def unargued(folder: Path) -> Path:
    """The shipped scenario without ``[arguments]``: its seats go from the briefing straight to their decision,
    which the tabs' keys below make (arguing in a tab is tests/test_argued_moves.py's and the pilot's)."""
    text = re.sub(r"^\[arguments(\.[^\]]*)?\]\n(?:(?!\[).*\n|\n)*", "", SHIPPED.read_text(), flags=re.M)
    path = folder / SHIPPED.name
    path.write_text(text)
    return path


async def test_two_browser_tabs_play_two_seats_into_the_next_turn(tmp_path):
    async_playwright = _browser_api()
    async with hosted(tmp_path, scenario=unargued(tmp_path), web=0, seats=("china=random",)) as host:
        async with RecordingSeat(link_of(host, FACILITATOR)) as facilitator, async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            try:
                tabs = {}
                for seat in ("us", "russia"):
                    tab = await browser.new_page(viewport={"width": 1280, "height": 800})
                    await tab.goto(link_of(host, seat).on(host.web_base).url)
                    await tab.wait_for_selector("body.-first-byte", timeout=30_000)
                    await tab.click(".textual-terminal")
                    tabs[seat] = tab
                for seat, tab in tabs.items():  # the tab's app has joined, and drawn its first screen
                    await facilitator.until(lambda u, seat=seat: seat in u.status.connected, timeout=30)
                    await tab.wait_for_timeout(1500)
                for turn in (1, 2):
                    for seat, tab in tabs.items():
                        await _order(tab, facilitator, seat, turn)
                    await facilitator.until(lambda u, turn=turn: u.view.played >= turn, timeout=30)
            finally:
                for seat, tab in tabs.items():  # kept beside the test's files, to look at after a failure
                    await tab.screenshot(path=str(tmp_path / f"{seat}.png"))
                await browser.close()
        for record in host.games[1].session.turns[:2]:  # both turns, each seat's order typed into its page
            assert {order.seat: order.by for order in record.orders} == {"us": "human", "russia": "human",
                                                                         "china": "random"}


async def _order(tab, facilitator: RecordingSeat, seat: str, turn: int) -> None:
    """Enter (past the briefing or results, then on a decision), Ctrl+O (confirm), y (send); again until the
    host has the order: a key pressed before the tab's app is ready is lost, and a repeat is harmless."""
    for _ in range(6):
        for key in ("Enter", "Enter", "Control+o", "y"):
            await tab.keyboard.press(key)
            await tab.wait_for_timeout(1000)
        try:
            await facilitator.until(lambda u: _ordered(u, seat, turn), timeout=2)
            return
        except TimeoutError:
            continue
    raise AssertionError(f"{seat}'s tab never sent its order of turn {turn} (see {seat}.png beside the test)")


def _ordered(update: Updated, seat: str, turn: int) -> bool:
    """Whether ``seat``'s order of ``turn`` is in: pending, or resolved with the turn (which waits for both)."""
    view = update.view
    return view.played >= turn or (view.turn == turn and seat in view.pending)


async def test_a_tab_comes_back_by_itself_when_its_host_is_killed_and_restarted(tmp_path, processes):
    """The page notices that its host is gone (not the player leaving), waits for it, and reloads."""
    async_playwright = _browser_api()
    command, port = (str(unargued(tmp_path)), "--web", str(free_port())), free_port()
    host, links = processes.host(*command, cwd=tmp_path, port=port)
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        tab = await browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            await tab.goto(links["china"].url)  # the link itself, as a player would open it
            await tab.wait_for_selector("body.-first-byte", timeout=30_000)
            async with RecordingSeat(links[FACILITATOR]) as facilitator:
                await facilitator.until(lambda u: "china" in u.status.connected, timeout=30)
            os.kill(host.pid, signal.SIGKILL)
            await asyncio.to_thread(host.wait, 30)
            await tab.wait_for_selector("text=The host cannot be reached", timeout=15_000)
            processes.host(*command, cwd=tmp_path, port=port)
            async with RecordingSeat(links[FACILITATOR]) as facilitator:  # nobody touched the page
                await facilitator.until(lambda u: "china" in u.status.connected, timeout=60)
                await tab.wait_for_timeout(1500)
                await _order(tab, facilitator, "china", 1)  # keys reach it without a click
        finally:
            await tab.screenshot(path=str(tmp_path / "china.png"))
            await browser.close()


async def test_a_page_served_over_https_opens_its_websocket_over_wss(tmp_path):
    """Behind a TLS proxy (with a path prefix), the page's websocket is wss:// at the address the browser used:
    the page is fetched from the host and served to Chromium as from https://horizon.example.org/games/…."""
    import aiohttp

    async_playwright = _browser_api()
    async with hosted(tmp_path, web=0) as host:
        link = link_of(host, "us")
        async with aiohttp.ClientSession() as http, http.get(link.on(host.web_base).url) as response:
            page = await response.text()
        public = f"https://horizon.example.org/games/1/us/{link.token}"
        prefix, asked = "https://horizon.example.org/games/static/", []

        async def serve(route) -> None:
            url = route.request.url
            if url == public:
                await route.fulfill(body=page, content_type="text/html")
            elif url.startswith(prefix):  # the proxy passes the page's own files on to the host
                asked.append(url)
                async with aiohttp.ClientSession() as http, \
                        http.get(f"{host.web_base}/static/{url.removeprefix(prefix)}") as response:
                    await route.fulfill(status=response.status, body=await response.read(),
                                        content_type=response.content_type)
            else:
                await route.abort()

        async with async_playwright() as driver:
            browser = await driver.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
            try:
                tab = await browser.new_page()
                await tab.route("**/*", serve)
                await tab.goto(public)
                websocket = await tab.evaluate("document.getElementById('terminal').dataset.sessionWebsocketUrl")
            finally:
                await browser.close()
    assert websocket == f"wss://horizon.example.org/games/1/us/{link.token}/ws"
    assert {f"{prefix}js/textual.js", f"{prefix}css/xterm.css"} <= set(asked)  # under the prefix, found
