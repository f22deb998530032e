"""Headless, bounded load test of the platform's public pages on 127.0.0.1.

    .venv/bin/python bench/run.py                 # fresh SQLite demo database
    DATABASE_URL=postgres://... bench/run.py      # that database (migrated, seeded)

Starts gunicorn (2 sync workers) on 127.0.0.1 with DEBUG off and the demo
data, then for each page runs wrk (-t2 -c16 -d10s by default) three times and
reports the median run. Pages not on this build yet are listed as skipped.
Prints a markdown table and writes it to bench/results.md. Sends traffic to
127.0.0.1 only, for a fixed time; stops everything it started.
"""

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)


def free_port() -> int:
    for port in range(8700, 8800):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit("no free port in 8700-8799")


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        return exc.code, ""
    except OSError:
        return 0, ""


def first_link(html: str, pattern: str) -> str | None:
    for href in re.findall(r'href="([^"#?]+)"', html):
        if re.fullmatch(pattern, href):
            return href
    return None


def discover(base: str) -> list[tuple[str, str | None]]:
    """The pages to measure; None where this build does not have the page yet."""
    pages: list[tuple[str, str | None]] = [
        ("baseline: minimal Django view", "/bench/ping"),
        ("home page", "/"),
        ("log-in page", "/accounts/login/"),
    ]
    status, catalogue = fetch(base + "/courses/")
    pages.append(("course catalogue", "/courses/" if status == 200 else None))
    course = first_link(catalogue, r"/courses/[^/]+/") if status == 200 else None
    pages.append(("course page", course))
    lesson = None
    if course:
        _, course_html = fetch(base + course)
        lesson = first_link(course_html, re.escape(course) + r"[^/]+/")
    pages.append(("lesson page", lesson))
    verify = None
    for candidate in ("/verify/", "/certificates/verify/"):
        if fetch(base + candidate)[0] == 200:
            verify = candidate
            break
    pages.append(("certificate verification form", verify))
    return pages


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output: str) -> dict:
    def latency(pct: str) -> float:
        match = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    errors = int(non2xx.group(1)) if non2xx else 0
    if socket_errors:
        errors += sum(int(n) for n in socket_errors.groups())
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "p50": latency("50"),
        "p99": latency("99"),
        "errors": errors,
    }


def wrk(url: str, args, paths: list[str] | None = None) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}"]
    command += [f"-d{args.duration}s", "--latency", "--timeout", "10s"]
    if paths:
        command += ["-s", str(ROOT / "bench" / "mixed.lua"), url, "--", *paths]
    else:
        command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def measure(url: str, args, paths=None) -> dict:
    wrk(url, argparse.Namespace(**{**vars(args), "duration": 2}), paths)  # warm-up
    runs = [wrk(url, args, paths) for _ in range(args.runs)]
    ordered = sorted(runs, key=lambda r: r["rps"])
    median = ordered[len(ordered) // 2]  # the median run, not a mix of runs
    return {
        **median,
        "errors": sum(r["errors"] for r in runs),
        "all_rps": [r["rps"] for r in runs],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results.md"))
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")

    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "training.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BENCH_VIEWS": "1",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "LOG_LEVEL": "WARNING",
    }
    if "DATABASE_URL" not in os.environ:
        db = ROOT / "var" / "bench.sqlite3"
        db.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db}"
    database = env["DATABASE_URL"].split(":", 1)[0]
    manage = [str(PYTHON), "manage.py"]
    print(f"Preparing the demo database ({database})…", flush=True)
    subprocess.run(
        [*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [*manage, "seed_demo", "--force"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(PYTHON), "-m", "gunicorn", "training.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(args.workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while fetch(base + "/bench/ping")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.5)
        pages = discover(base)
        rows, measured_paths = [], []
        for name, path in pages:
            if path is None:
                rows.append(f"| {name} | – | – | – | – | – | not on this build yet |")
                continue
            status, _ = fetch(base + path)
            if status != 200:
                rows.append(f"| {name} | `{path}` | – | – | – | – | HTTP {status} |")
                continue
            print(f"  {name}: {path}", flush=True)
            result = measure(base + path, args)
            if not path.startswith("/bench/"):
                measured_paths.append(path)
            rows.append(row(name, path, result))
        if measured_paths:
            print("  mixed workload", flush=True)
            result = measure(base + measured_paths[0], args, measured_paths)
            rows.append(
                row("mixed: " + ", ".join(measured_paths), "(rotating)", result)
            )
    finally:
        server.terminate()
        server.wait(timeout=30)

    cpu = os.cpu_count()
    load = " / ".join(f"{n:.1f}" for n in os.getloadavg())
    header = (
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {database} · gunicorn "
        f"{args.workers} sync workers · wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s, median of {args.runs} runs · {cpu} CPU cores shared "
        f"with the load generator · load average after the run {load}\n\n"
        "| page | path | req/s (median) | p50 ms | p99 ms | errors (all runs) | note |\n"
        "|---|---|---:|---:|---:|---:|---|\n"
    )
    table = header + "\n".join(rows) + "\n"
    Path(args.output).write_text(table)
    print("\n" + table)
    return 0


def row(name: str, path: str, result: dict) -> str:
    runs = " / ".join(f"{rps:.0f}" for rps in result["all_rps"])
    return (
        f"| {name} | `{path}` | {result['rps']:.0f} | {result['p50']:.1f} | "
        f"{result['p99']:.1f} | {result['errors']} | runs: {runs} req/s |"
    )


if __name__ == "__main__":
    sys.exit(main())
