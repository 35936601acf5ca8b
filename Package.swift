// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "gradviz",
  products: [
    .executable(name: "gradviz", targets: ["gradviz"]),
    .library(name: "Autograd", targets: ["Autograd"]),
    .library(name: "Rendering", targets: ["Rendering"]),
    .library(name: "Scripting", targets: ["Scripting"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
  ],
  targets: [
    // MARK: - Public API

    /// The autograd engine: `Value`, its operations and their local derivatives, `backward()`.
    .target(name: "Autograd"),

    /// Traced graphs to Graphviz: DOT text and in-process layout and rendering through libgvc.
    .target(name: "Rendering", dependencies: ["Autograd", "CGraphviz"]),

    /// The gradviz script language: a micrograd-style Python subset that builds graphs.
    .target(name: "Scripting", dependencies: ["Autograd"]),

    /// The command-line tool, a thin layer over the libraries.
    .executableTarget(
      name: "gradviz",
      dependencies: [
        "Autograd", "Rendering", "Scripting",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    // MARK: - Implementation details

    /// libcgraph and libgvc from the system's Graphviz (`libgraphviz-dev`).
    .systemLibrary(
      name: "CGraphviz",
      pkgConfig: "libgvc",
      providers: [.apt(["libgraphviz-dev"])]),

    // MARK: - Benchmarks

    /// `make bench-render`: rendering the demo step's loss graph, and in-process against `dot`.
    .executableTarget(
      name: "RenderBenchmarks", dependencies: ["Autograd", "Rendering"],
      path: "Benchmarks/RenderBenchmarks"),

    // MARK: - Tests

    .testTarget(
      name: "AutogradTests",
      dependencies: ["Autograd", .product(name: "Numerics", package: "swift-numerics")]),
    .testTarget(
      name: "RenderingTests",
      dependencies: ["Rendering", "Autograd", .product(name: "Numerics", package: "swift-numerics")],
      exclude: ["Snapshots"]),
    .testTarget(
      name: "ScriptingTests",
      dependencies: ["Scripting", "Autograd", .product(name: "Numerics", package: "swift-numerics")]),
    .testTarget(
      name: "GradvizTests",
      dependencies: [
        "gradviz", "Autograd", "Rendering", "Scripting",
        .product(name: "Numerics", package: "swift-numerics"),
      ]),
  ]
)
