# gradviz: build, test and demo. Every target installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)/gradviz
# shared/ (data and the reference implementations) beside the repository, else the test copy.
SHARED ?= $(if $(wildcard $(CURDIR)/../shared/data),$(CURDIR)/../shared,$(CURDIR)/Tests/Fixtures/shared)

.PHONY: all deps test-deps browser-deps lint build test stress leaks bench bench-python bench-render fuzz demo docs clean install man-filter

all: build

# Graphviz's C libraries (libcgraph, libgvc) and headers, from Debian's libgraphviz-dev; the
# CPython that gradviz embeds (libpython3-dev, `pkg-config python3-embed`), and numpy and
# matplotlib for the scripts that use them.
APT_PACKAGES = pkg-config libgraphviz-dev libpython3-dev python3-numpy python3-matplotlib
deps:
	@missing=; \
	pkg-config --exists libgvc 2>/dev/null || missing="$$missing pkg-config libgraphviz-dev"; \
	pkg-config --exists python3-embed 2>/dev/null || missing="$$missing libpython3-dev"; \
	/usr/bin/python3 -c 'import numpy' 2>/dev/null || missing="$$missing python3-numpy"; \
	/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || missing="$$missing python3-matplotlib"; \
	if [ -n "$$missing" ]; then \
	  echo "gradviz: installing$$missing"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y $$missing; \
	fi

# What the tests that compare gradviz with CPython run on the CPython side
# (Tests/GradvizTests/DifferentialTests.swift): micrograd 0.1.0 and the graphviz package from
# PyPI, numpy, matplotlib and scikit-learn (micrograd's demo makes its moons with it), for the
# python3 on PATH; Graphviz's dot program, which the graphviz package runs to render; and
# Debian's python3-sklearn for the embedded interpreter. A test that needs them fails when they
# are missing.
PYTHON3 ?= python3
PIP_PACKAGES = micrograd==0.1.0 graphviz numpy matplotlib scikit-learn
test-deps: deps
	@if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then \
	  echo "gradviz: installing python3-sklearn (micrograd's demo notebook uses it)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-sklearn; \
	fi
	@if ! $(PYTHON3) -c 'import importlib.metadata as m, graphviz, numpy, matplotlib, sklearn; assert m.version("micrograd") == "0.1.0"' 2>/dev/null; then \
	  echo "gradviz: installing $(PIP_PACKAGES) for $(PYTHON3)"; \
	  $(PYTHON3) -m pip --version >/dev/null 2>&1 || { $(SUDO) apt-get update && \
	    $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-pip; }; \
	  $(PYTHON3) -m pip install --quiet $(PIP_PACKAGES) 2>/dev/null || \
	    $(PYTHON3) -m pip install --quiet --break-system-packages $(PIP_PACKAGES); \
	fi
	@command -v dot >/dev/null 2>&1 || { \
	  echo "gradviz: installing graphviz (the dot program, for the graphviz package in python3)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y graphviz; }

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
test: test-deps browser-deps lint
	@mkdir -p .build
	@{ $(SWIFT) build --build-tests 2>&1; echo $$? > $(BUILD_LOG).status; } | tee $(BUILD_LOG)
	@exit $$(cat $(BUILD_LOG).status)
	@if grep -E '^$(CURDIR)/(Sources|Tests|Examples|Benchmarks|Fuzz|Plugins)/[^:]+:[0-9]+:[0-9]+: warning:' $(BUILD_LOG); then \
	  echo "gradviz: the build has warnings (above)"; exit 1; fi
	$(SWIFT) test --skip-build

# Long runs that `make test` skips: random graphs against finite differences, a ten-million-node
# chain, a longer training run.
stress: test-deps
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
	$$($(SWIFT) build -c release --show-bin-path)/gradviz-leaks python $(LEAK_ROUNDS)
	@# A script through the embedded Python (Python's allocator off, so valgrind sees every block).
	$(SWIFT) build -c release --product gradviz
	PYTHONMALLOC=malloc valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=0 \
	  $$($(SWIFT) build -c release --show-bin-path)/gradviz run -e \
	  "xs = [Value(float(i)) for i in range(100)]; y = sum((x * x for x in xs), Value(0.0)).tanh(); y.backward(); draw_dot(y)" \
	  2>&1 | grep -E 'definitely lost|indirectly lost'

# Speed and memory in a release build: micrograd's demo training step and a million-node chain,
# beside Python micrograd and a hand-derived C floor when python3 and cc are there.
bench: deps
	@if command -v python3 >/dev/null && ! python3 -c 'import micrograd' 2>/dev/null; then \
	  echo "gradviz: installing micrograd 0.1.0 for the comparison"; \
	  python3 -m pip install --quiet micrograd==0.1.0 || echo "gradviz: no micrograd; its figures are skipped"; \
	fi
	$(SWIFT) build -c release --product gradviz-bench
	$$($(SWIFT) build -c release --show-bin-path)/gradviz-bench --shared $(SHARED)
	@$(MAKE) --no-print-directory bench-python

# Python on gradviz's Value (release build): micrograd's demo training step against CPython +
# micrograd 0.1.0, a million-op tanh chain built in a Python loop, and `gradviz dot` of the
# walkthrough's neuron start to finish.
bench-python: deps
	$(SWIFT) build -c release --product gradviz
	@mkdir -p $(BENCH_DIR)
	@bin=$$($(SWIFT) build -c release --show-bin-path)/gradviz; \
	  $$bin run Benchmarks/Python/train_step.py $(SHARED)/data/moons100.csv > $(BENCH_DIR)/step-gradviz.json; \
	  python3 Benchmarks/Python/train_step.py $(SHARED)/data/moons100.csv > $(BENCH_DIR)/step-micrograd.json 2>/dev/null || true; \
	  python3 Benchmarks/Python/compare.py $(BENCH_DIR)/step-gradviz.json $(BENCH_DIR)/step-micrograd.json; \
	  echo "million-op tanh chain in a Python loop, then backward (target: under 2 s and 300 MB):"; \
	  echo "  $$($$bin run Benchmarks/Python/chain.py)"; \
	  best=; for i in 1 2 3 4 5; do s=$$(date +%s%N); $$bin dot Samples/neuron.mg > /dev/null; e=$$(date +%s%N); \
	    t=$$(( (e - s) / 1000000 )); if [ -z "$$best" ] || [ $$t -lt $$best ]; then best=$$t; fi; done; \
	  echo "gradviz dot Samples/neuron.mg, start to finish: $$best ms (best of 5; target: under 100 ms)"

BENCH_DIR = .build/bench

# Robustness: mutated samples and cases (characters dropped, swapped and repeated) run with
# --timeout; every one must end with a result or a diagnostic, never a crash or a hang.
# FUZZ_COUNT mutations of each script (the tests run a few).
FUZZ_COUNT ?= 200
fuzz: deps
	$(SWIFT) build --build-tests
	GRADVIZ_MUTATIONS=$(FUZZ_COUNT) $(SWIFT) test --skip-build --filter Mutation

# The libraries' documentation, built by DocC through swift-docc-plugin: first Autograd alone,
# which must build without a warning and give every public declaration a summary (a property
# wrapper's `$` projection cannot have one of its own); then one archive of all the libraries,
# linked across modules, in $(DOCS)/gradviz.doccarchive, its warnings counted. Browse it with
# `swift package --disable-sandbox preview-documentation --target Autograd`, or serve the
# archive's folder over HTTP.
DOCS = .build/docs
DOC_TARGETS = Autograd GraphvizBindings Rendering GraphJSON NeuralNetwork Inspection
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
