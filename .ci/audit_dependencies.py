"""Audit the installed dependencies for known vulnerabilities with pip-audit.

Fails (exit 1) when pip-audit reports any known vulnerability. pip-audit asks PyPI's
JSON API per release; a machine that reaches only a PyPI mirror without that API gets
"not found" for every package. That is no finding but also no audit, so it is printed
loudly with the count rather than passed off as "no known vulnerabilities".

Usage: python .ci/audit_dependencies.py [path to the virtualenv's pip-audit]
"""

from __future__ import annotations

import json
import subprocess  # nosec B404
import sys


def main() -> int:
    pip_audit = sys.argv[1] if len(sys.argv) > 1 else "pip-audit"
    command = [pip_audit, "--skip-editable", "--format", "json", "--progress-spinner", "off"]
    run = subprocess.run(  # nosec B603
        command, capture_output=True, text=True, timeout=600, check=False)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        print(f"pip-audit gave no report (exit {run.returncode}):\n{run.stderr}", file=sys.stderr)
        return 1
    dependencies = report["dependencies"]
    audited = [d for d in dependencies if "skip_reason" not in d]
    vulnerable = [d for d in audited if d.get("vulns")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} "
                  f"(fixed in {fixes})")
    print(f"pip-audit: {len(audited)} of {len(dependencies)} installed packages audited, "
          f"{len(vulnerable)} with known vulnerabilities.")
    if len(audited) < len(dependencies):
        print(f"WARNING: {len(dependencies) - len(audited)} packages could not be audited: "
              "the vulnerability service (PyPI's JSON API) did not know them from this "
              "machine. Run pip-audit where pypi.org is reachable before a release "
              "(docs/security.md).")
    return 1 if vulnerable else 0


if __name__ == "__main__":
    sys.exit(main())
