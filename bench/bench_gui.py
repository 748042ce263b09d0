"""Benchmark the till's GUI on a 1,000,000-product database: scan → painted, start-up, memory.

    python bench/bench_gui.py [--products N] [--lines N] [--baskets N] [--cold-runs N]

Runs under QT_QPA_PLATFORM=offscreen unless the environment already names a
platform (it also runs under `xvfb-run python bench/bench_gui.py`, with
QT_QPA_PLATFORM=xcb). The offscreen screen is 1366x768 (a Qt offscreen config
file written to bench/data/).

1. Scan → painted. A real CheckoutWindow on a working copy of the database,
   opened the way posapp.gui.app.TillFlow opens it for a signed-in cashier with
   the shift already open (TillFlow._signed_in: shop_overview, CheckoutWindow,
   showMaximized), with TillFlow's own ScannerFilter installed on the
   application. Each scan is a real key burst at machine speed: QTest.keyClicks
   of the 13 digits and Enter to the cart view, through the filter, which emits
   `scanned(code)` → TillFlow → CheckoutWindow.handle_scan(code): the barcode
   lookup, the new Cart, the model's row insert, the selection/scroll to the new
   row, and the cart handed to the saver thread (its durable, fsync-ed write
   happens 30 ms later, off the GUI thread). The clock stops when
   QApplication.processEvents() returns after the cart view's viewport got a
   Paint event whose region covers the new row. Between scans the event loop
   runs for --pause-ms (default 100 ms, faster than items reach a counter; a
   real scanner's burst alone takes 30-60 ms): the time in which the saver
   writes; the run says at how many scans it was still writing. --pause-ms 0 is
   a back-to-back stress run. Every scan adds a distinct product (a new row);
   each basket of --lines lines is then paid in cash (untimed) and the next
   starts. Reported per position in the basket (lines
   1-10, 11-50, 51-100) so "flat" shows, with the parts of the time: the 13
   digit keys, Enter → handle_scan returned, and the repaint.
2. Cold start. A fresh Python process (sys.executable) imports posapp.gui, makes
   the QApplication with posapp's theme, opens the database with open_database +
   prepare_shop, reads the settings, builds the (hidden) overview MainWindow and
   TillFlow as posapp.gui.app.run() does, then, instead of the PIN dialog, signs
   the cashier in directly (TillFlow._signed_in): sign-in is a person's time, and
   argon2 PIN verification is left out. The clock stops when the checkout window
   has had its first Paint and processEvents() returned. Timed from before the
   process is spawned to the "ready" line read from its stdout (CLOCK_MONOTONIC,
   shared by the processes), with the child's own phases.
3. Resident memory: in such a child, VmRSS (/proc/self/status) once the window is
   ready and after a basket of --lines lines scanned into it (handle_scan +
   processEvents), and the peak (ru_maxrss), on a 1,000-product and on the
   --products database.

It prints PASS/FAIL against the targets; the exit code is 0 whatever they are.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stats import Stats

if TYPE_CHECKING:
    from catalog_db import Shop
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QTableView, QWidget

    from posapp.gui.app import TillFlow

SCAN_P99_TARGET_MS = 16.0
FLAT_FACTOR = 1.5  # p50 and p99 of lines 51-100 within this factor of lines 1-10
COLD_START_TARGET_S = 1.5
RSS_TARGET_MB = 200.0
SMALL_PRODUCTS = 1_000
SCREEN = (1366, 768)
BUCKETS = ((1, 10), (11, 50), (51, 100))
WARMUP_LINES = 20
# Between two scans the event loop runs this long: faster than anyone presents items at a
# counter (a real burst alone takes 30-60 ms), and the time in which the cart is saved.
PAUSE_MS = 100
PAINT_TIMEOUT_S = 5.0
TILL = "T1"  # as catalog_db.TILL (not imported in the child: it pulls in posapp's services)
WEIGHT_EVERY = 50  # as catalog_db: product numbers divisible by 50 may be sold by weight
BENCH_DIR = Path(__file__).resolve().parent
DATA_DIR = BENCH_DIR / "data"


def now_ns() -> int:
    # CLOCK_MONOTONIC on Linux: the same clock in every process, so a child's
    # timestamps compare with the parent's.
    return time.monotonic_ns()


# --------------------------------------------------------------------------- Qt set-up


def qt_platform() -> None:
    """Offscreen with a 1366x768 screen, unless a platform is already chosen."""
    if "QT_QPA_PLATFORM" in os.environ:
        return
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    config = DATA_DIR / "offscreen-1366x768.json"
    width, height = SCREEN
    screen = {"name": "bench", "x": 0, "y": 0, "width": width, "height": height}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"


def memory() -> dict[str, float]:
    """VmRSS and VmHWM (its peak) from /proc/self/status, in MiB.

    Not getrusage's ru_maxrss: Linux keeps it across exec, so a child started by a
    big parent reports the parent's peak (the 1,000,000-product build's, 460 MiB).
    """
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                found[name] = int(value.split()[0]) / 1024
    return found


def barcodes_for_basket(rng: random.Random, products: int, lines: int) -> list[str]:
    """`lines` barcodes of distinct products sold by the unit (each makes a new row)."""
    from posapp.domain.barcodes import make_ean13

    chosen: dict[int, None] = {}
    while len(chosen) < lines:
        number = rng.randint(1, products)
        if number % WEIGHT_EVERY:
            chosen[number] = None
    return [make_ean13(f"475{number:09d}") for number in chosen]


def open_till(
    path: str, user_id: int | None, user_name: str, now: datetime | None = None
) -> tuple[QApplication, TillFlow]:
    """What posapp.gui.app.run() does up to the PIN dialog, then the cashier signed in;
    `now`: the moment the till's clock stands at (a benchmark database's present)."""
    from posapp import i18n
    from posapp.domain.roles import Actor, Role
    from posapp.gui.app import (
        TillFlow,
        application,
        describe_database,
        gui_language,
        install_translators,
    )
    from posapp.gui.main_window import MainWindow
    from posapp.services.settings import load_settings
    from posapp.services.setup import open_database, prepare_shop

    app = application()
    requested = os.environ.get("POSAPP_LANGUAGE")
    install_translators(app, gui_language(requested))
    uow = open_database(path)
    if now is not None:
        uow.clock = lambda: now
    prepare_shop(uow, TILL)
    language = gui_language(requested or load_settings(uow).language)
    install_translators(app, language)
    i18n.set_language(language)
    label = describe_database(uow.engine.url)
    overview = MainWindow(uow, TILL, language=language, database_label=label)
    till = TillFlow(app, uow, TILL, language, label, overview=overview)
    # Instead of till.start() (the PIN dialog): what its `accepted` leads to.
    till._signed_in(Actor(user_id, user_name, Role.CASHIER))
    if till.checkout is None:
        raise RuntimeError("the checkout window did not open (no open shift?)")
    return app, till


def process_until(app: QApplication, done: Any, what: str) -> None:
    deadline = time.monotonic() + PAINT_TIMEOUT_S
    while True:
        app.processEvents()
        if done():
            return
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")


def pause(app: QApplication, pause_ms: int) -> None:
    """The till's event loop runs between scans for `pause_ms`, as at a counter."""
    if pause_ms:
        until = now_ns() + pause_ms * 1_000_000
        process_until(app, lambda: now_ns() >= until, "the pause")


def key_burst(view: QWidget, code: str, handled: list[int]) -> tuple[int, int]:
    """The code's keys, then Enter, at machine speed to `view` (through the scanner
    filter); returns when it started and when the digits were in. `handled` is filled by
    the scanner's signal (emptied by the caller first): no entry, the burst was no scan."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    started = now_ns()
    QTest.keyClicks(view, code)
    keyed = now_ns()
    QTest.keyClick(view, Qt.Key.Key_Return)
    if not handled:
        raise RuntimeError(f"the burst {code} was not taken as a scan")
    return started, keyed


def make_paint_watcher() -> Any:
    """A QObject event filter that notes Paint events (class made after PySide6 is imported)."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QPaintEvent

    class PaintWatcher(QObject):
        """Notes a Paint event; with `view` and `row` set, only one that covers that row."""

        def __init__(self) -> None:
            super().__init__()
            self.painted = False
            self.view: QTableView | None = None
            self.row: int | None = None

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or self.painted:
                return False
            if self.view is None:
                self.painted = True
            elif self.row is not None and isinstance(event, QPaintEvent):
                model = self.view.model()
                rect = self.view.visualRect(model.index(self.row, 0))
                self.painted = rect.isValid() and event.region().intersects(rect)
            return False

    return PaintWatcher()


# --------------------------------------------------------------------------- the child


def child(args: argparse.Namespace) -> None:
    """A cold start; prints a JSON line when ready, and one after the basket if asked."""
    entered = now_ns()
    import PySide6.QtWidgets  # noqa: F401  (the GUI's imports, timed on their own)

    import posapp.gui.app  # noqa: F401

    imported = now_ns()
    watcher = make_paint_watcher()
    from PySide6.QtWidgets import QApplication

    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    qapp.installEventFilter(watcher)
    app, till = open_till(args.child, args.user_id, args.user_name)
    built = now_ns()
    process_until(app, lambda: watcher.painted, "the first paint")
    ready = now_ns()
    app.removeEventFilter(watcher)
    window = till.checkout
    assert window is not None
    report: dict[str, Any] = {
        "entered": entered,
        "imported": imported,
        "built": built,
        "ready": ready,
        "size": [window.width(), window.height()],
        "memory": memory(),
    }
    print(json.dumps(report), flush=True)
    if args.basket:
        rng = random.Random(args.seed)
        for code in barcodes_for_basket(rng, args.products, args.basket):
            window.handle_scan(code)
            app.processEvents()
        rows = window.model.rowCount()
        after = memory()
        from posapp.domain.cart import PaymentMethod

        window.complete([(PaymentMethod.CASH, window.cart.due)])
        app.processEvents()
        print(json.dumps({"rows": rows, "memory": after}), flush=True)
    till.stop()


# --------------------------------------------------------------------------- statistics


HEADER = f"{'measurement':<50} {'n':>6} {'p50 ms':>9} {'p99 ms':>9} {'max ms':>9}"


# --------------------------------------------------------------------------- 1. scan → paint


@dataclass
class ScanSample:
    position: int  # 1-based line number in the basket
    keys_ns: int  # the 13 digit keys through the filter
    handled_ns: int  # Enter → handle_scan returned (scan, cart, model, save_open_cart)
    paint_ns: int  # → the new row painted and processEvents() returned
    gen2: bool  # a full garbage collection happened inside

    @property
    def total_ns(self) -> int:
        return self.keys_ns + self.handled_ns + self.paint_ns


def measure_scans(
    shop: Shop, lines: int, baskets: int, seed: int, pause_ms: int
) -> list[ScanSample]:

    from posapp.domain.cart import PaymentMethod

    app, till = open_till(str(shop.path), shop.cashier.user_id, shop.cashier.name)
    window = till.checkout
    assert window is not None
    view = window.ui.cartView
    watcher = make_paint_watcher()
    process_until(app, lambda: window.isVisible() and window.isActiveWindow(), "the window")
    view.setFocus()
    app.processEvents()

    handled: list[int] = []
    till.scanner.scanned.connect(lambda _code: handled.append(now_ns()))  # after handle_scan
    view.viewport().installEventFilter(watcher)
    watcher.view = view
    collections: list[int] = []

    def on_gc(phase: str, info: dict[str, int]) -> None:
        if phase == "stop" and info["generation"] == 2:
            collections.append(now_ns())

    gc.callbacks.append(on_gc)
    rng = random.Random(seed)
    samples: list[ScanSample] = []
    saving_at_scan = 0  # scans that began while the previous cart was still being written
    try:
        for basket in range(-1, baskets):  # basket -1: warm-up, not reported
            count = WARMUP_LINES if basket < 0 else lines
            for position, code in enumerate(barcodes_for_basket(rng, shop.products, count), 1):
                pause(app, pause_ms)
                saving_at_scan += window.saving
                watcher.row, watcher.painted = position - 1, False
                handled.clear()
                gc_before = len(collections)
                started, keyed = key_burst(view, code, handled)
                process_until(app, lambda: watcher.painted, "the new row's paint")
                painted = now_ns()
                if window.model.rowCount() != position:
                    raise RuntimeError(f"expected {position} rows, got {window.model.rowCount()}")
                if basket >= 0:
                    samples.append(
                        ScanSample(
                            position,
                            keyed - started,
                            handled[0] - keyed,
                            painted - handled[0],
                            len(collections) > gc_before,
                        )
                    )
            watcher.row = None
            window.complete([(PaymentMethod.CASH, window.cart.due)])  # untimed
            app.processEvents()
            if window.model.rowCount():
                raise RuntimeError(f"the sale was not completed: {window.banner_text()}")
        print(
            f"scans {pause_ms} ms apart; the previous cart was still being saved at "
            f"{saving_at_scan} of {(baskets + 1) * lines} scans"
        )
        print(
            f"checkout window {window.width()}x{window.height()}, cart view "
            f"{view.viewport().width()}x{view.viewport().height()} px, "
            f"rows {view.verticalHeader().defaultSectionSize()} px"
        )
    finally:
        gc.callbacks.remove(on_gc)
        till.stop()
    return samples


def scan_report(samples: list[ScanSample]) -> tuple[Stats, dict[tuple[int, int], Stats]]:
    overall = Stats("scan → painted, all lines", [s.total_ns for s in samples])
    buckets = {
        (low, high): Stats(
            f"scan → painted, lines {low}-{high}",
            [s.total_ns for s in samples if low <= s.position <= high],
        )
        for low, high in BUCKETS
        if any(low <= s.position <= high for s in samples)
    }
    print(HEADER)
    print("-" * len(HEADER))
    print(overall.row())
    for stats in buckets.values():
        print(stats.row())
    parts: tuple[tuple[str, Callable[[ScanSample], int]], ...] = (
        ("  13 digit keys through ScannerFilter", lambda s: s.keys_ns),
        ("  Enter → handle_scan returned (lookup+save)", lambda s: s.handled_ns),
        ("  → new row painted", lambda s: s.paint_ns),
    )
    for low, high in BUCKETS:
        chosen = [s for s in samples if low <= s.position <= high]
        if not chosen:
            continue
        for label, part in parts:
            print(Stats(f"{label}, {low}-{high}", [part(s) for s in chosen]).row())
    full = sum(s.gen2 for s in samples)
    print(f"(full garbage collections landed in {full} of {len(samples)} scans)")
    return overall, buckets


# --------------------------------------------------------------------------- 2./3. children


def run_child(shop: Shop, basket: int, seed: int) -> tuple[dict[str, Any], dict[str, Any] | None]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        str(shop.path),
        "--user-id",
        str(shop.cashier.user_id),
        "--user-name",
        shop.cashier.name,
        "--products",
        str(shop.products),
        "--basket",
        str(basket),
        "--seed",
        str(seed),
    ]
    spawned = now_ns()
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=BENCH_DIR) as child_:
        assert child_.stdout is not None
        line = child_.stdout.readline()
        read = now_ns()
        rest = child_.stdout.read()
        code = child_.wait()
    if code != 0 or not line:
        raise RuntimeError(f"the start-up child failed (exit {code})")
    ready: dict[str, Any] = json.loads(line)
    ready["spawned"], ready["read"] = spawned, read
    after = json.loads(rest.splitlines()[0]) if basket else None
    return ready, after


def cold_starts(shop: Shop, runs: int) -> list[dict[str, Any]]:
    results = [run_child(shop, 0, 1)[0] for _ in range(runs)]
    stats = [
        Stats(label, [r[b] - r[a] for r in results])
        for label, a, b in (
            ("start → ready (spawn to 'ready' read)", "spawned", "read"),
            ("  interpreter start-up (spawn → main())", "spawned", "entered"),
            ("  import PySide6.QtWidgets + posapp.gui.app", "entered", "imported"),
            ("  app, open_database+prepare_shop, windows", "imported", "built"),
            ("  show → first paint done", "built", "ready"),
        )
    ]
    print(f"{shop.products:,} products, {runs} runs")
    print(HEADER)
    print("-" * len(HEADER))
    for row in stats:
        print(row.row())
    return results


def memory_runs(shops: list[Shop], lines: int) -> dict[int, tuple[dict[str, float], ...]]:
    print(f"{'database':<20} {'VmRSS ready':>12} {'VmRSS +basket':>14} {'peak (VmHWM)':>14}")
    found: dict[int, tuple[dict[str, float], ...]] = {}
    for shop in shops:
        ready, after = run_child(shop, lines, 2)
        assert after is not None and after["rows"] == lines, after
        found[shop.products] = (ready["memory"], after["memory"])
        print(
            f"{shop.products:>11,} products {ready['memory']['VmRSS']:>8.1f} MiB "
            f"{after['memory']['VmRSS']:>10.1f} MiB {after['memory']['VmHWM']:>10.1f} MiB"
        )
    return found


# --------------------------------------------------------------------------- main


def verdict(passed: bool, label: str, detail: str) -> None:
    print(f"  [{'PASS' if passed else 'FAIL'}] {label:<48} {detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--products", type=int, default=1_000_000)
    parser.add_argument("--lines", type=int, default=100, help="lines per basket")
    parser.add_argument("--baskets", type=int, default=10)
    parser.add_argument("--cold-runs", type=int, default=10)
    parser.add_argument(
        "--pause-ms",
        type=int,
        default=PAUSE_MS,
        help=f"time between scans (default {PAUSE_MS}; 0: back to back, a stress run)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip", choices=("scan", "start", "memory"), action="append", default=[])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--user-id", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--user-name", help=argparse.SUPPRESS)
    parser.add_argument("--basket", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    qt_platform()
    if args.child:
        child(args)
        return

    from catalog_db import ensure_catalog, working_copy

    import posapp

    print(
        f"posapp {posapp.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()} {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.2f}, "
        f"QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM'].split(':')[0]}",
        flush=True,
    )
    big = working_copy(ensure_catalog(args.products), DATA_DIR / f"gui-{args.products}.sqlite")
    small = working_copy(ensure_catalog(SMALL_PRODUCTS), DATA_DIR / f"gui-{SMALL_PRODUCTS}.sqlite")

    results: list[tuple[bool, str, str]] = []
    if "start" not in args.skip:
        print("\n== cold start to a ready checkout window (sign-in and argon2 left out)")
        starts = cold_starts(big, args.cold_runs)
        cold_starts(small, max(3, args.cold_runs // 3))
        total = Stats("", [r["read"] - r["spawned"] for r in starts])
        results.append(
            (
                total.max / 1000 <= COLD_START_TARGET_S,
                f"cold start <= {COLD_START_TARGET_S} s (max of {total.n})",
                f"p50 {total.p50 / 1000:.3f} s, max {total.max / 1000:.3f} s",
            )
        )
    if "memory" not in args.skip:
        print(f"\n== resident memory, window ready and after a {args.lines}-line basket")
        found = memory_runs([small, big], args.lines)
        worst = max(max(m["VmRSS"], m["VmHWM"]) for ms in found.values() for m in ms)
        grow = found[big.products][1]["VmRSS"] - found[small.products][1]["VmRSS"]
        results.append(
            (
                worst <= RSS_TARGET_MB,
                f"resident memory <= {RSS_TARGET_MB:.0f} MB (peak, either DB)",
                f"{worst:.1f} MiB; {args.products:,} vs {SMALL_PRODUCTS:,} products: "
                f"{grow:+.1f} MiB",
            )
        )
    if "scan" not in args.skip:
        print(
            f"\n== scan → new row painted, {args.baskets} baskets x {args.lines} lines "
            f"({WARMUP_LINES} warm-up scans first)",
            flush=True,
        )
        samples = measure_scans(big, args.lines, args.baskets, args.seed, args.pause_ms)
        overall, buckets = scan_report(samples)
        results.append(
            (
                overall.p99 <= SCAN_P99_TARGET_MS,
                f"scan → painted p99 <= {SCAN_P99_TARGET_MS:.0f} ms",
                f"{overall.p99:.3f} ms (max {overall.max:.3f})",
            )
        )
        first, last = buckets.get(BUCKETS[0]), buckets.get(BUCKETS[-1])
        if first and last:
            flat = last.p99 <= FLAT_FACTOR * first.p99 and last.p50 <= FLAT_FACTOR * first.p50
            results.append(
                (
                    flat,
                    f"flat: lines 51-100 within {FLAT_FACTOR}x of 1-10",
                    f"p50 {last.p50:.3f}/{first.p50:.3f}, p99 {last.p99:.3f}/{first.p99:.3f} ms",
                )
            )
    print("\nTargets:")
    for passed, label, detail in results:
        verdict(passed, label, detail)


if __name__ == "__main__":
    main()
