"""Nothing a player needs is pushed off screen or cut at common sizes (issue 9.5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_driver import make_app, wait_for, wait_until


@pytest.mark.parametrize("size", [(80, 24), (120, 40), (200, 50)])
async def test_the_title_menu_and_the_saves_folder_are_on_screen(tmp_path: Path, size):
    async with make_app(tmp_path / "saves").run_test(size=size) as pilot:
        title = await wait_for(pilot, "TitleScreen")
        await wait_until(pilot, lambda: title.entries, "the scenarios")
        await pilot.pause(0.1)
        for part in ("#menu", "#saves-folder"):
            region = title.query_one(part).region
            assert region.height and region.bottom <= size[1] - 1, (part, region)
