import Foundation
import Numerics
import Testing

/// Real code runs under `gradviz run` exactly as under CPython: the same prints, the same
/// errors, the same exit status.
///
/// Each file of shared/realcode (the lecture's notebooks, micrograd's notebooks and modules),
/// each sample and each worked case runs twice, in a fresh folder each time: with `gradviz run`
/// and with `python3 Python/reference_run.py` (plain CPython with micrograd 0.1.0 from pip,
/// running notebook cells as Jupyter does and giving scripts gradviz's built-in names; see
/// that file). Standard output must match line for line: numbers within 1e-9 relative,
/// everything else exactly, except that object addresses (`0x7f...`), which differ between
/// any two processes, are compared as `0x…`. The errors (file or cell, line and message) must
/// be the same list, so cells that need torch fail the same way on both sides; they are
/// listed in the test's output.
@Suite("Differential: gradviz run against python3")
struct DifferentialTests {
  /// The files, relative to the repository (`Samples/`) or to shared/ (the rest).
  static let files: [String] =
    [
      "realcode/nn-zero-to-hero/micrograd_lecture_first_half_roughly.ipynb",
      "realcode/nn-zero-to-hero/micrograd_lecture_second_half_roughly.ipynb",
      "realcode/micrograd/trace_graph.ipynb",
      "realcode/micrograd/engine.py",
      "realcode/micrograd/nn.py",
      "realcode/micrograd/test_engine.py",
    ]
    + listing(CLI.root.appendingPathComponent("Samples"), prefix: "Samples/")
    + listing(CLI.shared.appendingPathComponent("cases"), prefix: "cases/")

  static func listing(_ folder: URL, prefix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".mg") || $0.hasSuffix(".py") }.sorted().map { prefix + $0 }
  }

  static func url(_ file: String) -> URL {
    file.hasPrefix("Samples/")
      ? CLI.root.appendingPathComponent(file) : CLI.shared.appendingPathComponent(file)
  }

  @Test("the file list is complete")
  func everyFileIsThere() {
    #expect(Self.files.count >= 6 + 6 + 10)
    for file in Self.files {
      #expect(FileManager.default.fileExists(atPath: Self.url(file).path), "\(file)")
    }
  }

  /// Printed lists whose order is Python's iteration order of a `set` of objects, which
  /// follows their ids and so differs between any two processes: compared as multisets.
  /// The lecture's `topo` cell (first notebook, cell 17) prints the order its own
  /// `build_topo` takes from `for child in v._prev`, a set.
  static let setOrderedLines: [String: String] = [
    "realcode/nn-zero-to-hero/micrograd_lecture_first_half_roughly.ipynb": "[Value(data="
  ]

  @Test(arguments: files)
  func sameAsPython(_ file: String) throws {
    let path = Self.url(file).path
    let ours = try Differential.gradviz(["run", path])
    let theirs = try Differential.python(path)
    Differential.expectSame(ours, theirs, file: file, setOrdered: Self.setOrderedLines[file])
  }

  /// micrograd's demo notebook with its optimisation loop cut from 100 steps to 3 (the
  /// whole notebook takes minutes in CPython; `make stress` runs it as published): the moons
  /// from sklearn's `make_moons`, the model, the loss, three steps and the decision
  /// boundary's plot, on both sides.
  @Test func microgradDemoShortened() throws {
    let published = try String(
      contentsOf: Self.url("realcode/micrograd/demo.ipynb"), encoding: .utf8)
    let loop = #"for k in range(100):\n"#
    #expect(published.components(separatedBy: loop).count == 2)
    let path = try Differential.folder().appendingPathComponent("demo.ipynb").path
    try published.replacingOccurrences(of: loop, with: #"for k in range(3):\n"#)
      .write(toFile: path, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", path])
    let theirs = try Differential.python(path)
    Differential.expectSame(ours, theirs, file: "demo.ipynb (3 steps)")
    #expect(theirs.status == 0, "\(theirs.stderr)")
    #expect(ours.stdout.contains("step 2 loss "), "\(ours.stderr)")
  }

  /// The lecture's own `class Neuron` (second notebook, cell 15) runs as written: after
  /// `random.seed(42)` its first output is CPython's, on gradviz's built-in `Value` (whose
  /// tanh is `math.tanh`) and on the lecture's own `class Value` (whose tanh is
  /// `(exp(2x) - 1) / (exp(2x) + 1)`, one ulp away).
  @Test(arguments: [
    (false, "-0.9835404188768979\n"), (true, "-0.983540418876898\n"),
  ])
  func lectureNeuronProbe(ownValue: Bool, expected: String) throws {
    let cells = try Differential.codeCells(
      "realcode/nn-zero-to-hero/micrograd_lecture_second_half_roughly.ipynb")
    let classes = try #require(cells.first { $0.contains("class Neuron") })
    let value = try #require(cells.first { $0.hasPrefix("class Value") })
    let script =
      "import math, random\n" + (ownValue ? value : "") + "\n" + classes
      + "\nrandom.seed(42)\nn = Neuron(3)\nprint(n([2.0, 3.0, -1.0]).data)\n"
    let folder = try Differential.folder()
    let file = folder.appendingPathComponent("probe.py")
    try script.write(to: file, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", file.path])
    let theirs = try Differential.python(file.path)
    #expect(ours.stdout == expected, "\(ours.stderr)")
    #expect(theirs.stdout == expected, "\(theirs.stderr)")
  }

  /// The lecture's 20-step training loop (second notebook, cells 14 to 17) gives CPython's
  /// loss at every step, and it does train (the loss falls below 0.05).
  @Test func lectureTrainingLoop() throws {
    let file = "realcode/nn-zero-to-hero/micrograd_lecture_second_half_roughly.ipynb"
    let ours = try Differential.gradviz(["run", Self.url(file).path])
    let theirs = try Differential.python(Self.url(file).path)
    let steps = Differential.losses(ours.stdout)
    let reference = Differential.losses(theirs.stdout)
    #expect(steps.count == 20)
    #expect(reference.count == 20)
    for (step, (a, b)) in zip(steps, reference).enumerated() {
      #expect(a.isApproximatelyEqual(to: b, relativeTolerance: 1e-9), "step \(step): \(a) vs \(b)")
    }
    #expect((steps.last ?? 1) < 0.05)
  }

  /// micrograd's nn, as gradviz provides it, draws micrograd's weights and computes its
  /// forward values bit for bit: those printed numbers are the same doubles (tolerance 0).
  /// Gradients are compared within 1e-12: micrograd's backward takes its order from a set of
  /// ids, so where a node's grad sums several terms, their order (and the last bit) varies
  /// from one CPython run to the next.
  @Test func micrograd_nn_bitForBit() throws {
    let script = """
      import random
      from micrograd.engine import Value
      from micrograd.nn import MLP
      random.seed(1337)
      model = MLP(2, [16, 16, 1])
      print(model)
      print([p.data for p in model.parameters()])
      out = model([Value(1.0), Value(-2.0)])
      print(out.data)
      x = Value(-4.0)
      z = 2 * x + 2 + x
      q = z.relu() + z * x
      h = (z * z).relu()
      y = h + q + q * x
      a = Value(-4.0); b = Value(2.0)
      c = a + b; d = a * b + b**3; c += c + 1; c += 1 + c + (-a); d += d * 2 + (b + a).relu()
      d += 3 * d + (b - a).relu(); e = c - d; f = e**2; g = f / 2.0; g += 10.0 / f
      print(y.data, g.data)
      print('grads')
      out.backward(); y.backward(); g.backward()
      print([p.grad for p in model.parameters()])
      print(x, a, b)

      """
    let folder = try Differential.folder()
    let file = folder.appendingPathComponent("nn_probe.py")
    try script.write(to: file, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", file.path])
    let theirs = try Differential.python(file.path)
    #expect(ours.status == 0, "\(ours.stderr)")
    #expect(theirs.status == 0, "\(theirs.stderr)")
    let forward = { (text: String) in text.components(separatedBy: "grads\n")[0] }
    let backward = { (text: String) in text.components(separatedBy: "grads\n").dropFirst().joined()
    }
    let exact = OutputComparison.firstDifference(
      forward(ours.stdout), forward(theirs.stdout), tolerance: 0)
    #expect(exact == nil, "\(exact ?? "")")
    let close = OutputComparison.firstDifference(
      backward(ours.stdout), backward(theirs.stdout), tolerance: 1e-12)
    #expect(close == nil, "\(close ?? "")")
    #expect(backward(theirs.stdout).contains("Value(data=-4.0, grad=46.0)"))
  }
}

extension DifferentialTests {
  /// Unseeded `random` and numpy draw what CPython draws after seeding both with 0.
  @Test func unseededScriptsDrawSeedZero() throws {
    let folder = try Differential.folder()
    let file = folder.appendingPathComponent("draws.py")
    try """
    import random
    print(random.random(), random.uniform(-1, 1))
    import numpy as np
    print(np.random.rand(3).tolist(), np.random.permutation(5).tolist())

    """.write(to: file, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", file.path])
    let theirs = try Differential.python(file.path)
    #expect(ours.status == 0, "\(ours.stderr)")
    #expect(ours.stdout == theirs.stdout)
  }

  /// `Neuron`, `Layer` and `MLP` without an import are micrograd 0.1.0's; a definition of the
  /// script's own shadows them.
  @Test func builtInModelsAreMicrogradsUntilShadowed() throws {
    let folder = try Differential.folder()
    let file = folder.appendingPathComponent("models.py")
    try """
    import random
    random.seed(7)
    n = MLP(2, [3, 1])
    print(n, n([1.0, -2.0]).data, Layer(2, 2), Neuron(2))
    class Neuron:
        def __repr__(self):
            return 'own Neuron'
    print(Neuron())

    """.write(to: file, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", file.path])
    let theirs = try Differential.python(file.path)
    #expect(ours.status == 0, "\(ours.stderr)")
    #expect(ours.stdout == theirs.stdout)
    #expect(ours.stdout.hasSuffix("own Neuron\n"))
  }

  /// micrograd computes in whatever Python numbers it is given: `Value(2) * Value(3)` prints
  /// `Value(data=6, grad=0)`, a grad reached only through `+` prints `grad=1`, and a second
  /// `backward()` without zeroing adds into every grad. gradviz's micrograd prints the same,
  /// character for character (the comparison elsewhere takes `1` and `1.0` as one number),
  /// over fixed cases and 60 random expressions of ints and floats.
  @Test func microgradIntegersPrintAsMicrogradPrints() throws {
    let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Python/micrograd_ints.py")
    let ours = try Differential.gradviz(["run", file.path])
    let theirs = try Differential.python(file.path)
    #expect(ours.status == 0, "\(ours.stderr)")
    #expect(theirs.stdout.contains("Value(data=34, grad=1) int"), "\(theirs.stderr)")
    #expect(ours.stdout == theirs.stdout)
  }

  /// A `micrograd` package beside the script is imported, not gradviz's; so is its own
  /// `engine.py` (`from engine import Value`).
  @Test func theScriptsOwnModulesWin() throws {
    let folder = try Differential.folder()
    let package = folder.appendingPathComponent("micrograd")
    try FileManager.default.createDirectory(at: package, withIntermediateDirectories: true)
    try "".write(
      to: package.appendingPathComponent("__init__.py"), atomically: true, encoding: .utf8)
    try "class Value:\n    kind = 'own micrograd'\n".write(
      to: package.appendingPathComponent("engine.py"), atomically: true, encoding: .utf8)
    try "class Value:\n    kind = 'own engine'\n".write(
      to: folder.appendingPathComponent("engine.py"), atomically: true, encoding: .utf8)
    let file = folder.appendingPathComponent("main.py")
    try """
    from micrograd.engine import Value as A
    from engine import Value as B
    print(A.kind, B.kind)

    """.write(to: file, atomically: true, encoding: .utf8)
    let ours = try Differential.gradviz(["run", file.path])
    #expect(ours.stdout == "own micrograd own engine\n", "\(ours.stderr)")
    #expect(ours.stderr.contains("micrograd: \(package.path)"), "\(ours.stderr)")
  }
}

/// micrograd's demo notebook as published (100 training steps, minutes in CPython), under
/// `make stress`.
@Suite("Differential stress: micrograd's demo notebook")
struct DifferentialStressTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["GRADVIZ_STRESS"] != nil))
  func microgradDemoAsPublished() throws {
    let path = DifferentialTests.url("realcode/micrograd/demo.ipynb").path
    let ours = try Differential.gradviz(["run", path])
    let theirs = try Differential.python(path)
    Differential.expectSame(ours, theirs, file: "realcode/micrograd/demo.ipynb")
    #expect(theirs.status == 0, "\(theirs.stderr)")
    #expect(ours.stdout.contains("step 99 loss "), "\(ours.stderr)")
  }
}

/// Running both sides and comparing what they print.
enum Differential {
  struct Outcome {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// A new empty folder to run in (files a script writes, like `dot.render('gout')`, land
  /// there).
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("gradviz-differential-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  static func gradviz(_ arguments: [String]) throws -> Outcome {
    let result = try CLI.run(arguments, environment: ["NO_COLOR": "1"], in: try folder())
    return Outcome(status: result.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// The reference runner beside this file.
  static let runner = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Python/reference_run.py")

  /// `python3` from PATH (or `GRADVIZ_PYTHON3`), checked for what the comparison needs.
  static let python3: Result<String, PythonMissing> = {
    let environment = ProcessInfo.processInfo.environment
    var found = environment["GRADVIZ_PYTHON3"]
    if found == nil {
      for folder in (environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(folder)/python3"
        if FileManager.default.isExecutableFile(atPath: candidate) {
          found = candidate
          break
        }
      }
    }
    guard let found else { return .failure(PythonMissing(detail: "no python3 on PATH")) }
    let check = try? CLI.run(
      ["-c", "import micrograd, graphviz, numpy, matplotlib, sklearn"], using: found)
    guard let check, check.status == 0 else {
      return .failure(
        PythonMissing(
          detail:
            "\(found) lacks micrograd==0.1.0, graphviz, numpy, matplotlib or scikit-learn: \(check?.stderr ?? "did not run")"
        ))
    }
    return .success(found)
  }()

  struct PythonMissing: Error, CustomStringConvertible {
    let detail: String
    var description: String { "\(detail) (make test installs them)" }
  }

  static func python(_ path: String) throws -> Outcome {
    let python3 = try python3.get()
    let result = try CLI.run(
      [runner.path, path, path], environment: ["NO_COLOR": "1"], in: try folder(),
      using: python3)
    return Outcome(status: result.status, stdout: result.stdout, stderr: result.stderr)
  }

  /// The code cells of a notebook under shared/.
  static func codeCells(_ file: String) throws -> [String] {
    let data = try Data(contentsOf: DifferentialTests.url(file))
    let notebook = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let cells = try #require(notebook["cells"] as? [[String: Any]])
    return cells.filter { $0["cell_type"] as? String == "code" }.map { cell in
      if let lines = cell["source"] as? [String] { return lines.joined() }
      return cell["source"] as? String ?? ""
    }
  }

  /// The losses of the lecture's loop: lines `k loss` for k = 0, 1, ...
  static func losses(_ output: String) -> [Double] {
    var found: [Double] = []
    for line in output.split(separator: "\n") {
      let parts = line.split(separator: " ")
      guard parts.count == 2, Int(parts[0]) == found.count, let loss = Double(parts[1]) else {
        continue
      }
      found.append(loss)
    }
    return found
  }

  /// One error as both sides report it: `FILE[ cell N]:LINE[:COL]: error: MESSAGE`.
  struct Failure: Equatable, CustomStringConvertible {
    let place: String
    let line: Int
    let message: String
    var description: String { "\(place):\(line): \(message)" }
  }

  static func failures(_ stderr: String) -> [Failure] {
    let pattern = /^(.+?):(\d+)(?::\d+)?: error: (.*)$/
    return stderr.split(separator: "\n").compactMap { line in
      guard let match = String(line).wholeMatch(of: pattern), let number = Int(match.2) else {
        return nil
      }
      return Failure(place: String(match.1), line: number, message: String(match.3))
    }
  }

  static func expectSame(
    _ ours: Outcome, _ theirs: Outcome, file: String, setOrdered: String? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let ourFailures = failures(ours.stderr)
    let theirFailures = failures(theirs.stderr)
    let errors = "errors differ\n gradviz: \(ourFailures)\n python3: \(theirFailures)"
    #expect(
      ourFailures == theirFailures, "\(file): \(errors)\ngradviz's stderr:\n\(ours.stderr)",
      sourceLocation: sourceLocation)
    #expect(
      ours.status == theirs.status,
      "\(file): exit \(ours.status) vs python3's \(theirs.status)\n\(ours.stderr)",
      sourceLocation: sourceLocation)
    if !theirFailures.isEmpty {
      print("\(file): fails the same way on both sides: \(theirFailures)")
    }
    let difference = OutputComparison.firstDifference(
      ours.stdout, theirs.stdout, setOrdered: setOrdered)
    #expect(
      difference == nil, "\(file): \(difference ?? "")\ngradviz's stderr:\n\(ours.stderr)",
      sourceLocation: sourceLocation)
  }
}

/// Printed output compared as the differential tests compare it.
enum OutputComparison {
  /// A description of the first line that differs, or nil when `a` and `b` match: the same
  /// lines, the same text between numbers, numbers within `tolerance` relative, object
  /// addresses (`0x...`) not compared.
  /// Lines that start with `setOrdered` are lists whose elements may come in any order.
  static func firstDifference(
    _ a: String, _ b: String, tolerance: Double = 1e-9, setOrdered: String? = nil
  ) -> String? {
    let left = a.components(separatedBy: "\n")
    let right = b.components(separatedBy: "\n")
    for index in 0..<max(left.count, right.count) {
      var x = index < left.count ? left[index] : "<no line>"
      var y = index < right.count ? right[index] : "<no line>"
      if let prefix = setOrdered, x.hasPrefix(prefix), y.hasPrefix(prefix) {
        x = sortedElements(x)
        y = sortedElements(y)
      }
      if !same(x, y, tolerance: tolerance) {
        return "line \(index + 1) differs:\n gradviz: \(x)\n python3: \(y)"
      }
    }
    return nil
  }

  /// `[b, a]` as `[a, b]`: the elements of a printed list, sorted.
  static func sortedElements(_ line: String) -> String {
    guard line.hasPrefix("["), line.hasSuffix("]") else { return line }
    let elements = line.dropFirst().dropLast().components(separatedBy: ", ")
    return "[" + elements.sorted().joined(separator: ", ") + "]"
  }

  static func same(_ a: String, _ b: String, tolerance: Double) -> Bool {
    if a == b { return true }
    let x = pieces(a)
    let y = pieces(b)
    guard x.count == y.count else { return false }
    for (p, q) in zip(x, y) {
      switch (p, q) {
      case (.text(let s), .text(let t)):
        if s != t { return false }
      case (.number(let s), .number(let t)):
        if s == t { continue }
        guard let u = Double(s), let v = Double(t),
          u.isApproximatelyEqual(to: v, relativeTolerance: tolerance)
        else { return false }
      default:
        return false
      }
    }
    return true
  }

  enum Piece {
    case text(String)
    case number(String)
  }

  /// `line` as text and numbers, with addresses made alike.
  static func pieces(_ line: String) -> [Piece] {
    let address = /0x[0-9a-fA-F]+/
    let number = /[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/
    let plain = line.replacing(address, with: "0x…")
    var result: [Piece] = []
    var rest = plain[...]
    while let match = rest.firstMatch(of: number) {
      result.append(.text(String(rest[..<match.range.lowerBound])))
      result.append(.number(String(match.output)))
      rest = rest[match.range.upperBound...]
    }
    result.append(.text(String(rest)))
    return result
  }
}
