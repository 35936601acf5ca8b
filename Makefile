# gradviz: build, test and demo. Every target installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)/gradviz
# shared/ (data and the reference implementations) beside the repository, else the test copy.
SHARED ?= $(if $(wildcard $(CURDIR)/../shared/data),$(CURDIR)/../shared,$(CURDIR)/Tests/Fixtures/shared)

.PHONY: all deps browser-deps lint build test stress leaks bench bench-render bench-script fuzz demo docs clean install man-filter

all: build

# Graphviz's C libraries (libcgraph, libgvc) and headers, from Debian's libgraphviz-dev.
deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
	  echo "gradviz: installing libgraphviz-dev (Graphviz's C libraries)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y pkg-config libgraphviz-dev; \
	fi

# The explorer page's browser tests: headless Chromium, its driver and Selenium for Debian's
# python3, and ESLint for the page's script.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || \
	    ! /usr/bin/python3 -c 'import selenium' 2>/dev/null || ! command -v eslint >/dev/null; then \
	  echo "gradviz: installing chromium, chromium-driver, python3-selenium and eslint (the explorer's tests)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver python3-selenium eslint; \
	fi

# The explorer's script, checked by ESLint (.eslintrc.json) and parsed by node.
lint: browser-deps
	NODE_PATH=/usr/share/nodejs eslint --no-eslintrc -c .eslintrc.json Sources/Explorer/Embedded/explorer.js
	node --check Sources/Explorer/Embedded/explorer.js

build: deps
	$(SWIFT) build

# The build must be clean: a compiler warning in the project's own files fails the target
# (a fresh clone compiles every file, so CI sees them all).
BUILD_LOG = .build/build-tests.log
test: deps browser-deps lint
	@mkdir -p .build
	@{ $(SWIFT) build --build-tests 2>&1; echo $$? > $(BUILD_LOG).status; } | tee $(BUILD_LOG)
	@exit $$(cat $(BUILD_LOG).status)
	@if grep -E '^$(CURDIR)/(Sources|Tests|Examples|Benchmarks|Fuzz|Plugins)/[^:]+:[0-9]+:[0-9]+: warning:' $(BUILD_LOG); then \
	  echo "gradviz: the build has warnings (above)"; exit 1; fi
	$(SWIFT) test --skip-build

# Long runs that `make test` skips: random graphs against finite differences, a ten-million-node
# chain, a longer training run.
stress: deps
	$(SWIFT) build --build-tests
	GRADVIZ_STRESS=1 $(SWIFT) test --skip-build --filter Stress

# Memory over many renders in one process (release build): resident memory after 10 and after
# LEAK_ROUNDS rounds, then a few rounds under valgrind for the blocks that are definitely lost.
LEAK_ROUNDS ?= 1000
VALGRIND_ROUNDS ?= 3
leaks: deps
	$(SWIFT) build -c release --product gradviz-leaks
	$$($(SWIFT) build -c release --show-bin-path)/gradviz-leaks $(LEAK_ROUNDS)
	@if ! command -v valgrind >/dev/null; then \
	  echo "gradviz: installing valgrind"; \
	  $(SUDO) apt-get update && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y valgrind; \
	fi
	valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=0 \
	  $$($(SWIFT) build -c release --show-bin-path)/gradviz-leaks $(VALGRIND_ROUNDS) 2>&1 \
	  | grep -E 'gradviz-leaks|RSS|definitely lost|indirectly lost|ERROR SUMMARY'

# Speed and memory in a release build: micrograd's demo training step and a million-node chain,
# beside Python micrograd and a hand-derived C floor when python3 and cc are there.
bench: bench-script
	@if command -v python3 >/dev/null && ! python3 -c 'import micrograd' 2>/dev/null; then \
	  echo "gradviz: installing micrograd 0.1.0 for the comparison"; \
	  python3 -m pip install --quiet micrograd==0.1.0 || echo "gradviz: no micrograd; its figures are skipped"; \
	fi
	$(SWIFT) build -c release --product gradviz-bench
	$$($(SWIFT) build -c release --show-bin-path)/gradviz-bench --shared $(SHARED)

# Reading a 10 MB script of simple assignments in a release build (`run --max-steps 0` reads,
# checks and parses the whole script, then stops before its first statement), and running it;
# the best of three runs each.
BENCH_DIR = .build/bench
bench-script:
	$(SWIFT) build -c release --product gradviz
	@mkdir -p $(BENCH_DIR)
	@awk 'BEGIN { while (size < 10485760) { line = sprintf("x%d = %d.5\ny%d = x%d * 2.0 - %d\n", n, n % 1000, n, n, n % 7); printf "%s", line; size += length(line); n++ } }' > $(BENCH_DIR)/assignments.mg
	@bin=$$($(SWIFT) build -c release --show-bin-path)/gradviz; script=$(BENCH_DIR)/assignments.mg; \
	  best() { b=; for i in 1 2 3; do s=$$(date +%s%N); "$$@" >/dev/null 2>&1; e=$$(date +%s%N); t=$$(( (e - s) / 1000000 )); if [ -z "$$b" ] || [ $$t -lt $$b ]; then b=$$t; fi; done; echo $$b; }; \
	  read=$$(best $$bin run --max-steps 0 $$script); run=$$(best $$bin run --no-backward $$script); \
	  echo "script: $$(wc -c < $$script) bytes, $$(wc -l < $$script) assignments"; \
	  echo "read (decode, lex, parse): $$read ms (goal: under 1000 ms)"; \
	  echo "read and run (no backward): $$run ms"

# libFuzzer on the script reader and evaluator (Fuzz/ScriptFuzzer.swift): the libraries built
# with swiftc -sanitize=fuzzer,address, the corpus seeded with the samples and the worked
# cases. Runs FUZZ_TIME seconds; a crashing input is written to $(FUZZ_DIR)/crash-*.
FUZZ_DIR = .build/fuzz
FUZZ_TIME ?= 60
FUZZ_FLAGS = -parse-as-library -O -g -package-name gradviz -sanitize=fuzzer,address -I $(FUZZ_DIR)
fuzz:
	@mkdir -p $(FUZZ_DIR)/corpus
	@for f in Samples/*.mg $(SHARED)/cases/*.mg; do cp "$$f" "$(FUZZ_DIR)/corpus/seed-$$(basename $$(dirname $$f))-$$(basename $$f)"; done
	swiftc $(FUZZ_FLAGS) -module-name Autograd -emit-module -emit-module-path $(FUZZ_DIR)/Autograd.swiftmodule -emit-library -static -o $(FUZZ_DIR)/libAutograd.a Sources/Autograd/*.swift
	swiftc $(FUZZ_FLAGS) -module-name NeuralNetwork -emit-module -emit-module-path $(FUZZ_DIR)/NeuralNetwork.swiftmodule -emit-library -static -o $(FUZZ_DIR)/libNeuralNetwork.a Sources/NeuralNetwork/*.swift
	swiftc $(FUZZ_FLAGS) -module-name Scripting -emit-module -emit-module-path $(FUZZ_DIR)/Scripting.swiftmodule -emit-library -static -o $(FUZZ_DIR)/libScripting.a $$(find Sources/Scripting -name '*.swift')
	@# The linker's warnings about ASan's local symbols are noise; kept in link.log.
	swiftc $(FUZZ_FLAGS) Fuzz/ScriptFuzzer.swift -L $(FUZZ_DIR) -lScripting -lNeuralNetwork -lAutograd -o $(FUZZ_DIR)/script-fuzzer 2> $(FUZZ_DIR)/link.log || { cat $(FUZZ_DIR)/link.log; exit 1; }
	$(FUZZ_DIR)/script-fuzzer -max_total_time=$(FUZZ_TIME) -max_len=8192 -timeout=10 -rss_limit_mb=4096 -artifact_prefix=$(FUZZ_DIR)/ $(FUZZ_DIR)/corpus

# The libraries' documentation, built by DocC through swift-docc-plugin: first Autograd alone,
# which must build without a warning and give every public declaration a summary (a property
# wrapper's `$` projection cannot have one of its own); then one archive of all the libraries,
# linked across modules, in $(DOCS)/gradviz.doccarchive, its warnings counted. Browse it with
# `swift package --disable-sandbox preview-documentation --target Autograd`, or serve the
# archive's folder over HTTP.
DOCS = .build/docs
DOC_TARGETS = Autograd Rendering NeuralNetwork Inspection
DOCC_FLAGS = --experimental-skip-synthesized-symbols
docs: deps
	@mkdir -p $(DOCS)
	$(SWIFT) package --allow-writing-to-directory $(DOCS) generate-documentation --target Autograd \
	  --output-path $(DOCS)/Autograd.doccarchive --warnings-as-errors $(DOCC_FLAGS) \
	  --experimental-documentation-coverage --coverage-summary-level none
	@python3 -c 'import json, sys; \
	  missing = [e["referencePath"] for e in json.load(open(sys.argv[1])) \
	    if e["kind"]["isSymbol"] and not e["hasAbstract"] and "/$$" not in e["referencePath"]]; \
	  print(*("gradviz: no documentation: " + m for m in missing), sep="\n") if missing else None; \
	  sys.exit(1 if missing else 0)' $(DOCS)/Autograd.doccarchive/documentation-coverage.json
	@{ $(SWIFT) package --allow-writing-to-directory $(DOCS) generate-documentation \
	  $(DOC_TARGETS:%=--target %) --enable-experimental-combined-documentation $(DOCC_FLAGS) \
	  --output-path $(DOCS)/gradviz.doccarchive 2>&1; echo $$? > $(DOCS)/combined.status; } \
	  | tee $(DOCS)/combined.log
	@exit $$(cat $(DOCS)/combined.status)
	@warnings=$$(grep -c '^warning:' $(DOCS)/combined.log); \
	  if [ "$$warnings" -gt 0 ]; then echo "gradviz: $$warnings documentation warnings outside Autograd (above)"; fi

# Renders the walkthrough's neuron to neuron.svg, prints its DOT and its gradient table.
demo: build
	$(BIN) render Samples/neuron.mg
	@echo "(open neuron.svg in a browser)"
	@echo
	$(BIN) dot Samples/neuron.mg
	@echo
	$(BIN) grads Samples/neuron.mg

bench: bench-render

# Rendering benchmarks (release build): the demo step's loss graph with --collapse neuron to
# SVG, in-process rendering against the `dot` program on the same DOT text, and what the
# CLI's Graphviz child process costs. The `dot`
# program is installed for this comparison only; gradviz itself never runs it.
# Then the explorer pages of the neuron, about 2,000 values and the collapsed demo step: file
# size, time to interactive in headless Chromium (the median of 3 loads) and the time of a
# search over all values.
bench-render: deps browser-deps
	@command -v dot >/dev/null 2>&1 || { \
	  echo "gradviz: installing graphviz (the dot program, for the comparison)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y graphviz; }
	$(SWIFT) build -c release --product RenderBenchmarks
	$(SWIFT) build -c release --product gradviz
	"$$($(SWIFT) build -c release --show-bin-path)/RenderBenchmarks" --shared $(SHARED)
	"$$($(SWIFT) build -c release --show-bin-path)/RenderBenchmarks" --shared $(SHARED) --explorer $(BENCH_DIR)/explorer
	/usr/bin/python3 Tests/Browser/explorer.py bench $(BENCH_DIR)/explorer/neuron.html \
	  $(BENCH_DIR)/explorer/mlp-2000.html $(BENCH_DIR)/explorer/demo-step.html

clean:
	rm -rf .build neuron.svg chain.png loss.svg loss.png neuron-frames neuron.html neuron-backward.html

# Installs a release build of gradviz into $(PREFIX)/bin, its man page into
# $(PREFIX)/share/man/man1 (made by swift-argument-parser's generate-manual plugin, which
# writes it under .build/plugins) and its bash, zsh and fish completions into their usual
# folders under $(PREFIX)/share.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release --product gradviz
	$(SWIFT) package generate-manual --configuration release
	install -d "$(PREFIX)/bin" "$(PREFIX)/share/man/man1" "$(PREFIX)/share/bash-completion/completions" \
	  "$(PREFIX)/share/zsh/site-functions" "$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/gradviz" "$(PREFIX)/bin/gradviz"
	@$(MAKE) -s --no-print-directory man-filter \
	  < "$$(find .build/plugins -path '*GenerateManual*' -name gradviz.1 | head -n 1)" > .build/gradviz.1
	install -m 644 .build/gradviz.1 "$(PREFIX)/share/man/man1/gradviz.1"
	@if command -v man >/dev/null; then \
	  warnings=$$(man -l "$(PREFIX)/share/man/man1/gradviz.1" 2>&1 >/dev/null); \
	  if [ -n "$$warnings" ]; then echo "$$warnings"; exit 1; fi; fi
	"$(PREFIX)/bin/gradviz" --generate-completion-script bash > "$(PREFIX)/share/bash-completion/completions/gradviz"
	"$(PREFIX)/bin/gradviz" --generate-completion-script zsh > "$(PREFIX)/share/zsh/site-functions/_gradviz"
	"$(PREFIX)/bin/gradviz" --generate-completion-script fish > "$(PREFIX)/share/fish/vendor_completions.d/gradviz.fish"

# Standard input to standard output: the generated man page with each blank line (between the
# paragraphs of a command's discussion) made a paragraph break, `.Pp`, which mdoc wants
# instead of empty input lines.
man-filter:
	@sed -e 's/^$$/.Pp/'
