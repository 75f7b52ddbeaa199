#!/usr/bin/env bash
# The whole compatibility matrix: every cell of compat/ (drivers, pools, frameworks, Java 17 and
# Temurin 25) against the real-server fixture; about 7 minutes on 2 cores. Prints each cell as it
# ends, then the result table (also in compat/target/compat-matrix.md); each cell's child-JVM output
# is kept in compat/target/compat-output/<cell>.txt.
#
#   ./matrix.sh                 run everything, print the table
#   ./matrix.sh --write-docs    also put the printed table into docs/COMPATIBILITY.md
#   ./matrix.sh -Dcompat.cells=cj-9.7.0,spring-6.2.19   only these cells (any other mvn flags pass through)
#
# CI (mvn verify) runs the CI subset of the same test; see docs/COMPATIBILITY.md.
set -uo pipefail
cd "$(dirname "$0")"

write_docs=no
mvn_args=()
for arg in "$@"; do
  if [ "$arg" = "--write-docs" ]; then write_docs=yes; else mvn_args+=("$arg"); fi
done

table=compat/target/compat-matrix.md
log=compat/target/matrix.log
mkdir -p compat/target
rm -f "$table"
echo "== compatibility matrix: mvn -B -pl compat -am verify -Pmatrix (log: $log)"
start=$(date +%s)
mvn -B -pl compat -am verify -Pmatrix -Dtest='dev.jdbcguard.compat.**' -Dsurefire.failIfNoSpecifiedTests=false \
    "${mvn_args[@]}" > "$log" 2>&1 &
mvn_pid=$!
# Each cell's one-line summary as it ends.
tail -n +1 -F "$log" --pid=$mvn_pid 2>/dev/null | grep --line-buffered -E '^\[compat\] [A-Za-z0-9.-]+ \(|Tests run:.*Fail|BUILD (SUCCESS|FAILURE)'
wait $mvn_pid
status=$?
echo "== $(( $(date +%s) - start )) s, maven exit code $status"
echo
if [ ! -s "$table" ]; then
  echo "no table was written; see $log"
  exit 1
fi
cat "$table"

if [ "$write_docs" = yes ]; then
  doc=docs/COMPATIBILITY.md
  awk -v table="$table" '
    /<!-- matrix:begin -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
    /<!-- matrix:end -->/ { skip = 0 }
    !skip { print }' "$doc" > "$doc.tmp" && mv "$doc.tmp" "$doc"
  echo
  echo "== the table above is now in $doc"
fi
exit $status
