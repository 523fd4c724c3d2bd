"""Load test (not a CI test): N browser sessions on one cx server, importing, filtering and exporting.

    python scripts/load_test.py [--sessions 20] [--seconds 180] [--scale 1.0] [--url http://127.0.0.1:8501]

Without --url it starts `streamlit run app.py` on a free local port over a fresh demo workspace
(built at --scale) in a temporary folder, and measures the server's memory from /proc. Each
session is a Chromium page (one headless Debian Chromium, a context per session) that loops
until the time is up: change the sidebar period on the overview (timed until the app has
finished its run), and every few rounds upload a small CSV and import it on the Data page, or
export the workspace as XLSX. Every request stays on this machine; the loops stop on their own.

Prints one JSON object: filter-change latency p50/p95 (seconds), import and export times,
server peak memory (MB), rounds, and errors (error boxes, exceptions, failed steps).
Figures are recorded in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
PERIODS = ("Last 6 months", "Last 12 months", "Last 3 months", "All data")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(scale: float) -> tuple[subprocess.Popen, str, Path]:
    folder = Path(tempfile.mkdtemp(prefix="cx-load-"))
    env = {**os.environ, "CX_DATA_DIR": str(folder / "workspaces"), "CX_WORKSPACE": "demo"}
    subprocess.run([sys.executable, "-m", "cx", "demo", "--scale", str(scale)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
                             str(port), "--server.address", "127.0.0.1", "--server.headless", "true"],
                            cwd=ROOT, env=env, stdout=open(folder / "server.log", "w"), stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if urllib.request.urlopen(base + "/_stcore/health", timeout=2).status == 200:
                return proc, base, folder
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start: " + (folder / "server.log").read_text()[-2000:])


class MemoryWatch(threading.Thread):
    """Samples a process's resident memory (with its children) every half second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_mb, self.stop = pid, 0.0, threading.Event()

    def _rss_mb(self) -> float:
        pids = [self.pid]
        try:
            pids += [int(p) for p in Path(f"/proc/{self.pid}/task/{self.pid}/children").read_text().split()]
        except OSError:
            pass
        total = 0
        for pid in pids:
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total / 1024

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.peak_mb = max(self.peak_mb, self._rss_mb())


async def wait_idle(page, timeout: float = 120) -> None:
    """Until the app has finished its run: the running indicator is gone."""
    await page.wait_for_selector('[data-testid="stSidebar"] >> text=Language / Kieli', timeout=timeout * 1000)
    await page.wait_for_timeout(150)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not await page.locator('[data-testid="stStatusWidget"]').count():
            return
        await page.wait_for_timeout(50)
    raise TimeoutError("the app did not finish its run")


async def errors_on(page) -> int:
    return await page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]').count()


async def open_list(page, opener, option: str):
    """Click `opener` until its list shows `option`, and return that option: a click that lands while
    another widget still holds the focus only moves the focus (seen under load in headless Chromium)."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(3):
        await opener.click()
        try:
            await wanted.wait_for(state="visible", timeout=15_000)
            break
        except Exception:  # playwright's TimeoutError: the list did not open; click again
            continue
    return wanted


async def change_period(page, period: str) -> float:
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text="Period")
    option = await open_list(page, box.locator("input"), period)
    start = time.perf_counter()
    await option.click()
    await page.wait_for_timeout(50)
    await wait_idle(page)
    return time.perf_counter() - start


async def import_csv(page, base: str, path: Path) -> float:
    await page.goto(base + "/data", wait_until="commit")
    await wait_idle(page)
    start = time.perf_counter()
    await page.locator('input[type="file"]').first.set_input_files(str(path))
    await wait_idle(page)
    # into the demo on purpose (the wizard never picks it by default), as the figures were measured
    await (await open_list(page, page.locator(".st-key-upload_workspace"), "demo")).click()
    await wait_idle(page)
    button = page.locator(".st-key-upload_import button").first  # the check runs by itself
    await button.wait_for(timeout=60_000)
    await button.click()
    await page.wait_for_timeout(200)
    await wait_idle(page)  # the journey opens at the new answers, saying what was loaded
    await page.locator('[data-testid="stAlertContentSuccess"]').first.wait_for(timeout=60_000)
    return time.perf_counter() - start


async def export_xlsx(page, base: str) -> float:
    await page.goto(base + "/data", wait_until="commit")
    await wait_idle(page)
    await page.get_by_role("tab", name="Templates and exports").click()
    await wait_idle(page)
    start = time.perf_counter()
    async with page.expect_download(timeout=120_000) as info:
        await page.locator(".st-key-export_download button").first.click()
    download = await info.value
    await download.path()
    return time.perf_counter() - start


async def session(browser, base: str, number: int, deadline: float, folder: Path, out: dict) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)

    async def only_local(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            await route.continue_()
        else:
            out["blocked"] += 1
            await route.abort()

    await context.route("**/*", only_local)
    context.set_default_timeout(120_000)
    context.set_default_navigation_timeout(120_000)
    page = await context.new_page()
    rounds = 0
    try:
        await asyncio.sleep(number * 1.5)  # people arrive one after another, not in the same millisecond
        try:
            await page.goto(base + "/", wait_until="commit")
            await wait_idle(page)
        except Exception as exc:  # noqa: BLE001 - counted; the loop below tries again
            out["failed_steps"].append(f"session {number}, first page: {type(exc).__name__}: {exc}"[:300])
        while time.monotonic() < deadline:
            rounds += 1
            try:
                if rounds % 6 == 3:
                    csv_path = small_csv(folder, f"{number}-{rounds}")  # new bytes: no re-import question
                    out["import_s"].append(await import_csv(page, base, csv_path))
                    await page.goto(base + "/", wait_until="commit")
                    await wait_idle(page)
                elif rounds % 6 == 0:
                    out["export_s"].append(await export_xlsx(page, base))
                    await page.goto(base + "/", wait_until="commit")
                    await wait_idle(page)
                else:
                    out["filter_s"].append(await change_period(page, PERIODS[(rounds + number) % len(PERIODS)]))
                out["errors"] += await errors_on(page)
            except Exception as exc:  # noqa: BLE001 - a failed step is counted, the session goes on
                out["failed_steps"].append(f"session {number}, round {rounds}: {type(exc).__name__}: {exc}"[:300])
                try:
                    await page.goto(base + "/", wait_until="commit")
                except Exception:  # noqa: BLE001 - already counted
                    pass
    finally:
        out["rounds"] += rounds
        await context.close()


def small_csv(folder: Path, tag: str) -> Path:
    path = folder / f"load-{tag}.csv"
    rows = ["Date,Touchpoint,Unit,NPS,Comment"]
    rows += [f"2026-10-{1 + i % 28:02d},Chat advice,Turku,{i % 11},load test {tag} {i}" for i in range(200)]
    path.write_text("\n".join(rows) + "\n")
    return path


async def run(base: str, sessions: int, seconds: float, folder: Path) -> dict:
    from playwright.async_api import async_playwright

    out = {"filter_s": [], "import_s": [], "export_s": [], "errors": 0, "failed_steps": [], "rounds": 0,
           "blocked": 0}
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"])
        deadline = time.monotonic() + seconds
        await asyncio.gather(*(session(browser, base, i, deadline, folder, out) for i in range(sessions)))
        await browser.close()
    return out


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))], 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=180)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--url", help="an already running server (memory is then not measured)")
    args = parser.parse_args()
    proc, folder = None, Path(tempfile.mkdtemp(prefix="cx-load-files-"))
    base = args.url
    if base is None:
        proc, base, server_folder = start_server(args.scale)
    watch = MemoryWatch(proc.pid) if proc else None
    if watch:
        watch.start()
    try:
        started = time.perf_counter()
        out = asyncio.run(run(base, args.sessions, args.seconds, folder))
        wall = time.perf_counter() - started
    finally:
        if watch:
            watch.stop.set()
        if proc:
            proc.terminate()
            proc.wait(20)
            shutil.rmtree(server_folder, ignore_errors=True)
        shutil.rmtree(folder, ignore_errors=True)
    report = {
        "sessions": args.sessions, "seconds": round(wall, 1), "scale": args.scale, "rounds": out["rounds"],
        "filter_changes": len(out["filter_s"]), "filter_p50_s": percentile(out["filter_s"], 0.5),
        "filter_p95_s": percentile(out["filter_s"], 0.95),
        "filter_mean_s": round(statistics.mean(out["filter_s"]), 2) if out["filter_s"] else None,
        "imports": len(out["import_s"]), "import_p50_s": percentile(out["import_s"], 0.5),
        "exports": len(out["export_s"]), "export_p50_s": percentile(out["export_s"], 0.5),
        "server_peak_mb": round(watch.peak_mb) if watch else None,
        "error_boxes": out["errors"], "failed_steps": len(out["failed_steps"]), "blocked_requests": out["blocked"],
        "first_failures": out["failed_steps"][:5],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
