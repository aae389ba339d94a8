#!/bin/sh
# A lecture's front matter once, then its body N times, so the book grows
# but stays one lecture: sh tests/tools/repeatbody.sh N LECTURE > big.md
# (make bench and tests/memory).
N=${1:?usage: repeatbody.sh N LECTURE}
exec awk -v n="$N" '
NR == 1 && $0 == "---" { fm = 1; print; next }
fm && $0 == "---" { fm = 0; print; next }
fm { print; next }
{ body[++nb] = $0 }
END { for (k = 0; k < n; k++) for (i = 1; i <= nb; i++) print body[i] }
' "${2:?usage: repeatbody.sh N LECTURE}"
