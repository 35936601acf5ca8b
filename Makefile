# gradviz: build, test and demo. Every target installs what it needs first.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BIN = $(shell $(SWIFT) build --show-bin-path)/gradviz

.PHONY: all deps build test demo clean install

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

clean:
	rm -rf .build neuron.svg

# Installs a release build of gradviz into $(PREFIX)/bin.
PREFIX ?= /usr/local
install: deps
	$(SWIFT) build -c release
	install -d "$(PREFIX)/bin"
	install -m 755 "$$($(SWIFT) build -c release --show-bin-path)/gradviz" "$(PREFIX)/bin/gradviz"
