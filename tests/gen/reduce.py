#!/usr/bin/env python3
"""Shrink a lecture that fails to a small one that fails the same way.

usage: reduce.py [--epub] [--lines] [--status N] [--match REGEX] LECTERN IN.md OUT.md

Runs `LECTERN pdf` (or epub) on candidates written beside OUT.md and
keeps a candidate when it still fails: exits with status N (default:
any status but 0 and 1) and, if given, prints REGEX on stderr.  Drops
blocks of lines first (the front matter stays), then words within each
line (delta debugging, coarse to fine); --lines keeps lines whole.  The pictures must sit where
the input's references resolve from OUT.md's folder.
"""

import os
import re
import subprocess
import sys


def fails(args, text, out):
    with open(out, "w", encoding="utf-8", errors="surrogatepass") as f:
        f.write(text)
    try:
        p = subprocess.run([args["lectern"], args["fmt"], "-q", "-o",
                            out + "." + args["fmt"], out],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           timeout=60)
    except subprocess.TimeoutExpired:
        return args["status"] == 124
    err = p.stderr.decode("utf-8", "replace")
    rc = 128 - p.returncode if p.returncode < 0 else p.returncode
    if args["status"] is not None:
        ok = rc == args["status"]
    else:
        ok = rc not in (0, 1)
    return ok and (args["match"] is None or re.search(args["match"], err))


def ddmin(parts, test):
    """Delta debugging: a smaller list of parts that still fails."""
    n = 2
    while len(parts) >= 2:
        chunk = max(1, len(parts) // n)
        for i in range(0, len(parts), chunk):
            rest = parts[:i] + parts[i + chunk:]
            if rest and test(rest):
                parts = rest
                n = max(n - 1, 2)
                break
        else:
            if chunk == 1:
                break
            n = min(len(parts), n * 2)
    return parts


def main(argv):
    args = {"epub": False, "lines": False, "status": None, "match": None}
    while argv and argv[0].startswith("--"):
        if argv[0] in ("--epub", "--lines"):
            args[argv[0][2:]] = True
            argv = argv[1:]
            continue
        if argv[0] == "--status":
            args["status"] = int(argv[1])
        elif argv[0] == "--match":
            args["match"] = argv[1]
        else:
            sys.exit(__doc__)
        argv = argv[2:]
    if len(argv) != 3:
        sys.exit(__doc__)
    args["lectern"], src, out = argv
    args["fmt"] = "epub" if args["epub"] else "pdf"
    with open(src, encoding="utf-8", errors="surrogatepass") as f:
        lines = f.read().split("\n")
    # The front matter is kept whole: the body is what is reduced.
    end = lines.index("---", 1) + 1 if lines[0] == "---" else 0
    front, body = lines[:end], lines[end:]

    def text(b):
        return "\n".join(front + b) + "\n"

    if not fails(args, text(body), out):
        sys.exit("reduce.py: the input does not fail that way")
    body = ddmin(body, lambda b: fails(args, text(b), out))
    for i in range(0 if args["lines"] else len(body)):
        words = body[i].split(" ")

        def test(w, i=i):
            return fails(args, text(body[:i] + [" ".join(w)] +
                                    body[i + 1:]), out)
        if len(words) > 1:
            body[i] = " ".join(ddmin(words, test))
    fails(args, text(body), out)
    for ext in ("pdf", "epub"):
        if os.path.exists(out + "." + ext):
            os.unlink(out + "." + ext)
    print(text(body), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
