#!/bin/sh
# make ereader: copy the books to a mounted e-reader.
#
# Usage: sh src/ereader.sh BOOK.epub...
#
# Looks for readers in EREADER (one folder, taken as a reader whatever
# it holds), else in the mounts under EREADER_ROOTS (default: the
# folders where desktops and users mount USB storage).  For each one:
#   Kobo    (.kobo/ at its root)           the Kobo edition, BOOK.kepub.epub
#   Kindle  (documents/ and system/)       an AZW3 made by Calibre's
#                                          ebook-convert, into documents/
#   other   (Books/ or Digital Editions)   the EPUB, into Books/ or the root
# It writes into the readers found and nowhere else (the AZW3 is made
# beside the EPUB).  Exit status: 0 when every reader got its books,
# 1 when none was found or one could not take them.

roots=${EREADER_ROOTS:-'/media/*/* /run/media/*/* /mnt/*'}

if [ $# -eq 0 ]; then
	echo "usage: sh src/ereader.sh BOOK.epub..." >&2
	exit 2
fi

# kind DIR: what reader DIR is (kobo, kindle, other), or nothing.
kind() {
	if [ -d "$1/.kobo" ]; then
		echo kobo
	elif [ -d "$1/documents" ] && [ -d "$1/system" ]; then
		echo kindle
	elif [ -n "$EREADER" ] || [ -d "$1/Books" ] ||
	    [ -d "$1/.adobe-digital-editions" ] || [ -d "$1/Digital Editions" ]
	then
		echo other
	fi
}

# put FILE DIR: copy FILE into DIR, saying so.
put() {
	if cp "$1" "$2/"; then
		echo "ereader: $1 -> $2/"
	else
		status=1
	fi
}

to_kobo() {
	for _b in "$@"; do
		_k=${_b%.epub}.kepub.epub
		if [ -f "$_k" ]; then
			put "$_k" "$dir"
		else
			echo "ereader: no Kobo edition $_k (lectern epub --kepub)" >&2
			status=1
		fi
	done
}

to_kindle() {
	if ! command -v ebook-convert >/dev/null; then
		echo "ereader: $dir is a Kindle, and Calibre's ebook-convert is" \
		    "not installed to make AZW3 books for it." >&2
		echo "  Send the EPUBs with Send to Kindle instead" \
		    "(https://www.amazon.com/sendtokindle, or e-mail them to" \
		    "your Kindle's address); Amazon converts them:" >&2
		for _b in "$@"; do echo "    $_b" >&2; done
		status=1
		return
	fi
	for _b in "$@"; do
		_a=${_b%.epub}.azw3
		if ebook-convert "$_b" "$_a" >/dev/null 2>&1; then
			put "$_a" "$dir/documents"
		else
			echo "ereader: ebook-convert failed on $_b" >&2
			status=1
		fi
	done
}

to_other() {
	_to=$dir
	[ -d "$dir/Books" ] && _to=$dir/Books
	for _b in "$@"; do
		put "$_b" "$_to"
	done
}

if [ -n "$EREADER" ]; then
	if [ ! -d "$EREADER" ]; then
		echo "ereader: EREADER=$EREADER is not a folder" >&2
		exit 1
	fi
	candidates=$EREADER
else
	candidates=
	for _d in $roots; do
		[ -d "$_d" ] && candidates="$candidates $_d"
	done
fi

status=0
found=0
for dir in $candidates; do
	case $(kind "$dir") in
	kobo)	found=1; echo "ereader: Kobo at $dir"; to_kobo "$@" ;;
	kindle)	found=1; echo "ereader: Kindle at $dir"; to_kindle "$@" ;;
	other)	found=1; echo "ereader: e-reader at $dir"; to_other "$@" ;;
	esac
done
if [ "$found" -eq 0 ]; then
	echo "ereader: no e-reader mounted (looked in $roots);" \
	    "mount one, or name its folder with EREADER=DIR" >&2
	exit 1
fi
exit $status
