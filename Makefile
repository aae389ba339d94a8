# lectern: lectures from Markdown to EPUB 3 and print PDF.
#
#   make          build lectern and every out/STEM.epub and out/STEM.pdf
#   make epub     the EPUBs only;  make pdf  the PDFs only
#   make course   only the course book, out/course.epub and out/course.pdf
#                 (made by make too, when source/ holds a course.yaml or
#                 more than one lecture)
#   make ereader  copy the books to a mounted Kobo, Kindle or other
#                 e-reader (EREADER=DIR names its folder)
#   make test     the test suite; its last line is "N passed, N failed"
#   make bench    speed and memory figures (never pass/fail; BIG_PDF=1 adds
#                 the 30 MB lecture's PDF)
#   make asan     the tests under AddressSanitizer + UBSan
#   make fuzz     the libFuzzer harnesses and many generated lectures;
#                 make fuzz-pdf  the print path's harness alone
#   make clean
#
# B= puts objects and the binary under another folder (B=/tmp/x), so
# that two builds of one tree do not trample each other.

B	?= .
PKGS	 = libcmark-gfm yaml-0.1 libxml-2.0 libzip pangocairo cairo-pdf fontconfig \
	   glib-2.0 zlib libpng gdk-pixbuf-2.0 librsvg-2.0 libturbojpeg harfbuzz-subset libqpdf pangoft2 cairo-ft freetype2 fribidi
CC	?= cc
CXX	?= c++
CFLAGS	?= -O2 -g
CFLAGS	+= -std=c11 -D_XOPEN_SOURCE=700 -Wall -Wextra -Wpedantic \
	   -Wno-overlength-strings -MMD -MP
# Recursive (=), so pkg-config runs only after 'deps' has installed it.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lhyphen -lm -lstdc++

OBJS	 = main.o diag.o util.o tree.o meta.o read.o import.o check.o course.o progress.o labels.o \
	   xmlw.o xhtml.o epub.o subset.o cover.o kepub.o \
	   style.o fonts.o hyph.o linebreak.o pagebreak.o \
	   lay_text.o lay_image.o lay_shape.o lay_hlist.o lay_lines.o lay_pcache.o \
	   lay_vlist.o lay_blocks.o lay_table.o lay_front.o lay_pages.o \
	   lay_pagelist.o layout.o report.o pdf.o relay.o output.o \
	   pdfpost.o pdfpost-content.o
OBJS	:= $(addprefix $(B)/src/,$(OBJS))
BIN	 = $(B)/lectern

# A lecture page saved as text (source/NAME.txt) builds as it stands.
SOURCES	 = $(wildcard source/*.md) $(wildcard source/*.txt)
STEMS	 = $(basename $(notdir $(SOURCES)))
EPUBS	 = $(addprefix out/,$(addsuffix .epub,$(STEMS)))
KEPUBS	 = $(addprefix out/,$(addsuffix .kepub.epub,$(STEMS)))
PDFS	 = $(addprefix out/,$(addsuffix .pdf,$(STEMS)))
# The course as one book, when source/ holds a course.yaml (which names
# the book and may list its lectures) or more than one lecture.
COURSE_YAML = $(wildcard source/course.yaml)
COURSE	 = $(if $(or $(COURSE_YAML),$(word 2,$(SOURCES))),out/course.epub out/course.pdf)
COURSE_ARGS = $(if $(COURSE_YAML),source/course.yaml,$(SOURCES))

# Debian 12 packages the build and the tests need.
DEBS	 = gcc g++ make pkg-config libc6-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libyaml-dev \
	   libxml2-dev libzip-dev libpng-dev zlib1g-dev libglib2.0-dev libcairo2-dev libpango1.0-dev libfribidi-dev \
	   libfontconfig-dev libharfbuzz-dev libhyphen-dev hyphen-en-us fonts-noto-core \
	   fonts-noto-cjk fonts-dejavu-core epubcheck poppler-utils mupdf-tools qpdf unzip \
	   libqpdf-dev icc-profiles-free python3-pikepdf \
	   libxml2-utils libgdk-pixbuf-2.0-dev librsvg2-common librsvg2-dev libturbojpeg0-dev \
	   fonts-noto-color-emoji fonts-noto-cjk-extra fonts-hanazono \
	   $(HYPHEN_DEBS)
# Hyphenation for the lectures' languages (libhyphen's dictionaries),
# those of labels.c's table and their neighbours.
HYPHEN_DEBS = hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-pt-pt hyphen-pt-br \
	   hyphen-nl hyphen-ru hyphen-uk hyphen-pl hyphen-cs hyphen-el hyphen-sv \
	   hyphen-da hyphen-no hyphen-hu hyphen-en-gb

.PHONY: all epub pdf course test bench asan valgrind fuzz fuzz-pdf clean deps regen ace ereader

all: $(BIN) epub pdf course

epub: $(EPUBS)
pdf: $(PDFS)
course: $(COURSE)

# Installs what is missing when run as root; otherwise says what to run.
deps:
	@missing=; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    export DEBIAN_FRONTEND=noninteractive; \
	    apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing \
	      >/dev/null || exit 1; \
	  else \
	    echo "lectern needs Debian packages; run:"; \
	    echo "  sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

# Ace by DAISY, the accessibility checker of publishers and
# universities, for the tests: npm's @daisy/ace-cli in ACE_DIR, outside
# the tree, driving Debian's chromium (not puppeteer's own download).
# Installed when root with npm at hand; otherwise the tests say that
# they skip it.
ACE_DIR	?= /opt/ace
ACE_VERSION = 1.4.6
ACE	 = $(ACE_DIR)/node_modules/.bin/ace-cli
ace:
	@if [ -x $(ACE) ]; then :; \
	elif [ "$$(id -u)" != 0 ] || ! command -v npm >/dev/null; then \
	  echo "ace: not installed and cannot install (needs root and npm):" \
	    "the tests skip Ace"; \
	else \
	  [ -x /usr/bin/chromium ] || DEBIAN_FRONTEND=noninteractive \
	    apt-get -o DPkg::Lock::Timeout=900 install -y -qq \
	      --no-install-recommends chromium >/dev/null || exit 1; \
	  echo "installing @daisy/ace-cli $(ACE_VERSION) in $(ACE_DIR)"; \
	  mkdir -p $(ACE_DIR) && cd $(ACE_DIR) && \
	    PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
	      --loglevel=error @daisy/ace-cli@$(ACE_VERSION) >/dev/null || \
	    echo "ace: npm install failed: the tests skip Ace"; \
	fi

$(BIN): $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(B)/src/%.o: src/%.c Makefile | deps
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -DSTYLES_DIR='"$(CURDIR)/styles"' -c -o $@ $<

# qpdf's content-stream tokenizer is C++ only: one small file uses it.
$(B)/src/%.o: src/%.cc Makefile | deps
	@mkdir -p $(dir $@)
	$(CXX) -O2 -g -std=c++17 -DPOINTERHOLDER_TRANSITION=4 -Wall -Wextra -MMD -MP $(PKG_CFLAGS) -c -o $@ $<

out/%.epub: source/%.md styles/epub.css styles/print.yaml $(BIN)
	$(BIN) epub -o $@ $<

out/%.kepub.epub: source/%.md styles/epub.css styles/print.yaml $(BIN)
	$(BIN) epub --kepub -o $@ $<

# The books to a mounted e-reader: Kobo gets the Kobo edition, Kindle
# an AZW3 (Calibre), any other the EPUB; see src/ereader.sh.
ereader: $(EPUBS) $(KEPUBS)
	@sh src/ereader.sh $(EPUBS)

out/%.pdf: source/%.md styles/print.yaml $(BIN)
	$(BIN) pdf -o $@ $<

out/%.epub: source/%.txt styles/epub.css $(BIN)
	$(BIN) epub -o $@ $<

out/%.pdf: source/%.txt styles/print.yaml $(BIN)
	$(BIN) pdf -o $@ $<

# Every lecture goes into the book: any of them changed, it is rebuilt.
out/course.epub: $(SOURCES) $(COURSE_YAML) styles/epub.css styles/print.yaml $(BIN)
	$(BIN) epub -o $@ $(COURSE_ARGS)

out/course.pdf: $(SOURCES) $(COURSE_YAML) styles/print.yaml $(BIN)
	$(BIN) pdf -o $@ $(COURSE_ARGS)

test: $(BIN) | deps ace
	@ACE=$(ACE) sh tests/run.sh $(BIN)

bench: $(BIN) | deps
	@sh tests/bench.sh $(BIN) $(BEFORE)

asan:
	$(MAKE) B=out/asan CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -MMD -MP' out/asan/lectern
	ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/pdf/lsan.supp:print_suppressions=0 \
	  PAT_LIMIT=900 MEM_RATIO_MAX=4 MEM_MEASURE_MAX=0.9 sh tests/run.sh out/asan/lectern

valgrind: $(BIN)
	MEM_RATIO_MAX=4 MEM_MEASURE_MAX=0.9 LECTERN_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --suppressions=$(CURDIR)/tests/pdf/valgrind.supp' \
	  sh tests/run.sh $(BIN)

# libFuzzer for FUZZ_SECONDS each (clang's runtime, Debian's clang): on
# the reader and checker, then on the EPUB writer (every XML entry of
# the book must parse), then on the print path (fuzz-pdf: layout and
# cairo).  A finding is written to out/crash-*.  Then GEN_FUZZ_CASES
# generated lectures (tests/gen) through both writers.
FUZZ_SECONDS ?= 60
FUZZ_PDF_SECONDS ?= $(FUZZ_SECONDS)
GEN_FUZZ_CASES ?= 1000
READER	 = diag progress util tree meta read check labels
# Every stage but main.c, and the C++ content filter compiled alike.
FUZZ_SRCS = $(filter-out src/main.c,$(wildcard src/*.c)) out/pdfpost-content.o
# Every harness with the libraries' own leaks suppressed (fontconfig's
# configuration, read when the EPUB's cover or the layout first asks
# for a font, loses 288 bytes), by library: the harnesses keep ASan's
# fast unwinder, six times faster on the print path than the whole
# stacks `make asan` takes (tests/fuzz/lsan.supp says why).
FUZZ_ENV = LSAN_OPTIONS=suppressions=$(CURDIR)/tests/fuzz/lsan.supp
FUZZFLAGS = -max_total_time=$(FUZZ_SECONDS) -close_fd_mask=3 \
	  -max_len=65536 -artifact_prefix=out/
out/pdfpost-content.o: src/pdfpost-content.cc | deps
	clang++ -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize=vptr \
	  -std=c++17 -DPOINTERHOLDER_TRANSITION=4 $(PKG_CFLAGS) -c -o $@ src/pdfpost-content.cc

fuzz: out/pdfpost-content.o | deps
	@mkdir -p out/fuzz-corpus out/fuzz-corpus-epub
	cp tests/read/*.md tests/diag/*.md out/fuzz-corpus/
	for f in tests/read/*.md tests/diag/*.md tests/epub/*.md; do \
	  cp $$f out/fuzz-corpus-epub/$$(echo $$f | tr / -); done
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_XOPEN_SOURCE=700 \
	  $(PKG_CFLAGS) -o out/fuzz_read tests/fuzz/fuzz_read.c \
	  $(addprefix src/,$(addsuffix .c,$(READER))) $(PKG_LIBS)
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_XOPEN_SOURCE=700 \
	  $(PKG_CFLAGS) -DSTYLES_DIR='"$(CURDIR)/styles"' \
	  -DIMG_DIR='"$(CURDIR)/tests/epub/img"' \
	  -o out/fuzz_epub tests/fuzz/fuzz_epub.c \
	  $(FUZZ_SRCS) $(PKG_LIBS)
	$(FUZZ_ENV) out/fuzz_read $(FUZZFLAGS) out/fuzz-corpus
	$(FUZZ_ENV) out/fuzz_epub $(FUZZFLAGS) out/fuzz-corpus-epub
	$(MAKE) fuzz-pdf
	GEN_CASES=$(GEN_FUZZ_CASES) ONLY=/gen/suite sh tests/run.sh $(BIN)

# The print path alone: every source but main.c, so that a new stage
# file needs no change here; the libraries' own leaks are suppressed as
# in `make asan`.  Seeds: the test inputs and the generated lectures of
# the first 200 under FUZZ_PDF_MAX_LEN bytes, whose pictures
# (tests/gen/gen.py) sit in img/ beside each input.  Inputs are cut to
# FUZZ_PDF_MAX_LEN: a generated lecture of 64 KB takes seconds to lay
# out under the sanitizers, and the run did little but read its seeds.
# FUZZ_PDF_FLAGS adds libFuzzer options (-fork=1 -ignore_crashes=1 to
# go on past a crash).
FUZZ_PDF_MAX_LEN ?= 16384
fuzz-pdf: out/pdfpost-content.o | deps
	@rm -rf out/fuzz-corpus-pdf && mkdir -p out/fuzz-corpus-pdf
	rm -rf out/fuzz-gen && python3 tests/gen/gen.py out/fuzz-gen 0 200
	find out/fuzz-gen -name 'g*.md' -size +$(FUZZ_PDF_MAX_LEN)c -delete
	for f in out/fuzz-gen/*.md tests/pdf/*.md tests/layout/*.md \
	    tests/repros/in/*.md; do \
	  sed 's|](\([a-z]*\.[a-z]*\))|](img/\1)|g' $$f \
	    >out/fuzz-corpus-pdf/$$(echo $$f | tr / -); done
	clang -g -O1 -fsanitize=fuzzer,address,undefined -D_XOPEN_SOURCE=700 \
	  $(PKG_CFLAGS) -DSTYLES_DIR='"$(CURDIR)/styles"' \
	  -DIMG_DIR='"$(CURDIR)/out/fuzz-gen/img"' \
	  -o out/fuzz_pdf tests/fuzz/fuzz_pdf.c \
	  $(FUZZ_SRCS) $(PKG_LIBS)
	$(FUZZ_ENV) out/fuzz_pdf $(FUZZFLAGS) -max_total_time=$(FUZZ_PDF_SECONDS) \
	  -max_len=$(FUZZ_PDF_MAX_LEN) -timeout=60 $(FUZZ_PDF_FLAGS) \
	  out/fuzz-corpus-pdf

regen: $(BIN)
	REGEN=1 sh tests/run.sh $(BIN)

clean:
	rm -f lectern src/*.o src/*.d
	find out -mindepth 1 ! -name .gitignore -exec rm -rf {} +

-include $(OBJS:.o=.d)
