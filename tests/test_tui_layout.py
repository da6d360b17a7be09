"""Nothing a player needs is pushed off screen or cut at common sizes (issue 9.5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from game.saves import save_session
from game.scenario import load_scenario
from game.session import Session
from tests.paths import SHIPPED
from tests.tui_driver import FIXTURES, game, make_app, open_game, through_to, wait_for, wait_until


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_title_menu_and_the_saves_folder_are_on_screen(tmp_path: Path, size):
    async with make_app(tmp_path / "saves").run_test(size=size) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        await wait_until(pilot, lambda: title.entries, "the scenarios")
        await pilot.pause(0.1)
        for part in ("#menu", "#saves-folder"):
            region = title.query_one(part).region
            assert region.height and region.bottom <= size[1] - 1, (part, region)


async def test_the_load_list_cuts_nothing_at_80_columns(tmp_path: Path):
    """Issue 9.5: the turn read "Tu" / "0/" at 120 columns and the seats were cut even at 200."""
    saves = tmp_path / "saves"
    saves.mkdir()
    session = Session(load_scenario(FIXTURES / "trio.toml"), 3,
                      {"north": "random", "south": "greedy", "east": "cautious"},
                      name="Period four, Thursday: the long-named class game")
    session.play_turn({})
    save_session(session, saves / "period-four-thursday-long-named-class-game.wgsave")
    async with make_app(saves).run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, "TitleScreen")
        await pilot.press("o")
        dialog = await wait_for(pilot, "SavesDialog")
        table = dialog.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count, "the listing")
        await pilot.pause(0.1)
        assert table.virtual_size.width <= table.size.width, "the table scrolls sideways"
        for column, cell in zip(table.columns.values(), table.get_row_at(0)):
            for line in str(cell).splitlines():
                assert len(line) <= column.get_render_width(table) - 2 * table.cell_padding, (column.label, line)
        shown = "\n".join(str(cell) for cell in table.get_row_at(0))
        for part in ("Period four", "turn 1 of 3", "Northland: computer\n  (random)",
                     "Eastland: computer\n  (cautious)"):
            assert part in shown


async def test_a_long_decision_detail_scrolls_to_its_quote_at_80x24(tmp_path: Path):
    """Issue 9.5: the detail pane's fixed height cut the source quote at 80x24 and 120x40; now
    the whole description and quote are reached by scrolling, and Tab/Escape are unchanged."""
    session = game(load_scenario(SHIPPED), {"us": "human", "russia": "greedy", "china": "greedy"}, seed=5)
    async with open_game(tmp_path / "saves", session).run_test(size=(80, 24)) as pilot:
        turn = await through_to(pilot, "TurnScreen")
        pane, text = turn.query_one("#detail"), turn.query_one("#detail-text")
        await pilot.pause(0.1)
        assert text.region.height > pane.region.height > 0  # longer than its pane at this size
        for _ in range(text.region.height):
            await pilot.press("shift+down")
        await pilot.pause(0.05)
        assert pane.scroll_y == pane.max_scroll_y > 0
        assert pilot.app.focused is turn.query_one("#decisions")
