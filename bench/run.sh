#!/usr/bin/env bash
# bench/run.sh — time migsafe against squawk, pgfence and the libpg_query
# parse floor on the same inputs, in one run, and print a Markdown report.
#
# Usage: bench/run.sh [--runs N] [--quick] [--out FILE] [--inputs A,B,...] [--keep]
#   --runs N     timed runs per tool and input (default 10, at least 5)
#   --quick      5 runs, 1,000 small files instead of 10,000, no 100x synthetic
#   --out FILE   also write the report to FILE (stdout always gets it)
#   --inputs L   only these inputs (comma separated names, see the report)
#   --keep       keep the temporary work directory (generated inputs, raw data)
#
# Environment:
#   MIGSAFE      migsafe binary (default build/migsafe, relative to the repo
#                root); if it is missing, migsafe is reported as pending
#   CORPUS       corpus directory (default ../shared/corpus from the repo
#                root), read in place
#   BENCH_TOOLS  where squawk and pgfence are installed with npm
#                (default bench/.tools, git-ignored)
#   BENCH_BUILD  where the parse floor is built (default bench/.build,
#                git-ignored)
#
# Method: for each input, every tool runs once untimed (warm-up, page cache),
# then N rounds; each round runs the tools one after another in a fixed
# order (floor, migsafe, squawk, pgfence: A B A B ...). Wall time is taken
# around each process with bash's $EPOCHREALTIME (microseconds); CPU time and
# peak RSS come from `/usr/bin/time -v`. Ratios migsafe/peer are computed per
# round (the two runs of a round are neighbours in time) and summarised by
# median and min–max. If perf works, one more run per tool and input counts
# user-space instructions, a figure other load does not disturb. Every tool gets the same explicit, sorted list of
# files (squawk and pgfence do not walk directories the same way), and runs
# with the work directory as its current directory.
#
# Generated inputs (synthetic file, small-files directory) are written to a
# temporary directory at bench time and removed at exit; nothing is copied
# into the repository.

set -euo pipefail
export LC_ALL=C

RUNS=10
QUICK=0
OUT=""
KEEP=0
ONLY=""

die() { echo "bench: $*" >&2; exit 2; }
say() { echo "bench: $*" >&2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) [[ $# -ge 2 ]] || die "--runs needs a number"; RUNS=$2; shift 2 ;;
    --runs=*) RUNS=${1#--runs=}; shift ;;
    --quick) QUICK=1; shift ;;
    --out) [[ $# -ge 2 ]] || die "--out needs a file"; OUT=$2; shift 2 ;;
    --out=*) OUT=${1#--out=}; shift ;;
    --inputs) [[ $# -ge 2 ]] || die "--inputs needs a list"; ONLY=$2; shift 2 ;;
    --inputs=*) ONLY=${1#--inputs=}; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
if [[ $QUICK == 1 ]]; then RUNS=5; fi
[[ $RUNS =~ ^[0-9]+$ ]] || die "--runs must be a number"
(( RUNS >= 5 )) || die "--runs must be at least 5"

SMALL_FILES=10000
SCALES="1 10 100"
if [[ $QUICK == 1 ]]; then SMALL_FILES=1000; SCALES="1 10"; fi
BLOCKS_1X=40   # synthetic 1x: 40 blocks of 21 statements, ~64 KB, about the
               # size of the largest corpus file

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BENCH=$REPO/bench
MIGSAFE=${MIGSAFE:-build/migsafe}
[[ $MIGSAFE == /* ]] || MIGSAFE=$REPO/$MIGSAFE
CORPUS=${CORPUS:-$REPO/../shared/corpus}
TOOLS=${BENCH_TOOLS:-$BENCH/.tools}
BUILD=${BENCH_BUILD:-$BENCH/.build}
SQUAWK_PKG=squawk-cli@2.66.0
PGFENCE_PKG=@flvmnt/pgfence@0.1.5

if [[ -n $OUT && $OUT != /* ]]; then OUT=$PWD/$OUT; fi
[[ -d $CORPUS ]] || die "corpus not found at $CORPUS (set CORPUS=...)"
CORPUS=$(cd "$CORPUS" && pwd)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/migsafe-bench.XXXXXX")
cleanup() {
  if [[ $KEEP == 1 ]]; then say "kept work directory $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
mkdir -p "$WORK/lists" "$WORK/out" "$WORK/gen"
RESULTS=$WORK/results.tsv   # input tool run wall_us cpu_s rss_kb rc
: > "$RESULTS"

# ---------------------------------------------------------------- setup

if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    say "/usr/bin/time is missing: installing Debian package 'time'"
    apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; } \
      || die "could not install Debian package 'time'"
  else
    die "/usr/bin/time is missing: install the Debian package 'time' (apt-get install time)"
  fi
fi

command -v node >/dev/null || die "node is missing (Debian package nodejs); squawk and pgfence come from npm"

find_squawk() {
  local b
  b=$(find "$TOOLS/node_modules/@squawk-cli" -path '*/bin/squawk' -type f 2>/dev/null | sed -n 1p || true)
  if [[ -n $b && -x $b ]]; then echo "$b"; return; fi
  # Fallback: the npm wrapper (a node script that spawns the native binary).
  [[ -x $TOOLS/node_modules/.bin/squawk ]] && echo "$TOOLS/node_modules/.bin/squawk"
}
PGFENCE_DIR=$TOOLS/node_modules/@flvmnt/pgfence
PGFENCE_JS=$PGFENCE_DIR/dist/index.js
SQUAWK=$(find_squawk || true)
if [[ -z $SQUAWK || ! -f $PGFENCE_JS ]]; then
  command -v npm >/dev/null || die "npm is missing (Debian package npm); it installs squawk and pgfence"
  say "installing $SQUAWK_PKG and $PGFENCE_PKG into $TOOLS (npm)"
  mkdir -p "$TOOLS"
  npm install --prefix "$TOOLS" --no-audit --no-fund --loglevel=error \
    "$SQUAWK_PKG" "$PGFENCE_PKG" >&2 || die "npm install failed"
  SQUAWK=$(find_squawk || true)
fi
[[ -n $SQUAWK ]] || die "squawk binary not found under $TOOLS after npm install"
[[ -f $PGFENCE_JS ]] || die "pgfence not found under $TOOLS after npm install"

FLOOR=$BUILD/parse_floor
if [[ ! -x $FLOOR || $BENCH/parse_floor.cpp -nt $FLOOR ]]; then
  say "building parse floor into $BUILD"
  mkdir -p "$BUILD"
  g++ -std=c++20 -O2 -o "$FLOOR" "$BENCH/parse_floor.cpp" -lpg_query \
    || die "could not build bench/parse_floor.cpp (needs g++ and Debian libpg-query-dev)"
fi

# Instruction counts (user space, one extra run per tool and input) do not
# depend on what else the machine runs; used when perf can count them.
HAVE_PERF=0
if command -v perf >/dev/null && perf stat -x, -e instructions:u -o /dev/null true >/dev/null 2>&1; then HAVE_PERF=1; fi

HAVE_MIGSAFE=0
if [[ -x $MIGSAFE && -f $MIGSAFE ]]; then HAVE_MIGSAFE=1; else say "migsafe not found at $MIGSAFE: reported as pending"; fi

# ---------------------------------------------------------------- inputs

# Synthetic migration: BLOCKS blocks of the same 21 statements with unique
# names — a realistic mix of safe and dangerous DDL, a DML backfill and a
# PL/pgSQL body. Cost must grow linearly with the number of blocks.
gen_synthetic() {  # blocks file
  awk -v n="$1" 'BEGIN {
    for (i = 1; i <= n; i++) {
      printf "-- block %d\n", i
      printf "CREATE TABLE accounts_%d (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  email text NOT NULL,\n  created_at timestamptz NOT NULL DEFAULT now(),\n  status varchar(32)\n);\n", i
      printf "ALTER TABLE accounts_%d ADD COLUMN plan text DEFAULT %cfree%c;\n", i, 39, 39
      printf "ALTER TABLE accounts_%d ADD COLUMN score integer NOT NULL DEFAULT 0;\n", i
      printf "CREATE INDEX accounts_%d_email_idx ON accounts_%d (email);\n", i, i
      printf "CREATE UNIQUE INDEX CONCURRENTLY accounts_%d_email_uniq ON accounts_%d (lower(email));\n", i, i
      printf "CREATE TABLE orders_%d (id bigserial PRIMARY KEY, account_id bigint, total numeric(12,2), note json);\n", i
      printf "ALTER TABLE orders_%d ADD CONSTRAINT orders_%d_account_fk FOREIGN KEY (account_id) REFERENCES accounts_%d (id);\n", i, i, i
      printf "ALTER TABLE orders_%d ADD CONSTRAINT orders_%d_total_chk CHECK (total >= 0) NOT VALID;\n", i, i
      printf "ALTER TABLE orders_%d VALIDATE CONSTRAINT orders_%d_total_chk;\n", i, i
      printf "ALTER TABLE orders_%d ALTER COLUMN total TYPE numeric(14,2);\n", i
      printf "ALTER TABLE accounts_%d ALTER COLUMN status SET NOT NULL;\n", i
      printf "UPDATE accounts_%d SET plan = %cfree%c WHERE plan IS NULL;\n", i, 39, 39
      printf "ALTER TABLE accounts_%d RENAME COLUMN status TO state;\n", i
      printf "ALTER TABLE orders_%d DROP COLUMN note;\n", i
      printf "CREATE OR REPLACE FUNCTION touch_%d() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n  NEW.created_at := now();\n  RETURN NEW;\nEND;\n$$;\n", i
      printf "CREATE TRIGGER accounts_%d_touch BEFORE UPDATE ON accounts_%d FOR EACH ROW EXECUTE FUNCTION touch_%d();\n", i, i, i
      printf "SET lock_timeout = %c5s%c;\n", 39, 39
      printf "DROP INDEX accounts_%d_email_idx;\n", i
      printf "COMMENT ON TABLE orders_%d IS %corders of block %d%c;\n", i, 39, i, 39
      printf "INSERT INTO accounts_%d (email) VALUES (%ca@example.com%c), (%cb@example.com%c);\n", i, 39, 39, 39, 39
      printf "ALTER TABLE accounts_%d ADD COLUMN IF NOT EXISTS last_seen timestamptz;\n\n", i
    }
  }' > "$2"
}

# N small migrations in one directory, four shapes in turn, 1–3 statements each.
gen_small() {  # count dir
  mkdir -p "$2"
  awk -v n="$1" -v dir="$2" 'BEGIN {
    q = sprintf("%c", 39)
    for (i = 1; i <= n; i++) {
      f = sprintf("%s/%05d_change_%d.sql", dir, i, i)
      printf "-- migration %d\n", i > f
      k = i % 4
      if (k == 0) {
        printf "CREATE TABLE t_%d (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz DEFAULT now());\n", i > f
      } else if (k == 1) {
        printf "ALTER TABLE t_%d ADD COLUMN c_%d integer;\nCREATE INDEX t_%d_c_idx ON t_%d (c_%d);\n", i - 1, i, i, i - 1, i > f
      } else if (k == 2) {
        printf "SET lock_timeout = " q "2s" q ";\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_%d_name_idx ON t_%d (name);\n", i, i - 2 > f
      } else {
        printf "ALTER TABLE t_%d ADD CONSTRAINT t_%d_fk FOREIGN KEY (id) REFERENCES t_%d (id) NOT VALID;\nALTER TABLE t_%d VALIDATE CONSTRAINT t_%d_fk;\nUPDATE t_%d SET name = " q "x" q " WHERE name IS NULL;\n", i - 3, i, (i > 7 ? i - 7 : 0), i - 3, i, i - 3 > f
      }
      close(f)
    }
  }'
}

INPUTS=()
declare -A DESC
add_input() {  # name description (list file already written)
  INPUTS+=("$1"); DESC[$1]=$2
}
wanted() { [[ -z $ONLY || ",$ONLY," == *",$1,"* ]]; }

say "preparing inputs in $WORK"
find "$CORPUS" -type f -name '*.sql' | sort > "$WORK/lists/corpus.txt"
NCORPUS=$(wc -l < "$WORK/lists/corpus.txt")
wanted corpus && add_input corpus "all of the corpus ($NCORPUS .sql files), one invocation"
LARGEST=$(tr '\n' '\0' < "$WORK/lists/corpus.txt" | xargs -0 stat -c '%s %n' | sort -k1,1nr -k2 | sed -n 1p | cut -d' ' -f2-)
echo "$LARGEST" > "$WORK/lists/largest.txt"
wanted largest && add_input largest "largest corpus file: ${LARGEST#"$CORPUS"/}"
for s in $SCALES; do
  if wanted "synth-${s}x"; then
    gen_synthetic $(( BLOCKS_1X * s )) "$WORK/gen/synthetic_${s}x.sql"
    echo "$WORK/gen/synthetic_${s}x.sql" > "$WORK/lists/synth-${s}x.txt"
    add_input "synth-${s}x" "synthetic file, ${s}x ($(( BLOCKS_1X * s * 21 )) statements)"
  fi
done
SMALL_NAME=small-$(( SMALL_FILES / 1000 ))k
if wanted "$SMALL_NAME"; then
  gen_small "$SMALL_FILES" "$WORK/gen/small"
  find "$WORK/gen/small" -type f -name '*.sql' | sort > "$WORK/lists/$SMALL_NAME.txt"
  add_input "$SMALL_NAME" "directory of $SMALL_FILES small generated files"
fi
(( ${#INPUTS[@]} > 0 )) || die "no input selected"

# pgfence stops at the first file its parser rejects, so it only runs on
# inputs it accepts whole; for the corpus, the accepted subset becomes an
# extra input on which every tool runs.
declare -A PGF_OK PGF_REJECTED
check_pgfence() {  # name
  local acc=$WORK/lists/$1.pgfence-ok.txt
  node "$BENCH/pgfence_filter.mjs" "$PGFENCE_DIR" < "$WORK/lists/$1.txt" > "$acc" 2> "$WORK/lists/$1.pgfence-rejected.txt" \
    || die "pgfence_filter failed on $1: $(tail -n 3 "$WORK/lists/$1.pgfence-rejected.txt")"
  local total acc_n
  total=$(wc -l < "$WORK/lists/$1.txt"); acc_n=$(wc -l < "$acc")
  PGF_REJECTED[$1]=$(( total - acc_n ))
  if (( acc_n == total )); then PGF_OK[$1]=1; else PGF_OK[$1]=0; fi
}
for name in "${INPUTS[@]}"; do check_pgfence "$name"; done
if [[ ${PGF_OK[corpus]:-1} == 0 ]]; then
  cp "$WORK/lists/corpus.pgfence-ok.txt" "$WORK/lists/corpus-pgfence.txt"
  NSUB=$(wc -l < "$WORK/lists/corpus-pgfence.txt")
  INPUTS+=(corpus-pgfence)
  DESC[corpus-pgfence]="the $NSUB corpus files pgfence accepts (it rejects ${PGF_REJECTED[corpus]}), one invocation"
  PGF_OK[corpus-pgfence]=1; PGF_REJECTED[corpus-pgfence]=0
fi

# ---------------------------------------------------------------- running

TOOL_ORDER=(floor migsafe squawk pgfence)
declare -A FLOOR_FILES FLOOR_FAILS BYTES
CMD=()
tool_cmd() {  # tool; uses FILES
  case "$1" in
    floor)   CMD=("$FLOOR" "${FILES[@]}") ;;
    migsafe) CMD=("$MIGSAFE" check --format json --fail-on error "${FILES[@]}") ;;
    squawk)  CMD=("$SQUAWK" --reporter json "${FILES[@]}") ;;
    pgfence) CMD=(node "$PGFENCE_JS" analyze --output json "${FILES[@]}") ;;
  esac
}
tools_for() {  # input -> tool names on stdout
  local t
  for t in "${TOOL_ORDER[@]}"; do
    case "$t" in
      migsafe) [[ $HAVE_MIGSAFE == 1 ]] || continue ;;
      pgfence) [[ ${PGF_OK[$1]} == 1 ]] || continue ;;
    esac
    echo "$t"
  done
}

run_one() {  # input tool run  (run 0 = warm-up, not recorded)
  local input=$1 tool=$2 run=$3 tf=$WORK/time.txt t0 t1 rc
  tool_cmd "$tool"
  t0=$EPOCHREALTIME
  set +e
  /usr/bin/time -v -o "$tf" "${CMD[@]}" > "$WORK/out/$input.$tool.out" 2> "$WORK/out/$input.$tool.err"
  rc=$?
  set -e
  t1=$EPOCHREALTIME
  (( run > 0 )) || return 0
  local wall_us=$(( 10#${t1/./} - 10#${t0/./} ))
  awk -F': ' -v i="$input" -v t="$tool" -v r="$run" -v w="$wall_us" -v rc="$rc" '
    /User time \(seconds\)/ { u = $2 } /System time \(seconds\)/ { s = $2 }
    /Maximum resident set size/ { m = $2 }
    END { printf "%s\t%s\t%d\t%d\t%.2f\t%d\t%d\n", i, t, r, w, u + s, m, rc }' "$tf" >> "$RESULTS"
}

declare -A OUTBYTES LOAD_AT INSTR
cd "$WORK"   # every tool runs here: no config file of the repository is picked up
START_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
START_TIME=$(date -u '+%Y-%m-%d %H:%M UTC')
for input in "${INPUTS[@]}"; do
  mapfile -t FILES < "$WORK/lists/$input.txt"
  mapfile -t TOOLS_HERE < <(tools_for "$input")
  say "input $input: ${#FILES[@]} files; tools: ${TOOLS_HERE[*]}; $RUNS rounds"
  LOAD_AT[$input]=$(cut -d' ' -f1 /proc/loadavg)
  for tool in "${TOOLS_HERE[@]}"; do run_one "$input" "$tool" 0; done   # warm-up
  read -r f p b < <(sed -n 's/^files=\([0-9]*\) parse_failures=\([0-9]*\) bytes=\([0-9]*\)$/\1 \2 \3/p' "$WORK/out/$input.floor.out")
  FLOOR_FILES[$input]=$f; FLOOR_FAILS[$input]=$p; BYTES[$input]=$b
  for (( r = 1; r <= RUNS; r++ )); do
    for tool in "${TOOLS_HERE[@]}"; do run_one "$input" "$tool" "$r"; done
  done
  for tool in "${TOOLS_HERE[@]}"; do
    OUTBYTES[$input.$tool]=$(stat -c %s "$WORK/out/$input.$tool.out")
    INSTR[$input.$tool]=nan
    if [[ $HAVE_PERF == 1 ]]; then
      tool_cmd "$tool"
      perf stat -x, -e instructions:u -o "$WORK/perf.txt" "${CMD[@]}" > /dev/null 2>&1 || true
      INSTR[$input.$tool]=$(awk -F, '$3 ~ /^instructions/ && $1 ~ /^[0-9]+$/ { print $1 }' "$WORK/perf.txt")
      [[ -n ${INSTR[$input.$tool]} ]] || INSTR[$input.$tool]=nan
    fi
  done
done
END_LOAD=$(cut -d' ' -f1-3 /proc/loadavg)

# ---------------------------------------------------------------- report

# stats input tool column(4 wall_us, 5 cpu_s, 6 rss_kb) -> "median min max"
stats() {
  awk -F'\t' -v i="$1" -v t="$2" -v c="$3" '$1 == i && $2 == t { print $c }' "$RESULTS" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan nan nan"; exit }
         m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR] }'
}
# ratios input A B [column] -> "median min max" of A/B per round, paired by
# round number; column 4 (wall, default) or 5 (CPU)
ratios() {
  awk -F'\t' -v i="$1" -v a="$2" -v b="$3" -v c="${4:-4}" '
    $1 == i && $2 == a { A[$3] = $c } $1 == i && $2 == b { B[$3] = $c }
    END { for (r in A) if ((r in B) && A[r] > 0 && B[r] > 0) print A[r] / B[r] }' "$RESULTS" | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) { print "nan nan nan"; exit }
         m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; print m, a[1], a[NR] }'
}
rcs() {  # input tool -> distinct exit codes
  awk -F'\t' -v i="$1" -v t="$2" '$1 == i && $2 == t { print $7 }' "$RESULTS" | sort -n | uniq | paste -sd, -
}
expected_rc() {  # input tool -> allowed exit codes, comma separated
  case "$2" in
    floor|pgfence) echo 0 ;;
    squawk) echo 0,1 ;;
    migsafe) if (( ${FLOOR_FAILS[$1]:-0} > 0 )); then echo 0,1,2; else echo 0,1; fi ;;
  esac
}
valid() {  # input tool -> success if every run exited with an expected code
  local c exp; exp=$(expected_rc "$1" "$2")
  for c in $(rcs "$1" "$2" | tr ',' ' '); do [[ ",$exp," == *",$c,"* ]] || return 1; done
}
fmt_s() { awk -v x="$1" 'BEGIN { printf "%.3f", x / 1e6 }'; }
fmt_mb() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1024 }'; }
label() {
  case "$1" in
    floor) echo "parse floor" ;; migsafe) echo migsafe ;; squawk) echo squawk ;; pgfence) echo pgfence ;;
  esac
}

report() {
  local input tool
  echo "# migsafe benchmark report"
  echo
  echo "Generated by \`bench/run.sh\` on $START_TIME; $RUNS timed runs per tool and input after one warm-up run$([[ $QUICK == 1 ]] && echo ' (--quick)')."
  echo
  echo "## Machine"
  echo
  echo "| what | value |"
  echo "|---|---|"
  echo "| CPU | $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | sed -n 1p), $(nproc) cores |"
  echo "| memory | $(free -h | awk '/^Mem:/ { print $2 }') |"
  echo "| OS | $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r) |"
  echo "| load average (1/5/15 min) at start / end | $START_LOAD / $END_LOAD |"
  echo "| g++ | $(g++ --version | sed -n 1p) |"
  echo "| libpg_query | $(dpkg-query -W -f '${Version}' libpg-query-dev 2>/dev/null || echo unknown) (Debian libpg-query-dev) |"
  echo "| node | $(node --version) |"
  echo "| squawk | $("$SQUAWK" --version 2>/dev/null | sed -n 1p) (npm $SQUAWK_PKG, native binary run directly) |"
  echo "| pgfence | $(node "$PGFENCE_JS" --version 2>/dev/null | sed -n 1p) (npm $PGFENCE_PKG, run with node) |"
  if [[ $HAVE_MIGSAFE == 1 ]]; then
    echo "| migsafe | $MIGSAFE ($("$MIGSAFE" --version 2>/dev/null | sed -n 1p || echo 'no --version')) |"
  else
    echo "| migsafe | pending: binary not built yet (no executable at $MIGSAFE) |"
  fi
  echo
  echo "## Commands"
  echo
  echo "Each tool gets the input's sorted file list as arguments (\`FILES\`), with a temporary directory as current directory:"
  echo
  echo '```'
  echo "parse floor: bench/.build/parse_floor FILES          # pg_query_parse on each whole file, single-threaded"
  echo "migsafe:     \$MIGSAFE check --format json --fail-on error FILES"
  echo "squawk:      squawk --reporter json FILES"
  echo "pgfence:     node .../@flvmnt/pgfence/dist/index.js analyze --output json FILES"
  echo "each wrapped as: /usr/bin/time -v -o TIMEFILE CMD > OUT 2> ERR"
  echo '```'
  echo
  echo "## Inputs"
  echo
  echo "| input | what | files | bytes | files libpg_query 15 rejects (whole-file parse) |"
  echo "|---|---|---:|---:|---:|"
  for input in "${INPUTS[@]}"; do
    echo "| $input | ${DESC[$input]} | ${FLOOR_FILES[$input]} | ${BYTES[$input]} | ${FLOOR_FAILS[$input]} |"
  done
  echo
  echo "## Results"
  echo
  echo "Wall time in seconds: median and min–max over the runs; MB/s = input bytes / median wall time; CPU = user + system seconds (median, 0.01 s resolution); peak RSS = \`Maximum resident set size\` (median, max). Instructions: user-space instructions retired, counted by \`perf stat -e instructions:u\` in one extra run (all threads; n/a without perf); they do not depend on other load. Ratios pair the runs of the same round. The CPU ratio is less disturbed by other load than the wall ratio, but squawk and pgfence use more than one thread, so their CPU time exceeds their wall time."
  for input in "${INPUTS[@]}"; do
    echo
    echo "### $input"
    echo
    echo "1-minute load average when this input started: ${LOAD_AT[$input]} (this machine has $(nproc) cores; a load well above the benchmark's own 1–2 means other work was running)."
    echo
    echo "| tool | wall median (s) | wall min–max (s) | MB/s | CPU (s) | instructions (M) | peak RSS median / max (MB) | exit codes | output bytes |"
    echo "|---|---:|---:|---:|---:|---:|---:|---|---:|"
    mapfile -t here < <(tools_for "$input")
    for tool in "${TOOL_ORDER[@]}"; do
      if [[ " ${here[*]} " != *" $tool "* ]]; then
        case "$tool" in
          migsafe) echo "| migsafe | pending: binary not built yet | | | | | | | |" ;;
          pgfence) echo "| pgfence | not run: pgfence rejects ${PGF_REJECTED[$input]} of these files and stops at the first (see corpus-pgfence) | | | | | | | |" ;;
        esac
        continue
      fi
      read -r wm wl wh < <(stats "$input" "$tool" 4)
      read -r cm _ _ < <(stats "$input" "$tool" 5)
      read -r rm _ rh < <(stats "$input" "$tool" 6)
      local codes note=""
      codes=$(rcs "$input" "$tool")
      valid "$input" "$tool" || note=" **unexpected: expected $(expected_rc "$input" "$tool")**"
      printf '| %s | %s | %s–%s | %s | %.2f | %s | %s / %s | %s%s | %s |\n' "$(label "$tool")" \
        "$(fmt_s "$wm")" "$(fmt_s "$wl")" "$(fmt_s "$wh")" \
        "$(awk -v b="${BYTES[$input]}" -v w="$wm" 'BEGIN { printf "%.1f", b / w }')" \
        "$cm" "$(awk -v x="${INSTR[$input.$tool]}" 'BEGIN { if (x == "nan") print "n/a"; else printf "%.0f", x / 1e6 }')" \
        "$(fmt_mb "$rm")" "$(fmt_mb "$rh")" "$codes" "$note" "${OUTBYTES[$input.$tool]}"
    done
    # per-round ratios
    local peers=()
    if [[ " ${here[*]} " == *" migsafe "* ]]; then
      for tool in floor squawk pgfence; do [[ " ${here[*]} " == *" $tool "* ]] && peers+=("migsafe/$tool"); done
    fi
    for tool in squawk pgfence; do [[ " ${here[*]} " == *" $tool "* ]] && peers+=("$tool/floor"); done
    if (( ${#peers[@]} > 0 )); then
      echo
      echo "| ratio, per round | wall median | wall min–max | CPU median | instructions |"
      echo "|---|---:|---:|---:|---:|"
      local p cpu
      for p in "${peers[@]}"; do
        read -r qm ql qh < <(ratios "$input" "${p%/*}" "${p#*/}")
        read -r cpu _ _ < <(ratios "$input" "${p%/*}" "${p#*/}" 5)
        [[ $cpu == nan ]] || cpu=$(awk -v x="$cpu" 'BEGIN { printf "%.2f", x }')
        local bad=""
        valid "$input" "${p%/*}" && valid "$input" "${p#*/}" || bad=" (not valid: unexpected exit code)"
        local ins
        ins=$(awk -v a="${INSTR[$input.${p%/*}]}" -v b="${INSTR[$input.${p#*/}]}" 'BEGIN { if (a == "nan" || b == "nan" || b == 0) print "n/a"; else printf "%.2f", a / b }')
        printf '| %s / %s%s | %.2f | %.2f–%.2f | %s | %s |\n' "$(label "${p%/*}")" "$(label "${p#*/}")" "$bad" "$qm" "$ql" "$qh" "${cpu/nan/n\/a (CPU below 0.01 s)}" "$ins"
      done
    fi
  done

  # linearity
  local scales=()
  for s in $SCALES; do [[ " ${INPUTS[*]} " == *" synth-${s}x "* ]] && scales+=("$s"); done
  if (( ${#scales[@]} >= 2 )); then
    echo
    echo "## Scaling (synthetic file)"
    echo
    echo "Median wall time per scale, and the marginal cost of one more 1x of input between consecutive scales, (t(b) − t(a)) / (b − a), in ms. Linear cost means equal marginal costs: the last column is the last step's marginal cost over the first step's (1.00 = linear, above 1 = superlinear)."
    echo
    local hdr="| tool |" sep="|---|" i
    for s in "${scales[@]}"; do hdr+=" ${s}x (s) |"; sep+="---:|"; done
    for (( i = 1; i < ${#scales[@]}; i++ )); do hdr+=" ms per 1x, ${scales[i-1]}x→${scales[i]}x |"; sep+="---:|"; done
    echo "$hdr last/first marginal |"; echo "$sep---:|"
    for tool in "${TOOL_ORDER[@]}"; do
      [[ " $(tools_for "synth-${scales[-1]}x" | tr '\n' ' ') " == *" $tool "* ]] || continue
      local row ts=()
      row="| $(label "$tool") |"
      local ok=1
      for s in "${scales[@]}"; do
        read -r wm _ _ < <(stats "synth-${s}x" "$tool" 4); ts+=("$wm")
        if valid "synth-${s}x" "$tool"; then row+=" $(fmt_s "$wm") |"; else ok=0; row+=" not valid: exit $(rcs "synth-${s}x" "$tool") |"; fi
      done
      if [[ $ok == 0 ]]; then
        for (( i = 1; i < ${#scales[@]}; i++ )); do row+=" |"; done
        echo "$row |"; continue
      fi
      row+=$(awk -v sc="${scales[*]}" -v ts="${ts[*]}" 'BEGIN {
        n = split(sc, S, " "); split(ts, T, " ")
        for (i = 2; i <= n; i++) { m[i] = (T[i] - T[i-1]) / (S[i] - S[i-1]) / 1000; printf " %.2f |", m[i] }
        printf " %.2f |", (m[2] > 0 ? m[n] / m[2] : 0) }')
      echo "$row"
    done
  fi

  echo
  echo "## Targets"
  echo
  if [[ $HAVE_MIGSAFE != 1 ]]; then
    echo "Not evaluated: migsafe binary not built yet."
  else
    echo "Per-round wall-time ratios (medians); an input where migsafe exited with an unexpected code (a crash, or a usage error) is not evaluated."
    echo
    echo "| target | input | measured | result |"
    echo "|---|---|---:|---|"
    for input in corpus "$SMALL_NAME"; do
      [[ " ${INPUTS[*]} " == *" $input "* ]] || continue
      if ! valid "$input" migsafe; then echo "| throughput ≥ 5× squawk | $input | migsafe exit codes $(rcs "$input" migsafe) | not valid |"; continue; fi
      read -r q _ _ < <(ratios "$input" squawk migsafe)
      awk -v q="$q" -v i="$input" 'BEGIN { printf "| throughput ≥ 5× squawk | %s | %.2f× | %s |\n", i, q, (q >= 5 ? "pass" : "FAIL") }'
    done
    for input in "${INPUTS[@]}"; do
      if ! valid "$input" migsafe; then echo "| wall ≤ 1.5× parse floor | $input | migsafe exit codes $(rcs "$input" migsafe) | not valid |"; continue; fi
      read -r q _ _ < <(ratios "$input" migsafe floor)
      awk -v q="$q" -v i="$input" 'BEGIN { printf "| wall ≤ 1.5× parse floor | %s | %.2f× | %s |\n", i, q, (q <= 1.5 ? "pass" : "FAIL") }'
    done
    for input in "${INPUTS[@]}"; do
      if ! valid "$input" migsafe; then echo "| peak RSS ≤ squawk | $input | migsafe exit codes $(rcs "$input" migsafe) | not valid |"; continue; fi
      read -r a _ _ < <(stats "$input" migsafe 6); read -r b _ _ < <(stats "$input" squawk 6)
      awk -v a="$a" -v b="$b" -v i="$input" 'BEGIN { printf "| peak RSS ≤ squawk | %s | %.1f vs %.1f MB | %s |\n", i, a / 1024, b / 1024, (a <= b ? "pass" : "FAIL") }'
    done
  fi
}

if [[ -n $OUT ]]; then
  report | tee "$OUT"
else
  report
fi
