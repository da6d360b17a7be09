"""The debrief on paper: the handout is one page, A4 and Letter, its table readable; nothing is cut.

Printed as a teacher would, by headless Chromium (when this machine has it,
with poppler's pdfinfo and pdftotext); the paper size is set the way a print
dialog does, on the page's ``@page`` rule.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from game.analysis.report_html import debrief_html
from game.engine import legal_actions
from game.session import HUMAN, Order, Session
from tests.paths import FIXTURES, SCENARIOS
from tests.saves_support import scenario
from tests.tools import headless_chromium, need, skip_without

NAMES = ("chromium", "pdfinfo", "pdftotext")
TOOLS = {name: shutil.which(name) for name in NAMES}
needs_tools = skip_without(*NAMES)


def printed(page: str, folder: Path, paper: str) -> Path:
    """``page`` printed to PDF on ``paper`` ("A4", "letter") by headless Chromium."""
    html = folder / f"debrief-{paper}.html"
    html.write_text(page.replace("@page { size: auto;", f"@page {{ size: {paper};", 1))
    pdf = folder / f"debrief-{paper}.pdf"
    chromium = need(*NAMES)["chromium"]
    subprocess.run([*headless_chromium(chromium, folder / "profile"), "--no-pdf-header-footer",
                    f"--print-to-pdf={pdf}", html.as_uri()], capture_output=True, timeout=180, check=True)
    return pdf


def page_text(pdf: Path, number: int) -> str:
    return subprocess.run([TOOLS["pdftotext"], "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def pages(pdf: Path) -> int:
    info = subprocess.run([TOOLS["pdfinfo"], str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def crowded_game() -> Session:
    """As much as a handout ever holds: people in every seat who answer every belief, a seat that changes
    hands (a long "played by"), long rationales, the scenario's longest texts."""
    shipped = scenario(SCENARIOS["over-the-horizon-2021"])
    session = Session(shipped, 12, dict.fromkeys(shipped.seats, HUMAN), name="Seminar B, table 2 (afternoon)")
    while not session.over:
        if session.turn == 6:
            session.change_seats({"china": "strategy:" + shipped.strategies_for("china")[0].id})
        for seat in session.humans():
            for belief in session.beliefs_due(seat):
                session.believe(seat, belief.id, len(belief.choices) - 1)
        orders = {seat: Order(seat, legal_actions(shipped, session.state, seat)[-2].id,
                              "We weighed Congress against the hours on station, and Moscow's silence.")
                  for seat in session.humans()}
        session.play_turn(orders)
    for seat in session.humans():
        for belief in session.beliefs_due(seat):
            session.believe(seat, belief.id, 0)
    return session


@needs_tools
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_handout_is_one_readable_page_and_the_record_starts_on_page_two(paper, tmp_path):
    session = crowded_game()
    pdf = printed(debrief_html(session), tmp_path, paper)
    first, second = page_text(pdf, 1), page_text(pdf, 2)
    assert "The game at a glance" in first and "The seats" not in first
    assert "What the seats believed" in first and "For discussion" in first
    assert " 2. " in first.replace("\n", " "), "both questions on page 1"
    assert second.lstrip().startswith("The seats"), "the handout ends on page 1"
    header = next(line for line in first.splitlines() if "Seat" in line and "Score" in line)
    assert re.search(r"Seat\s+Score\s+Played by", header), header  # no column squeezed to "Sc/ore"
    for seat in session.scenario.seats:
        assert session.scenario.actor_name(seat) in first  # "United States" whole, on one line


@needs_tools
def test_the_printed_debrief_cuts_nothing_even_a_long_unbroken_rationale(tmp_path):
    """Issue 9.12: headless Chromium's PDF has every word on its page, a long word wrapped, never cut."""
    crisis = scenario(FIXTURES / "crisis.toml")
    long_word = "https://example.org/" + "averylongunbrokenrationale" * 10  # no hyphen: pdftotext drops those
    session = Session(crisis, 3, {"us": HUMAN, "russia": "greedy", "china": "random"})
    while len(session.turns) < 6 and not session.over:
        action = legal_actions(crisis, session.state, "us")[0].id
        session.play_turn({"us": Order("us", action, long_word)})
    pdf = printed(debrief_html(session), tmp_path, "A4")
    assert 2 <= pages(pdf) <= 3 + len(session.turns)  # the handout, then the record and the appendix
    boxes = subprocess.run([TOOLS["pdftotext"], "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    for size, words in re.findall(r'<page width="([\d.]+)" height="[\d.]+">(.*?)</page>', boxes, re.S):
        for x_max, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                                      r'([^<]*)</word>', words):
            assert float(x_max) <= float(size), f"{word!r} runs off the page"
    text = subprocess.run([TOOLS["pdftotext"], str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert long_word in re.sub(r"\s+", "", text)  # whole, wrapped rather than cut
    for record in session.turns:
        assert f"Turn {record.turn}" in text
