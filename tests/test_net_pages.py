"""The browser page and the link port treat the request as data (issue 17.5).

No request header is echoed into a page; a scenario's names reach it escaped;
a link has one spelling, and every other spelling of it (``/01/``, ``/%31/``,
``/١/``, ``/１/``, a percent-encoded role) is the same bare 404 as a wrong token,
never a redirect to the game it would decode to; ``--public-url`` is where a
link opened in a browser is sent.
"""

from __future__ import annotations

import aiohttp
from yarl import URL

from game.net import limits

from tests.hostile_cases import BASE
from tests.net_support import hosted, link_of

HOSTILE_HOST = 'evil.example"><script>alert(1)</script>'


def spellings(link) -> list[str]:
    """Paths that decode to ``link``'s own, spelled otherwise."""
    path = f"/{link.game}/{link.role}/{link.token}"
    return ["/01" + path[2:], "/%31" + path[2:], "/%D9%A1" + path[2:], "/%EF%BC%91" + path[2:],
            f"/{link.game}/%{ord(link.role[0]):02X}{link.role[1:]}/{link.token}", path.replace("/", "//", 1),
            f"/{link.game}/{link.role}/%{ord(link.token[0]):02X}{link.token[1:]}"]


async def test_only_the_link_as_printed_opens_anything(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "REFUSAL_DELAY", 0)  # every refusal at once (tests/test_net_host.py: the delay)
    async with hosted(tmp_path, web=0) as host:
        link = link_of(host, "us")
        async with aiohttp.ClientSession() as http:
            for base in (host.base, host.web_base):
                for path in spellings(link):
                    for suffix in ("", "/ws"):
                        url = URL(base + path + suffix, encoded=True)
                        async with http.get(url, allow_redirects=False) as response:
                            assert (response.status, await response.text()) == (404, "404: Not Found"), url
                async with http.get(URL(base + link.url.removeprefix(link.base), encoded=True),
                                    allow_redirects=False) as response:
                    assert response.status in (200, 302)  # the printed spelling still works


async def test_no_page_echoes_a_header_or_an_author_s_markup(tmp_path):
    scenario = tmp_path / "hostile.toml"
    scenario.write_text(BASE.replace('name = "Alpha"', 'name = "</title><script>alert(2)</script>"'))
    async with hosted(tmp_path, scenario=scenario, web=0) as host:
        link = link_of(host, "a")
        async with aiohttp.ClientSession() as http:
            async with http.get(link.on(host.web_base).url, headers={"Host": HOSTILE_HOST}) as response:
                page = await response.text()
            assert response.status == 200 and "<script>alert" not in page and "evil.example" not in page
            assert "&lt;/title&gt;&lt;script&gt;alert(2)" in page
            assert 'data-session-websocket-url=""' in page  # the browser fills it from its own address
            async with http.head(link.on(host.web_base).url) as head:  # what a page asks when its session ends
                assert head.status == 200 and f'data-host="{head.headers["X-Horizon-Host"]}"' in page
            async with hosted(tmp_path / "plain", scenario=scenario) as bare:
                plain = link_of(bare, "a")
                async with http.get(plain.url, headers={"Host": HOSTILE_HOST}) as response:
                    text = await response.text()
                assert "evil.example" not in text and f"wargame join {plain.url}" in text


async def test_a_link_opened_in_a_browser_is_sent_to_the_public_url(tmp_path):
    async with hosted(tmp_path, web=0, public_url="https://horizon.example.org/games") as host:
        link = link_of(host, "us")
        async with aiohttp.ClientSession() as http, http.get(link.url, allow_redirects=False) as response:
            assert response.status == 302
            assert response.headers["Location"] == f"https://horizon.example.org/games/1/us/{link.token}"
