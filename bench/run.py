"""Headless, bounded benchmarks of the platform on 127.0.0.1 (see bench/README.md).

    bench/run.sh courses   # catalogue, course, lesson vs a minimal view, cache off/on
    bench/run.sh verify    # /verify/<code>/ and the API vs a bare indexed lookup
    bench/run.sh issue     # 1,000 certificates (credential + PDF), Celery worker -c 2
    bench/run.sh pages     # every public page and a mixed workload (issue 7)
    bench/run.sh checkin   # 200 trainees checking in within a minute, then at once
    bench/run.sh scale     # issue 19: cached pages, logged-in lesson, API, bulk issuance

Each command starts its own throw-away PostgreSQL and Redis (ports from
BENCH_PGPORT / BENCH_REDISPORT), migrates and seeds the demo data, starts
gunicorn (2 sync workers, DEBUG off) on 127.0.0.1, runs wrk for a fixed time
(median of 3 runs after a warm-up), prints a markdown table, writes it to
bench/results-<command>.md and stops everything it started.
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from paced import post_paced, warm_up  # noqa: E402
from services import services  # noqa: E402

PYTHON = ROOT / ".venv" / "bin" / "python"
if not PYTHON.exists():
    PYTHON = Path(sys.executable)
PORTS = range(
    int(os.environ.get("BENCH_PORT_FIRST", 18443)),
    int(os.environ.get("BENCH_PORT_LAST", 18449)) + 1,
)
PGPORT = int(os.environ.get("BENCH_PGPORT", 55443))
REDISPORT = int(os.environ.get("BENCH_REDISPORT", 56443))
UNKNOWN_CODE = "SRIP-0000-0000-0000-0000"
SCRATCH = ROOT / "var" / "bench"


# ---- HTTP helpers ----


def free_port() -> int:
    for port in PORTS:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


def fetch(url: str) -> tuple[int, str]:
    status, _headers, body = fetch_with_headers(url)
    return status, body


def fetch_with_headers(url: str, cookie=None) -> tuple[int, dict, str]:
    headers = {"Cookie": cookie} if cookie else {}
    request = urllib.request.Request(url, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            body = response.read().decode("utf-8", "replace")
            return response.status, response.headers, body
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, ""
    except OSError:
        return 0, {}, ""


def first_link(html: str, pattern: str) -> str | None:
    for href in re.findall(r'href="([^"#?]+)"', html):
        if re.fullmatch(pattern, href):
            return href
    return None


# ---- wrk ----

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
    return {
        "rps": float(rps.group(1)) if rps else 0.0,
        "requests": int(total.group(1)) if total else 0,
        "p50": latency("50"),
        "p99": latency("99"),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(n) for n in socket_errors.groups())
        if socket_errors
        else 0,
    }


def wrk(
    url: str, args, duration: int, paths: list[str] | None = None, cookie=None
) -> dict:
    command = ["wrk", f"-t{args.threads}", f"-c{args.connections}"]
    command += [f"-d{duration}s", "--latency", "--timeout", "10s"]
    command += ["-H", f"Cookie: {cookie}"] if cookie else []
    if paths:
        command += ["-s", str(ROOT / "bench" / "mixed.lua"), url, "--", *paths]
    else:
        command.append(url)
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def measure(url: str, args, paths=None, cookie=None) -> dict:
    """Warm up, then `args.runs` runs; the median run by requests/s (not a mix)."""
    wrk(url, args, 2, paths, cookie)
    runs = [wrk(url, args, args.duration, paths, cookie) for _ in range(args.runs)]
    median = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return {
        **median,
        "non2xx": sum(r["non2xx"] for r in runs),
        "socket_errors": sum(r["socket_errors"] for r in runs),
        "all_rps": [r["rps"] for r in runs],
    }


# ---- the platform ----


def base_env(urls: dict, **extra) -> dict:
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "training.settings.dev",
        "DEBUG": "0",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1",
        "BENCH_VIEWS": "1",
        "LOG_LEVEL": "WARNING",
        # Persistent connections, as in production (the settings' default).
        "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
        # A throw-away signing key and file storage, deleted after the run.
        "SIGNING_KEYS_DIR": str(SCRATCH / "keys"),
        "SIGNING_KEYS_AUTO_CREATE": "1",
        "MEDIA_ROOT": str(SCRATCH / "media"),
        "PRIVATE_MEDIA_ROOT": str(SCRATCH / "private"),
        **urls,
        **extra,
    }


def manage(env: dict, *command: str, quiet=True) -> str:
    result = subprocess.run(
        [str(PYTHON), "manage.py", *command],
        cwd=ROOT,
        env=env,
        capture_output=quiet,
        text=True,
    )
    if result.returncode:
        sys.stderr.write((result.stdout or "")[-3000:] + (result.stderr or "")[-5000:])
        raise SystemExit(f"manage.py {command[0]} failed")
    return result.stdout or ""


def prepare(env: dict) -> None:
    print("Migrating and seeding the demo data…", flush=True)
    seed_env = env | {"CELERY_TASK_ALWAYS_EAGER": "1"}
    manage(seed_env, "migrate", "--noinput", "-v0")
    manage(seed_env, "seed_demo", "--force")


@contextmanager
def gunicorn(env: dict, workers: int):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(PYTHON), "-m", "gunicorn", "training.wsgi", "--bind", f"127.0.0.1:{port}"]
        + ["--workers", str(workers), "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while fetch(base + "/bench/ping")[0] != 200:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("gunicorn did not start")
            time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def course_paths(base: str) -> tuple[str | None, str | None]:
    status, catalogue = fetch(base + "/courses/")
    course = first_link(catalogue, r"/courses/[^/]+/") if status == 200 else None
    lesson = None
    if course:
        _, course_html = fetch(base + course)
        lesson = first_link(course_html, re.escape(course) + r"[^/]+/")
    return course, lesson


def demo_code(env: dict) -> str:
    """A valid demo certificate's code (seed_demo issues them)."""
    out = manage(
        env,
        "shell",
        "-c",
        "from certificates.models import Certificate as C; "
        "print(C.objects.filter(revoked_at=None, superseded_at=None)"
        ".values_list('code', flat=True).first() or '')",
    )
    code = out.strip().splitlines()[-1] if out.strip() else ""
    if not code:
        raise SystemExit("seed_demo issued no certificate")
    return code


# ---- tables ----

HEAD = (
    "| page | path | req/s (median) | % of baseline | p50 ms | p99 ms | "
    "non-2xx/3xx | socket errors | runs (req/s) |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---|\n"
)


def row(name: str, path: str, result: dict, baseline: float | None) -> str:
    runs = " / ".join(f"{rps:.0f}" for rps in result["all_rps"])
    share = f"{100 * result['rps'] / baseline:.1f}%" if baseline else "–"
    return (
        f"| {name} | `{path}` | {result['rps']:.0f} | {share} | {result['p50']:.1f} | "
        f"{result['p99']:.1f} | {result['non2xx']} | {result['socket_errors']} | "
        f"{runs} |"
    )


def run_table(base: str, args, pages: list[tuple[str, str, int]]) -> tuple[str, dict]:
    """Measure (name, path, expected status) pages; the first is the baseline."""
    rows, results, baseline = [], {}, None
    for name, path, expected in pages:
        status, _ = fetch(base + path)
        if status != expected:
            rows.append(
                f"| {name} | `{path}` | – | – | – | – | – | – | HTTP {status} |"
            )
            continue
        print(f"  {name}: {path}", flush=True)
        result = measure(base + path, args)
        if expected != 200:  # wrk counts 404s as errors; they are the answer here
            result["non2xx"] = 0
        baseline = baseline or result["rps"]
        results[name] = result
        rows.append(row(name, path, result, baseline))
    return "\n".join(rows) + "\n", results


def header(args, what: str) -> str:
    load = " / ".join(f"{n:.2f}" for n in os.getloadavg())
    return (
        f"{what} · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · PostgreSQL + Redis "
        f"(throw-away, fsync off) · gunicorn {args.workers} sync workers · "
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s, median of "
        f"{args.runs} runs · {os.cpu_count()} CPU cores shared with wrk · "
        f"load average (1/5/15 min) at the end {load}\n\n"
    )


def write(args, name: str, text: str) -> None:
    path = ROOT / "bench" / f"results-{name}.md"
    path.write_text(text)
    print("\n" + text, flush=True)
    print(f"(written to {path.relative_to(ROOT)})")


# ---- commands ----


def cmd_courses(args, urls) -> None:
    """Issue 3: catalogue, course and lesson pages next to the minimal view."""
    out = []
    for cache in ("0", "1"):
        env = base_env(urls, COURSES_PAGE_CACHE=cache)
        label = "page caching on" if cache == "1" else "page caching off"
        print(f"Courses, {label}", flush=True)
        with gunicorn(env, args.workers) as base:
            course, lesson = course_paths(base)
            pages = [("minimal Django view", "/bench/ping", 200)]
            pages += [("course catalogue", "/courses/", 200)]
            pages += [("course page", course, 200)] if course else []
            pages += [("lesson page", lesson, 200)] if lesson else []
            table, _ = run_table(base, args, pages)
        out.append(header(args, f"Courses, anonymous visitors, {label}") + HEAD + table)
    write(args, "courses", "\n".join(out))


def cmd_verify(args, urls) -> None:
    """Issue 6: verification page and API next to a bare view doing the lookup."""
    env = base_env(urls, CERTIFICATE_VERIFY_RATE="100000000/m")
    code = demo_code(env)
    with gunicorn(env, args.workers) as base:
        pages = [
            ("bare indexed lookup", f"/bench/lookup/{code}", 200),
            ("verification page", f"/verify/{code}/", 200),
            ("API", f"/api/v1/certificates/{code}", 200),
            ("bare lookup, unknown code", f"/bench/lookup/{UNKNOWN_CODE}", 404),
            ("verification page, unknown code", f"/verify/{UNKNOWN_CODE}/", 404),
            ("API, unknown code", f"/api/v1/certificates/{UNKNOWN_CODE}", 404),
        ]
        table, _ = run_table(base, args, pages)
    write(
        args,
        "verify",
        header(args, "Certificate verification (CERTIFICATE_VERIFY_RATE raised)")
        + HEAD
        + table,
    )


def cmd_pages(args, urls) -> None:
    """Issue 7: every public page one by one, then all of them mixed in one run."""
    env = base_env(urls, CERTIFICATE_VERIFY_RATE="100000000/m")
    code = demo_code(env)
    with gunicorn(env, args.workers) as base:
        course, lesson = course_paths(base)
        pages = [
            ("minimal Django view", "/bench/ping", 200),
            ("home page", "/", 200),
            ("log-in page", "/accounts/login/", 200),
            ("course catalogue", "/courses/", 200),
            ("course page", course, 200),
            ("lesson page", lesson, 200),
            ("verification form", "/verify/", 200),
            ("verification page", f"/verify/{code}/", 200),
            ("verification API", f"/api/v1/certificates/{code}", 200),
        ]
        pages = [page for page in pages if page[1]]
        table, results = run_table(base, args, pages)
        mixed = [path for _, path, _ in pages[1:]]
        print("  mixed workload", flush=True)
        result = measure(base + mixed[0], args, mixed)
        table += row("mixed: all pages above", "(rotating)", result, None) + "\n"
    write(
        args, "pages", header(args, "Public pages and a mixed workload") + HEAD + table
    )


def helper(script: str, env: dict):
    """A function running `bench/<script> …` in the bench's environment (JSON out)."""

    def step(*command) -> dict:
        result = subprocess.run(
            [str(PYTHON), str(ROOT / "bench" / script), *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode:
            sys.stderr.write(result.stderr[-5000:])
            raise SystemExit(f"bench/{script} {command[0]} failed")
        return json.loads(result.stdout.strip().splitlines()[-1])

    return step


def cmd_issue(args, urls) -> None:
    """Issue 6: bulk issuance with a Celery worker of 2 processes."""
    write(args, "issue", issuance(args, urls)[0])


def issuance(args, urls) -> tuple[str, dict]:
    """Bulk issuance timed against single PDFs: the table and the figures."""
    env = base_env(urls)
    step = helper("issue.py", env)

    print(f"Preparing a completed cohort of {args.certificates} trainees…", flush=True)
    setup = step("prepare", str(args.certificates))
    print("Timing single PDFs and signing in-process…", flush=True)
    before = step("timing")
    render_times = SCRATCH / "render-times"
    render_times.parent.mkdir(parents=True, exist_ok=True)
    render_times.unlink(missing_ok=True)
    worker = subprocess.Popen(
        [str(PYTHON), "-m", "celery", "-A", "training", "worker"]
        + ["--concurrency", str(args.processes), "--loglevel", "WARNING"]
        + ["-Q", "emails,pdfs,signing,digests,default"]
        + ["--without-gossip", "--without-mingle", "--hostname", "bench@%h"]
        + ["--include", "render_timing"],
        cwd=ROOT,
        env=env
        | {
            "PYTHONPATH": str(ROOT / "bench"),
            "BENCH_RENDER_TIMES": str(render_times),
        },
    )
    try:
        time.sleep(5)  # the worker's processes start and import Django
        print("Issuing…", flush=True)
        result = step("run", str(setup["cohort"]), str(args.timeout))
    finally:
        worker.terminate()
        worker.wait(timeout=60)
    # The single renders before and after the batch show how far this shared
    # machine's speed drifted meanwhile; the goal is judged on the batch's own
    # renders (bench/render_timing.py).
    print("Timing single PDFs again after the batch…", flush=True)
    after = step("timing")
    in_batch = [float(line) for line in render_times.read_text().split()]
    timing = before | {"pdf_median_s": statistics.median(in_batch)}
    n = args.certificates
    target = 1.2 * n * timing["pdf_median_s"] / args.processes
    sign_share = before["sign_hash_median_s"] / before["pdf_median_s"]
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    text = (
        f"Bulk issuance · {datetime.now(UTC):%Y-%m-%d %H:%M} UTC · PostgreSQL + "
        f"Redis (throw-away, fsync off) · Celery worker --concurrency "
        f"{args.processes} · {os.cpu_count()} CPU cores · load average (1/5/15 "
        f"min) at the end {load}\n\n"
        "| measure | value |\n|---|---:|\n"
        f"| certificates issued (credential + PDF) | {result['with_pdf']} of {n} |\n"
        f"| all credentials signed after | {result['issued_s']:.1f} s |\n"
        f"| all PDFs stored after | {result['done_s']:.1f} s |\n"
        f"| throughput | {result['with_pdf'] / result['done_s']:.2f} certificates/s |\n"
        f"| median PDF render in the batch (CPU time, {len(in_batch)} renders) | "
        f"{1000 * timing['pdf_median_s']:.0f} ms |\n"
        f"| median single-PDF render in one process, warm, 9 before / 9 after "
        f"the batch | {1000 * before['pdf_median_s']:.0f} ms / "
        f"{1000 * after['pdf_median_s']:.0f} ms |\n"
        f"| goal: 1.2 x {n} x median PDF / {args.processes} processes | "
        f"{target:.1f} s |\n"
        f"| within goal | {'yes' if result['done_s'] <= target else 'no'} "
        f"({100 * result['done_s'] / target:.0f}% of the goal) |\n"
        f"| median signing + hashing per certificate | "
        f"{1000 * timing['sign_hash_median_s']:.1f} ms "
        f"(sign {1000 * timing['sign_median_s']:.1f} ms) |\n"
        f"| signing + hashing / PDF time | {100 * sign_share:.1f}% (goal < 5%) |\n"
    )
    return text, {"done_s": result["done_s"], "target_s": target, **timing}


def wrk_checkin(base: str, data: Path, args) -> dict:
    """All trainees post at once: one wrk connection each (bench/checkin.lua).

    wrk runs until every thread has all its answers (then it is stopped) or
    for `args.checkin_seconds` at most.
    """
    done = data.with_suffix(".done")
    done.unlink(missing_ok=True)
    threads = args.threads
    command = ["wrk", f"-t{threads}", f"-c{args.trainees}"]
    command += [f"-d{args.checkin_seconds}s", "--latency", "--timeout"]
    command += [f"{args.checkin_seconds}s", "-s", str(ROOT / "bench" / "checkin.lua")]
    command += [base + "/", "--", f"{data}.lua", str(done), str(threads)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    while process.poll() is None:
        if done.exists() and len(done.read_text().split()) >= threads:
            process.send_signal(signal.SIGINT)  # wrk prints its results and exits
            break
        time.sleep(0.1)
    output, _ = process.communicate(timeout=args.checkin_seconds + 30)
    line = next(x for x in output.splitlines() if x.startswith("CHECKIN "))
    result = json.loads(line.removeprefix("CHECKIN "))
    measured = parse_wrk(output)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+)", output
    )
    # wrk's timeout count is left out: it also counts connections that wait
    # idle after their trainee's answer. Unanswered trainees are counted below.
    return result | {
        "p50": measured["p50"],
        "p99": measured["p99"],
        "max": latency_max(output),
        "socket_errors": sum(int(n) for n in sockets.groups()) if sockets else 0,
    }


def latency_max(output: str) -> float:
    match = re.search(r"^\s+Latency\s+\S+\s+\S+\s+([\d.]+)(us|ms|s|m)", output, re.M)
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


CHECKIN_HEAD = (
    "| run | load generator | trainees | successful check-ins | errors | "
    "first POST to last answer | check-ins/s | p50 ms | p99 ms | max ms | "
    "attendance records (trainees, max per trainee) | check-in history rows | "
    "answers |\n"
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|\n"
)


def checkin_row(name: str, client: str, result: dict, check: dict) -> str:
    unanswered = result["trainees"] - result["ok"] - result["failed"]
    errors = result["failed"] + unanswered + result["socket_errors"]
    answers = ", ".join(f"{n} x {s}" for s, n in sorted(result["statuses"].items()))
    if unanswered:
        answers += f", {unanswered} unanswered"
    rate = result["ok"] / result["seconds"] if result["seconds"] else 0.0
    return (
        f"| {name} | {client} | {result['trainees']} | {result['ok']} | {errors} | "
        f"{result['seconds']:.1f} s | {rate:.1f} | {result['p50']:.1f} | "
        f"{result['p99']:.1f} | {result['max']:.1f} | {check['marks']} "
        f"({check['trainees_marked']}, {check['marks_per_trainee_max']}) | "
        f"{check['check_in_changes']} | {answers} |\n"
    )


def cmd_checkin(args, urls) -> None:
    """Issue 7: trainees checking in to one session, paced over a minute and at once."""
    env = base_env(urls, ATTENDANCE_CHECKIN_RATE="100000000/m")
    step = helper("checkin.py", env)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    n, seconds = args.trainees, args.checkin_seconds
    table, problems = "", []
    with gunicorn(env, args.workers) as base:
        runs = [
            (f"{n} within {seconds} s, evenly spread", "bench/paced.py", "paced"),
            (f"{n} at once", f"wrk -t{args.threads} -c{n}, bench/checkin.lua", "burst"),
        ]
        for name, client, kind in runs:
            data = SCRATCH / f"checkin-{kind}"
            print(f"Check-in, {name}: seeding {n} logged-in trainees…", flush=True)
            setup = step("prepare", str(n), str(data))
            codes = json.loads(Path(f"{data}.json").read_text())
            warm_up(base, codes)
            print("  posting…", flush=True)
            if kind == "paced":
                result = post_paced(base, codes, seconds)
            else:
                result = wrk_checkin(base, data, args)
            check = step("verify", str(setup["session"]))
            if not (
                check["marks"] == check["trainees_marked"] == n == result["ok"]
                and check["check_in_changes"] == n
            ):
                problems.append(f"{name}: {json.dumps(check)}")
            table += checkin_row(name, client, result, check)
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    text = (
        f"Check-in bursts, one session, {n} admitted trainees each logged in · "
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · PostgreSQL + Redis (throw-away, "
        f"fsync off) · gunicorn {args.workers} sync workers · rate limit raised · "
        f"{os.cpu_count()} CPU cores shared with the load generator · load average "
        f"(1/5/15 min) at the end {load}\n\n" + CHECKIN_HEAD + table
    )
    if problems:
        text += "\nDatabase check failed: " + "; ".join(problems) + "\n"
    write(args, "checkin", text)
    if problems:
        raise SystemExit("check-ins lost or duplicated")


# Issue 19's "measured now": the lesson page at 259 req/s in a run whose minimal
# view answered 7,363 req/s. Absolute req/s differ from machine to machine, so
# the goal (1.4x today's) is judged as a share of the minimal view of the same
# run: at least 1.4 x 259 / 7,363 = 0.049x.
ISSUE_19_LESSON_RPS = 259
ISSUE_19_MINIMAL_RPS = 7363
ISSUE_19_LESSON_SHARE = ISSUE_19_LESSON_RPS / ISSUE_19_MINIMAL_RPS


def cmd_scale(args, urls) -> None:
    """Issue 19, in one run: cached anonymous pages, the logged-in lesson page and
    the API against the minimal and the one-lookup views, then bulk issuance."""
    env = base_env(urls, CERTIFICATE_VERIFY_RATE="100000000/m")
    code = demo_code(env)
    with gunicorn(env, args.workers) as base:
        trainee = helper("trainee.py", env)("login")
        lesson = trainee["path"]
        print(f"  logged-in lesson: {trainee['queries']} queries", flush=True)
        pages = [
            ("minimal Django view", "/bench/ping", None),
            ("one-lookup view", f"/bench/lookup/{code}", None),
            ("lesson page, anonymous", lesson, None),
            ("course catalogue, anonymous", "/courses/", None),
            ("home page, anonymous", "/", None),
            ("verification page, anonymous", f"/verify/{code}/", None),
            ("lesson page, logged in", lesson, trainee["cookie"]),
            ("verification API", f"/api/v1/certificates/{code}", None),
        ]
        rows, results = [], {}
        for name, path, cookie in pages:
            fetch_with_headers(base + path, cookie)
            status, headers, _ = fetch_with_headers(base + path, cookie)
            print(f"  {name}: {path}", flush=True)
            result = measure(base + path, args, cookie=cookie)
            result["cache"] = headers.get("X-Cache", "–") if status == 200 else status
            results[name] = result
            rows.append(
                row(name, path, result, results["minimal Django view"]["rps"])
                + f" {result['cache']} |"
            )
    minimal = results["minimal Django view"]["rps"]
    lookup = results["one-lookup view"]["rps"]
    goals = []
    for name in pages[2:6]:
        share = results[name[0]]["rps"] / minimal
        goals.append((name[0] + " (cache hit)", f"{share:.2f}x minimal", share >= 0.5))
    logged_in = results["lesson page, logged in"]["rps"]
    share = logged_in / minimal
    goals.append(
        (
            "lesson page, logged in",
            f"{logged_in:.0f} req/s, {share:.3f}x minimal: "
            f"{share / ISSUE_19_LESSON_SHARE:.2f}x the issue's "
            f"{ISSUE_19_LESSON_SHARE:.3f}x (goal 1.4x), "
            f"{trainee['queries']} queries (goal <= 4)",
            share >= 1.4 * ISSUE_19_LESSON_SHARE and trainee["queries"] <= 4,
        )
    )
    api = results["verification API"]["rps"] / lookup
    goals.append(("verification API", f"{api:.2f}x one-lookup view", api >= 0.8))
    text = (
        header(args, "Issue 19: pages, API and issuance in one run")
        + HEAD.replace("runs (req/s) |\n", "runs (req/s) | X-Cache |\n").replace(
            "|---|\n", "|---|---|\n"
        )
        + "\n".join(rows)
        + "\n\n"
    )
    write(args, "scale", text)  # kept should the issuance fail
    issued, figures = issuance(args, urls)
    goals.append(
        (
            "bulk issuance, 1,000 certificates, 2 processes",
            f"{figures['done_s']:.0f} s for a goal of {figures['target_s']:.0f} s "
            f"(1.2 x 1,000 x {1000 * figures['pdf_median_s']:.0f} ms / 2)",
            figures["done_s"] <= figures["target_s"],
        )
    )
    text += issued + "\n| goal | measured | met |\n|---|---|---|\n"
    text += "".join(
        f"| {goal} | {figure} | {'yes' if met else 'no'} |\n"
        for goal, figure, met in goals
    )
    text += f"\nLogged-in lesson page queries: {json.dumps(trainee['sql'])}\n"
    write(args, "scale", text)


COMMANDS = {
    "courses": cmd_courses,
    "verify": cmd_verify,
    "pages": cmd_pages,
    "issue": cmd_issue,
    "checkin": cmd_checkin,
    "scale": cmd_scale,
}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    parser.add_argument("command", choices=[*COMMANDS, "all"])
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--certificates", type=int, default=1000, help="issue only")
    parser.add_argument("--processes", type=int, default=2, help="Celery processes")
    parser.add_argument("--timeout", type=int, default=1200, help="issue only, s")
    parser.add_argument("--trainees", type=int, default=200, help="checkin only")
    parser.add_argument(
        "--checkin-seconds",
        type=int,
        default=60,
        help="checkin only: the paced run's spread, the burst's bound",
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    names = list(COMMANDS) if args.command == "all" else [args.command]
    shutil.rmtree(SCRATCH, ignore_errors=True)
    try:
        with services(PGPORT, REDISPORT) as urls:
            prepare(base_env(urls))
            failed = []
            for name in names:
                try:
                    COMMANDS[name](args, urls)
                except (subprocess.CalledProcessError, SystemExit) as exc:
                    print(f"{name} failed: {exc}", file=sys.stderr)
                    failed.append(name)
            if failed:
                return 1
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
