# gradviz: build, test and demo. Every target installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)/gradviz

.PHONY: all deps build test demo clean bench bench-render

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
	"$$($(SWIFT) build -c release --show-bin-path)/RenderBenchmarks"

clean:
	rm -rf .build neuron.svg
