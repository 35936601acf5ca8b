// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "gradviz",
  // What the code needs: Synchronization's `Mutex` (the Graphviz lock) is in macOS 15.
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "gradviz", targets: ["gradviz"]),
    .library(name: "Autograd", targets: ["Autograd"]),
    .library(name: "Rendering", targets: ["Rendering"]),
    .library(name: "GraphvizBindings", targets: ["GraphvizBindings"]),
    .library(name: "GraphJSON", targets: ["GraphJSON"]),
    .library(name: "PythonHost", targets: ["PythonHost"]),
    .library(name: "NeuralNetwork", targets: ["NeuralNetwork"]),
    .library(name: "Inspection", targets: ["Inspection"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
    // `make docs`: `swift package generate-documentation`, a command plugin; builds nothing
    // in `swift build`.
    .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
  ],
  targets: [
    // MARK: - Public API

    /// The autograd engine: `Value`, its operations and their local derivatives, `backward()`.
    .target(name: "Autograd"),

    /// Graphviz in process: layout and rendering of DOT text through libgvc, its formats and
    /// version, and the pixel budget of raster pictures. Knows nothing of values or drawings.
    .target(name: "GraphvizBindings", dependencies: ["CGraphviz"]),

    /// The drawing model: a trace's values as record and op nodes, chosen and styled (focus,
    /// collapse, clusters, colours), written as DOT text and rendered through the bindings;
    /// the backward animation's frames.
    .target(name: "Rendering", dependencies: ["Autograd", "GraphvizBindings"]),

    /// A trace as gradviz's own JSON (`docs/json-format.md`), without Graphviz.
    .target(name: "GraphJSON", dependencies: ["Autograd"]),

    /// micrograd's nn on the engine: Neuron, Layer, MLP, data sets, the demo's training loop.
    .target(name: "NeuralNetwork", dependencies: ["Autograd"]),

    /// Scripts and notebooks run by the embedded CPython, with the engine as its `Value` type
    /// (the `_gradviz` module) and the Python glue (`micrograd`, `graphviz`) built in.
    .target(
      name: "PythonHost", dependencies: ["CPython", "Autograd", "GraphvizBindings"],
      exclude: ["Embedded"],
      // The C API's objects and globals are shared state that the GIL guards, not Swift.
      swiftSettings: [.swiftLanguageMode(.v5)], plugins: ["EmbedFiles"]),

    /// Reading gradients after backward: tables and exports, numeric checks at every node,
    /// derivatives of expressions, the paths behind a gradient, nudges.
    .target(name: "Inspection", dependencies: ["Autograd"]),

    /// The explorer: one self-contained HTML page to search, click, follow and step through a
    /// graph; its script and style are real files in `Embedded/`, built into the binary.
    .target(
      name: "Explorer", dependencies: ["Autograd", "Rendering", "Inspection"],
      exclude: ["Embedded"], plugins: ["EmbedFiles"]),

    /// The command-line tool, a thin layer over the libraries.
    .executableTarget(
      name: "gradviz",
      dependencies: [
        "Autograd", "NeuralNetwork", "Rendering", "GraphvizBindings", "GraphJSON", "PythonHost",
        "Inspection", "Explorer", "CMalloc",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    /// `make bench`: the engine's speed and memory beside micrograd and a hand-written C floor.
    .executableTarget(
      name: "gradviz-bench",
      dependencies: [
        "Autograd", "NeuralNetwork",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    /// `make leaks`: renders the same drawings many times and reports resident memory.
    .executableTarget(
      name: "gradviz-leaks",
      dependencies: ["Autograd", "Rendering", "GraphvizBindings", "PythonHost", "TestSupport"]),

    // MARK: - Examples

    /// The walkthrough's neuron through `import Autograd` and `import Rendering`, as another
    /// package would use them: grads printed, DOT and SVG written. ExampleTests runs it.
    .executableTarget(
      name: "neuron-graph", dependencies: ["Autograd", "Rendering"],
      path: "Examples/neuron-graph"),

    // MARK: - Implementation details

    /// libcgraph and libgvc from the system's Graphviz: Debian's 2.42 (`libgraphviz-dev`) or
    /// a current release (Homebrew's `graphviz`); the shim takes either API.
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"]), .brew(["graphviz"])]),

    /// The C library's malloc settings (glibc's arena limit); nothing to link.
    .systemLibrary(name: "CMalloc"),

    /// Builds a target's `Embedded/` text files (.py, .js, .css, .html) into its binary; a
    /// target opts in with `exclude: ["Embedded"], plugins: ["EmbedFiles"]`.
    .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
    /// The plugin's tool: writes the Swift table of embedded files.
    .executableTarget(name: "embed-files"),

    /// The CPython interpreter for embedding (`libpython3-dev`, `pkg-config python3-embed`).
    .systemLibrary(
      name: "CPython",
      pkgConfig: "python3-embed",
      providers: [.apt(["libpython3-dev"])]),

    // MARK: - Benchmarks

    /// `make bench-render`: rendering the demo step's loss graph, and in-process against `dot`.
    .executableTarget(
      name: "RenderBenchmarks",
      dependencies: [
        "Autograd", "NeuralNetwork", "Rendering", "GraphvizBindings", "Explorer", "TestSupport",
      ],
      path: "Benchmarks/RenderBenchmarks"),

    // MARK: - Tests

    /// What the tests share: the repository's folders, running a built program, the
    /// walkthrough's neuron, micrograd's demo step. In no product; `make leaks` and
    /// `make bench-render` draw them too.
    .target(
      name: "TestSupport", dependencies: ["Autograd", "NeuralNetwork"], path: "Tests/TestSupport"),
    .testTarget(
      name: "AutogradTests",
      dependencies: [
        "Autograd", "TestSupport", .product(name: "Numerics", package: "swift-numerics"),
      ]),
    .testTarget(name: "GraphvizBindingsTests", dependencies: ["GraphvizBindings"]),
    .testTarget(
      name: "NeuralNetworkTests",
      dependencies: [
        "NeuralNetwork", "Autograd", "TestSupport",
        .product(name: "Numerics", package: "swift-numerics"),
      ]),
    .testTarget(
      name: "RenderingTests",
      dependencies: [
        "Rendering", "GraphvizBindings", "GraphJSON", "Autograd", "TestSupport",
        .product(name: "Numerics", package: "swift-numerics"),
      ],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "PythonHostTests",
      dependencies: [
        "PythonHost", "Autograd", .product(name: "Numerics", package: "swift-numerics"),
      ]),
    .testTarget(
      name: "InspectionTests",
      dependencies: [
        "Inspection", "Autograd", "PythonHost", "TestSupport",
        .product(name: "Numerics", package: "swift-numerics"),
      ],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ExplorerTests",
      dependencies: [
        "Explorer", "Autograd", "Rendering", "Inspection", "NeuralNetwork", "TestSupport",
      ]),
    .testTarget(
      name: "GradvizTests",
      dependencies: [
        "gradviz", "Autograd", "NeuralNetwork", "Rendering", "GraphJSON", "PythonHost",
        "TestSupport",
        .product(name: "Numerics", package: "swift-numerics"),
      ],
      // Python that the tests run with python3: the reference runner and the glue's unit tests.
      exclude: ["Python"]),
    .testTarget(
      name: "ExampleTests", dependencies: ["neuron-graph", "Autograd", "Rendering", "TestSupport"]),
  ]
)
