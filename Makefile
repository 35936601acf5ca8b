# gradviz: build, test and demo. Every target installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)/gradviz
# shared/ (data and the reference implementations) beside the repository, else the test copy.
SHARED ?= $(if $(wildcard $(CURDIR)/../shared/data),$(CURDIR)/../shared,$(CURDIR)/Tests/Fixtures/shared)

.PHONY: all deps build test stress bench bench-render demo clean install

all: build

# Graphviz's C libraries (libcgraph, libgvc) and headers, from Debian's libgraphviz-dev.
deps:
	@if ! pkg-config --exists libgvc 2>/dev/null; then \
	  echo "gradviz: installing libgraphviz-dev (Graphviz's C libraries)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y pkg-config libgraphviz-dev; \
	fi

build: deps
	$(SWIFT) build

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Long runs that `make test` skips: random graphs against finite differences, a ten-million-node
# chain, a longer training run.
stress: deps
	$(SWIFT) build --build-tests
	GRADVIZ_STRESS=1 $(SWIFT) test --skip-build --filter Stress

# Speed and memory in a release build: micrograd's demo training step and a million-node chain,
# beside Python micrograd and a hand-derived C floor when python3 and cc are there.
bench:
	@if command -v python3 >/dev/null && ! python3 -c 'import micrograd' 2>/dev/null; then \
	  echo "gradviz: installing micrograd 0.1.0 for the comparison"; \
	  python3 -m pip install --quiet micrograd==0.1.0 || echo "gradviz: no micrograd; its figures are skipped"; \
	fi
	$(SWIFT) build -c release --product gradviz-bench
	$$($(SWIFT) build -c release --show-bin-path)/gradviz-bench --shared $(SHARED)

# Renders the walkthrough's neuron to neuron.svg, prints its DOT and its gradient table.
demo: build
	$(BIN) render Samples/neuron.mg -o neuron.svg
	@echo "wrote neuron.svg (open it in a browser)"
	@echo
	$(BIN) dot Samples/neuron.mg
	@echo
	$(BIN) grads Samples/neuron.mg

bench: bench-render

# Rendering benchmarks (release build): the demo step's loss graph with --collapse neuron to
# SVG, and in-process rendering against the `dot` program on the same DOT text. The `dot`
# program is installed for this comparison only; gradviz itself never runs it.
bench-render: deps
	@command -v dot >/dev/null 2>&1 || { \
	  echo "gradviz: installing graphviz (the dot program, for the comparison)"; \
	  $(SUDO) apt-get update && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y graphviz; }
	$(SWIFT) build -c release --product RenderBenchmarks
	"$$($(SWIFT) build -c release --show-bin-path)/RenderBenchmarks" --shared $(SHARED)

clean:
	rm -rf .build neuron.svg

# Installs a release build of gradviz into $(PREFIX)/bin.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release
	install -d "$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/gradviz" "$(PREFIX)/bin/gradviz"
