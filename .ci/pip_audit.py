"""Audit the locked dependencies with pip-audit; fail on any known vulnerability.

pip-audit alone exits 0 when it could not look a package up (it only lists
it as skipped), so this wrapper counts those too and says so loudly. With
AUDIT_STRICT=1 an unaudited package fails the run as well; that is off by
default because a registry mirror without the vulnerability API would
otherwise block every build.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCK = sys.argv[1] if len(sys.argv) > 1 else "requirements/base.lock"


def main() -> int:
    pip_audit = Path(sys.executable).with_name("pip-audit")
    result = subprocess.run(
        [str(pip_audit), "-r", LOCK, "--no-deps", "--disable-pip"]
        + ["--progress-spinner", "off", "-f", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        print(result.stdout, result.stderr, sep="\n")
        print("pip-audit: no report (see above)")
        return 2
    deps = report["dependencies"]
    vulnerable = [d for d in deps if d.get("vulns")]
    skipped = [d for d in deps if d.get("skip_reason")]
    for dep in vulnerable:
        for vuln in dep["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fix yet"
            print(
                f"VULNERABLE {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixed})"
            )
    audited = len(deps) - len(skipped)
    print(
        f"pip-audit {LOCK}: {audited} of {len(deps)} packages audited, "
        f"{len(vulnerable)} with known vulnerabilities"
    )
    if skipped:
        print(
            f"WARNING: {len(skipped)} packages could not be audited, e.g. "
            f"{skipped[0]['skip_reason']}"
        )
    if vulnerable:
        return 1
    if skipped and os.environ.get("AUDIT_STRICT") == "1":
        print("AUDIT_STRICT=1: unaudited packages fail the run")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
