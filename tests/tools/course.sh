#!/bin/sh
# A course of N lectures for scale tests, the same bytes everywhere:
# sh tests/tools/course.sh N DIR   writes DIR/course.yaml and
# DIR/lecture-K.md for K = 1..N, each the lecture
# source/1.08-seven-thousand-cadre-conference.md (about 2,200 words)
# under its own number (1.K: sorting them needs 1.9 < 1.10), title and
# neighbours, so that every previous/next line is a link in the book.
N=${1:?usage: course.sh N DIR}
DIR=${2:?usage: course.sh N DIR}
TOP=$(cd "$(dirname "$0")/../.." && pwd)
LECTURE=$TOP/source/1.08-seven-thousand-cadre-conference.md
mkdir -p "$DIR" || exit 1
printf 'title: "A Course of %s Lectures"\nauthor: A. Teacher\nlang: en\ndate: 2018-03-06\n' \
    "$N" >"$DIR/course.yaml"
exec awk -v n="$N" -v dir="$DIR" '
NR == 1 && $0 == "---" { fm = 1; next }
fm && $0 == "---" { fm = 0; next }
fm { next }
{ body[++nb] = $0 }
END {
	for (k = 1; k <= n; k++) {
		f = dir "/lecture-" k ".md"
		print "---" > f
		printf "number: \"1.%d\"\ntitle: \"Lecture Number %d\"\n", k, k > f
		print "date: 2018-03-06\nlang: en" > f
		if (k > 1)
			printf "previous: \"1.%d  Lecture Number %d\"\n", k - 1, k - 1 > f
		if (k < n)
			printf "next: \"1.%d  Lecture Number %d\"\n", k + 1, k + 1 > f
		print "---" > f
		for (i = 1; i <= nb; i++)
			print body[i] > f
		close(f)
	}
}' "$LECTURE"
