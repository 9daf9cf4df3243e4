#!/usr/bin/env bash
# bench/corpus_findings.sh — count migsafe findings per rule over the migration corpus.
#
# Runs `migsafe check --enable-all --format json --allow-parse-errors` once per
# project directory of the corpus (up migrations only, the default), and prints
# a Markdown table: rule id, findings per project, total findings and number of
# files with findings, sorted by total descending. Then one line with the files
# checked, files with parse errors and crashes (exit code other than 0/1/2, or a
# signal), and the wall time of each project run.
#
# Usage: bench/corpus_findings.sh MIGSAFE_BINARY CORPUS_DIR
#   e.g. bench/corpus_findings.sh build-dev/migsafe ../shared/corpus
# Set KEEP_JSON=DIR to keep each project's JSON report as DIR/<project>.json.
# Needs python3.

set -euo pipefail
export LC_ALL=C

if [[ $# -ne 2 ]]; then
    echo "usage: $0 MIGSAFE_BINARY CORPUS_DIR" >&2
    exit 2
fi
migsafe=$(realpath "$1")
corpus=$(realpath "$2")
work=${KEEP_JSON:-$(mktemp -d)}
mkdir -p "$work"
[[ -n ${KEEP_JSON:-} ]] || trap 'rm -rf "$work"' EXIT

# One run per project, from the corpus dir so reported paths are <project>/...
crashes=0
: >"$work/times"
for dir in "$corpus"/*/; do
    project=$(basename "$dir")
    start=$EPOCHREALTIME
    rc=0
    (cd "$corpus" && "$migsafe" check --enable-all --format json --allow-parse-errors \
        "$project" >"$work/$project.json" 2>"$work/$project.stderr") || rc=$?
    echo "$project $start $EPOCHREALTIME $rc" >>"$work/times"
    if ((rc == 2)); then
        echo "WARNING: $project exited with 2 (usage error or unreadable file)" >&2
    elif ((rc > 2)); then
        echo "CRASH: $project exited with $rc: $(head -c 300 "$work/$project.stderr")" >&2
        crashes=$((crashes + 1))
    fi
done

python3 - "$work" "$crashes" <<'EOF'
import json, sys, collections, pathlib
work, crashes = pathlib.Path(sys.argv[1]), int(sys.argv[2])
times = [line.split() for line in (work / "times").read_text().splitlines()]
projects = [p for p, *_ in times]
count = collections.defaultdict(collections.Counter)  # rule -> project -> findings
files_hit = collections.defaultdict(set)              # rule -> paths
any_hit = set()
checked = parse_errors = 0
for p, _, _, rc in times:
    if int(rc) > 2:
        continue
    for f in json.loads((work / f"{p}.json").read_text())["files"]:
        checked += 1
        rules = [x["rule"] for x in f["findings"]]
        parse_errors += bool(f["errors"]) or "syntax-error" in rules
        for r in rules:
            count[r][p] += 1
            files_hit[r].add(f["path"])
            any_hit.add(f["path"])
order = sorted(count, key=lambda r: (-sum(count[r].values()), r))
print("| rule | " + " | ".join(projects) + " | total | files |")
print("|---|" + "---:|" * (len(projects) + 2))
for r in order:
    cells = [str(count[r][p]) for p in projects]
    print(f"| {r} | " + " | ".join(cells) + f" | {sum(count[r].values())} | {len(files_hit[r])} |")
tot = collections.Counter()
for r in order:
    tot.update(count[r])
print("| **total** | " + " | ".join(str(tot[p]) for p in projects) + f" | **{sum(tot.values())}** | {len(any_hit)} |")
print()
print(f"Files checked: {checked}; files with parse errors: {parse_errors}; crashes: {crashes}.")
print("Wall time per project (s): " + ", ".join(f"{p} {float(e) - float(s):.2f}" for p, s, e, _ in times) + ".")
EOF
