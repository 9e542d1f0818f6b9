"""Screenshots of every HTML page of a build, at the screen sizes officials use, for a reviewer
to look at: ``index.html`` and every graph page at 1366×768 and 1920×1080 (the first screen, as
a reader sees it on opening the page; ``--full-page`` for the whole length).

Uses the pages in ``exports/`` (or ``--exports DIR``); ``--build`` draws them afresh from the
project's data into a temporary folder first (what ``ogpgraph build`` would write), so a changed
working tree can be looked at without touching ``exports/``. Opens each page from disk in Debian's
headless Chromium (``/usr/bin/chromium``) through playwright, offline: every request that is not
for a ``file:`` URL is blocked, and counted. Graph pages are shot once their layout is stable.

    python tools/screenshots.py --out /tmp/shots
    python tools/screenshots.py --build --out /tmp/shots --sizes 1366x768 --pages coverage.html

Writes ``OUT/<page>-<width>x<height>.png`` and prints one line per file. Never downloads a browser
(no ``playwright install``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SIZES = ("1366x768", "1920x1080")


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(x) for x in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"a size is WIDTHxHEIGHT, e.g. 1366x768: {text!r}"
        ) from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"a size between 200 and 8000 pixels a side: {text!r}")
    return width, height


def build_pages(root: Path, folder: Path) -> Path:
    """Write the build's HTML pages for the project at ``root`` into ``folder``."""
    sys.path.insert(0, str(root / "src"))
    from ogpgraph.build import generate
    from ogpgraph.dataset.store import KnowledgeGraph

    folder.mkdir(parents=True, exist_ok=True)
    for name, data in generate(KnowledgeGraph.load(root)).items():
        if name.endswith(".html"):
            (folder / name).write_bytes(data)
    return folder


def shoot(
    pages: list[Path], out: Path, sizes: list[tuple[int, int]], full_page: bool = False
) -> list[Path]:
    """One PNG per page and size; returns the files written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    blocked: list[str] = []

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for width, height in sizes:
                context = browser.new_context(
                    viewport={"width": width, "height": height}, service_workers="block"
                )
                context.route("**/*", route)
                for path in pages:
                    page = context.new_page()
                    page.goto(path.resolve().as_uri())
                    if page.query_selector("#graph-data") is not None:
                        page.wait_for_selector(
                            "body[data-state=stable]", state="attached", timeout=120_000
                        )
                    page.wait_for_load_state("load")
                    page.wait_for_timeout(300)  # the first frame after the fit
                    target = out / f"{path.stem}-{width}x{height}.png"
                    page.screenshot(path=str(target), full_page=full_page)
                    written.append(target)
                    print(target)
                    page.close()
                context.close()
        finally:
            browser.close()
    if blocked:
        print(f"blocked {len(blocked)} non-file request(s): {blocked[:5]}", file=sys.stderr)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", type=Path, required=True, help="folder for the PNG files")
    parser.add_argument(
        "--exports",
        type=Path,
        default=ROOT / "exports",
        help="folder of the pages to shoot [default: the repository's exports/]",
    )
    parser.add_argument(
        "--build",
        action="store_true",
        help="draw the pages afresh from the project's data (into a temporary folder) first",
    )
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="project to build with --build [default: this one]"
    )
    parser.add_argument(
        "--sizes",
        nargs="+",
        type=_size,
        default=[_size(s) for s in SIZES],
        metavar="WxH",
        help="viewport sizes [default: 1366x768 1920x1080]",
    )
    parser.add_argument(
        "--pages", nargs="+", metavar="FILE", help="only these pages (file names, e.g. index.html)"
    )
    parser.add_argument("--full-page", action="store_true", help="the whole page, not one screen")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        parser.error(f"{CHROMIUM} is missing (apt-get install chromium)")
    with tempfile.TemporaryDirectory(prefix="ogpgraph-shots-") as tmp:
        folder = build_pages(args.root, Path(tmp)) if args.build else args.exports
        if not folder.is_dir():
            parser.error(f"{folder} is not a folder of pages (run ogpgraph build, or use --build)")
        pages = sorted(folder.glob("*.html"), key=lambda p: (p.name != "index.html", p.name))
        if args.pages:
            missing = sorted(set(args.pages) - {p.name for p in pages})
            if missing:
                parser.error(f"no such page in {folder}: {', '.join(missing)}")
            pages = [p for p in pages if p.name in args.pages]
        if not pages:
            parser.error(f"no .html page in {folder}")
        shoot(pages, args.out, args.sizes, args.full_page)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
