"""The paced client of `bench/run.sh checkin`: each trainee posts once, on time.

wrk cannot pace this load on our server: its per-connection delay keeps a
connected socket idle, and a gunicorn sync worker that accepts it waits on it,
not serving anyone else. Here every trainee opens its own connection only at
its moment (spread evenly over the given seconds), posts the current code,
reads the answer and closes, the way 200 phones do.
"""

import http.client
import math
import threading
import time
from urllib.parse import urlencode, urlsplit


def _post(base: str, data: dict, trainee: dict) -> tuple[float, float, int, str]:
    url = urlsplit(base)
    code = data["codes"].get(str(int(time.time() // data["step"])), "000000")
    fields = {"code": code} | ({"session": data["session"]} if trainee["qr"] else {})
    started = time.monotonic()
    try:
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        connection.request(
            "POST",
            data["path"],
            body=urlencode(fields),
            headers={
                "Cookie": trainee["cookie"],
                data["csrf_header"]: trainee["csrf"],
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        response = connection.getresponse()
        response.read()
        status, location = response.status, response.getheader("Location", "")
        connection.close()
    except OSError:
        status, location = 0, ""
    return started, time.monotonic(), status, location


def warm_up(base: str, data: dict, requests: int = 10) -> None:
    """GET the check-in page as the first trainee (no check-in): both workers warm."""
    url = urlsplit(base)
    for _ in range(requests):
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
        connection.request(
            "GET", data["path"], headers={"Cookie": data["trainees"][0]["cookie"]}
        )
        connection.getresponse().read()
        connection.close()


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


def post_paced(base: str, data: dict, seconds: float) -> dict:
    """Post every trainee's check-in once, trainee i at i * seconds / n."""
    trainees = data["trainees"]
    gap = seconds / len(trainees)
    results: list = [None] * len(trainees)
    start = time.monotonic() + 1  # every thread is waiting by then

    def one(i: int) -> None:
        time.sleep(max(0.0, start + i * gap - time.monotonic()))
        results[i] = _post(base, data, trainees[i])

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(trainees))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses: dict[str, int] = {}
    ok = 0
    for _, _, status, location in results:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        ok += status == 302 and location.endswith(data["path"])
    latencies = [1000 * (end - begin) for begin, end, _, _ in results]
    return {
        "trainees": len(trainees),
        "sent": len(results),
        "ok": ok,
        "failed": len(results) - ok,
        "seconds": max(r[1] for r in results) - min(r[0] for r in results),
        "statuses": statuses,
        "p50": percentile(latencies, 50),
        "p99": percentile(latencies, 99),
        "max": max(latencies),
        "socket_errors": statuses.get("0", 0),
    }
