import Autograd
import Explorer
import Foundation
import GraphvizBindings
import Rendering
import TestSupport

// Rendering benchmarks, run by `make bench-render` (release build):
//  1. the loss graph of one demo training step (about 65,000 values, recorded by the nn
//     library as micrograd records it), drawn with --collapse neuron to SVG: goal under 10 s;
//  2. in-process render against the `dot` program on the same DOT text, with the same layout
//     settings: goal at most 1.1x. The two alternate and the best of each is compared, in CPU
//     time (user + system), which other work on a shared machine disturbs least.
// GRADVIZ_BENCH_REPEATS sets the number of runs (3). Other modes, for looking into a figure:
//   --dot [neuron|layer] [small]   the demo step's collapsed DOT text, settings on stderr
//   --sizes                        the layout estimates and settings of the drawings
//   --phases [focus]               the time of each step of an in-process render (with
//                                  GRADVIZ_BENCH_DOT_FILE=PATH, the DOT text it renders too)

/// `--shared DIR`, else `shared/` beside the repository, else the tests' copy.
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
let shared: URL = {
  let arguments = CommandLine.arguments
  if let index = arguments.firstIndex(of: "--shared"), index + 1 < arguments.count {
    return URL(fileURLWithPath: arguments[index + 1])
  }
  let beside = repository.deletingLastPathComponent().appendingPathComponent("shared")
  if FileManager.default.fileExists(atPath: beside.appendingPathComponent("data").path) {
    return beside
  }
  return repository.appendingPathComponent("Tests/Fixtures/shared")
}()
let repeats = ProcessInfo.processInfo.environment["GRADVIZ_BENCH_REPEATS"].flatMap { Int($0) } ?? 3

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Seconds of CPU (user + system) used so far by this process, or by its finished children.
func cpuSeconds(children: Bool = false) -> Double {
  var usage = rusage()
  getrusage(children ? RUSAGE_CHILDREN.rawValue : RUSAGE_SELF.rawValue, &usage)
  func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
  return value(usage.ru_utime) + value(usage.ru_stime)
}

/// A timing: wall-clock and CPU seconds.
struct Timing {
  var wall: Double
  var cpu: Double
  var text: String { "\(format(wall)) s (CPU \(format(cpu)) s)" }
}

/// One timing of `body`. CPU time counts this process, or its finished children when
/// `children` is set; it is what to compare on a machine shared with other work.
func measure(children: Bool = false, _ body: () throws -> Void) rethrows -> Timing {
  let start = ContinuousClock.now
  let cpuStart = cpuSeconds(children: children)
  try body()
  return Timing(
    wall: seconds(ContinuousClock.now - start), cpu: cpuSeconds(children: children) - cpuStart)
}

/// The medians of `repeats` timings of `body`.
func median(_ body: () throws -> Void) rethrows -> Timing {
  var timings: [Timing] = []
  for _ in 0..<repeats { timings.append(try measure(body)) }
  return Timing(
    wall: timings.map(\.wall).sorted()[repeats / 2], cpu: timings.map(\.cpu).sorted()[repeats / 2])
}

/// Prints a line at once (stdout is not line-buffered into a pipe).
func say(_ items: Any...) {
  FileHandle.standardOutput.write(
    Data((items.map { "\($0)" }.joined(separator: " ") + "\n").utf8))
}

func format(_ x: Double) -> String { String(format: "%.3f", x) }

/// Runs `dot -Tsvg` on `dotText` with the layout settings gradviz uses, and returns its
/// seconds, or nil when `dot` is missing.
func dotProgram(_ dotText: String, settings: [(String, String)] = []) throws -> Timing? {
  let input = FileManager.default.temporaryDirectory.appendingPathComponent(
    "gradviz-bench-\(ProcessInfo.processInfo.processIdentifier).dot")
  try Data(dotText.utf8).write(to: input)
  defer { try? FileManager.default.removeItem(at: input) }
  var missing = false
  let time = try measure(children: true) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["dot", "-Tsvg", "-o", "/dev/null"] + settings.map { "-G\($0)=\($1)" } + [input.path]
    try process.run()
    process.waitUntilExit()
    if process.terminationStatus != 0 { missing = true }
  }
  return missing ? nil : time
}

let csv = try String(
  contentsOf: shared.appendingPathComponent("data/moons100.csv"), encoding: .utf8)

// `RenderBenchmarks --dot [neuron|layer]` prints the demo step's collapsed DOT and stops.
if CommandLine.arguments.count > 1, CommandLine.arguments[1] == "--dot" {
  let level = CommandLine.arguments.dropFirst(2).first.flatMap(GroupLevel.init) ?? .neuron
  let sizes = CommandLine.arguments.count > 3 ? [4, 1] : [16, 16, 1]
  let drawing = Drawing(
    root: try DemoStep.loss(csv: csv, sizes: sizes), options: DrawingOptions(collapse: level))
  FileHandle.standardOutput.write(Data(try drawing.dot().utf8))
  let settings = try drawing.layoutAttributes().map { "-G\($0)=\($1)" }
  FileHandle.standardError.write(
    Data(("layout settings: " + settings.joined(separator: " ") + "\n").utf8))
  exit(0)
}

// `RenderBenchmarks --sizes` prints the layout estimates of the benchmark's drawings and stops.
if CommandLine.arguments.dropFirst().first == "--sizes" {
  let loss = try DemoStep.loss(csv: csv)
  let small = try DemoStep.loss(csv: csv, sizes: [4, 1])
  for (name, drawing) in [
    ("demo, collapse neuron", Drawing(root: loss, options: DrawingOptions(collapse: .neuron))),
    ("small, collapse neuron", Drawing(root: small, options: DrawingOptions(collapse: .neuron))),
    (
      "small, focus 9",
      Drawing(root: small, options: DrawingOptions(focus: Focus(name: "loss", depth: 9)))
    ),
  ] {
    let size = try drawing.layoutSize()
    say(name, size, try drawing.layoutAttributes().map { "\($0)=\($1)" })
  }
  exit(0)
}

// `RenderBenchmarks --phases` times the steps of one in-process render and stops.
if CommandLine.arguments.dropFirst().first == "--phases" {
  let drawing = Drawing(
    root: try DemoStep.loss(csv: csv), options: DrawingOptions(collapse: .neuron))
  if let path = ProcessInfo.processInfo.environment["GRADVIZ_BENCH_DOT_FILE"] {
    try Data(try drawing.dot(asRendered: true).utf8).write(to: URL(fileURLWithPath: path))
  }
  for _ in 0..<repeats {
    var text = ""
    let estimate = try measure { _ = try drawing.layoutSize() }
    let plain = try measure { _ = try drawing.dot() }
    say("selection + estimate \(estimate.text), dot() \(plain.text)")
    let write = try measure { text = try drawing.dot(asRendered: true) }
    let render = try measure { _ = try GraphvizContext.render(dot: text, format: "svg") }
    let whole = try measure { _ = try drawing.render(format: "svg") }
    say("write DOT \(write.text), read + layout + SVG \(render.text), render() \(whole.text)")
  }
  exit(0)
}

// `RenderBenchmarks --explorer DIR` writes the explorer pages that `make bench-render` times
// in headless Chromium (neuron, about 2,000 values, the demo step) and stops.
if let index = CommandLine.arguments.firstIndex(of: "--explorer"),
  index + 1 < CommandLine.arguments.count
{
  let folder = URL(fileURLWithPath: CommandLine.arguments[index + 1])
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let pages: [(String, () throws -> Value)] = [
    ("neuron", { WalkthroughNeuron().o }),
    ("mlp-2000", { try DemoStep.loss(csv: csv, sizes: [4, 1], points: 52) }),
    ("demo-step", { try DemoStep.loss(csv: csv) }),
  ]
  say("explorer pages (gradviz render -o page.html), written to \(folder.path):")
  for (name, make) in pages {
    let root = try make()
    var bytes = 0
    let time = try measure {
      let html = try ExplorerPage(root: root, title: name).html()
      bytes = html.utf8.count
      try Data(html.utf8).write(to: folder.appendingPathComponent(name + ".html"))
    }
    let values = Drawing(root: root).valueCount
    say("  \(name): \(values) values, \(bytes / 1000) kB, written in \(time.text)")
  }
  exit(0)
}

// 1. The demo step, collapsed per neuron: from the loss Value to the SVG bytes.
var root: Value? = nil
let build = try median { root = try DemoStep.loss(csv: csv) }
guard let loss = root else { fatalError("no loss") }
let collapsed = Drawing(root: loss, options: DrawingOptions(collapse: .neuron))
var svgBytes = 0
let collapsedTime = try median {
  let drawing = Drawing(root: loss, options: DrawingOptions(collapse: .neuron))
  svgBytes = try drawing.render(format: "svg").count
}
say("demo step: \(collapsed.valueCount) values (built, with backward, in \(build.text))")
say(
  "  --collapse neuron to SVG: \(collapsedTime.text), goal < 10 s; \(svgBytes / 1000) kB SVG")

// 2. In-process against the dot program, on the same DOT text with the same layout settings,
// alternating so that both see the same load; the best of each is compared.
func compare(_ name: String, _ drawing: Drawing) throws {
  let size = try drawing.layoutSize()
  let settings = try drawing.layoutAttributes().map { "\($0)=\($1)" }.joined(separator: " ")
  say(
    "  \(name): \(size.nodes) nodes, \(size.edges) edges, ~\(size.virtualNodes) virtual; "
      + (settings.isEmpty ? "default settings" : settings))
  let text = try drawing.dot(asRendered: true)
  var inProcess: [Timing] = []
  var external: [Timing] = []
  for _ in 0..<repeats {
    inProcess.append(try measure { _ = try drawing.render(format: "svg") })
    guard let time = try dotProgram(text) else {
      say("    `dot` not found (apt-get install graphviz): no comparison")
      return
    }
    external.append(time)
  }
  let best = { (timings: [Timing]) in
    Timing(wall: timings.map(\.wall).min() ?? 0, cpu: timings.map(\.cpu).min() ?? 0)
  }
  let ours = best(inProcess)
  let theirs = best(external)
  say("    in-process \(ours.text), dot -Tsvg \(theirs.text) (best of \(repeats))")
  say(
    "    ratio \(format(ours.cpu / theirs.cpu)) in CPU time, "
      + "\(format(ours.wall / theirs.wall)) in wall time (goal <= 1.1)")
}
say("in-process render against `dot -Tsvg` on the same DOT text:")
try compare("demo step, --collapse neuron", collapsed)
let small = try DemoStep.loss(csv: csv, sizes: [4, 1])
let smallCount = Drawing(root: small).valueCount
try compare(
  "MLP(2, [4, 1]) on 100 points (\(smallCount) values), --focus loss --depth 9",
  Drawing(root: small, options: DrawingOptions(focus: Focus(name: "loss", depth: 9))))
try compare(
  "MLP(2, [4, 1]) on 100 points, --collapse neuron",
  Drawing(root: small, options: DrawingOptions(collapse: .neuron)))

// 3. What the command-line tool pays for running Graphviz in a child process (`gradviz
// graphviz-child`, which contains Graphviz's crashes and leaks): the same DOT text rendered
// in this process and by the child, alternating, the best of each.
func childProcess(_ dotText: String) throws -> Timing? {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("gradviz")
  guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
  let input = FileManager.default.temporaryDirectory.appendingPathComponent(
    "gradviz-bench-child-\(ProcessInfo.processInfo.processIdentifier).dot")
  try Data(dotText.utf8).write(to: input)
  defer { try? FileManager.default.removeItem(at: input) }
  var failed = false
  let time = try measure(children: true) {
    let process = Process()
    process.executableURL = binary
    process.arguments = ["graphviz-child", "svg"]
    process.standardInput = try FileHandle(forReadingFrom: input)
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    failed = process.terminationStatus != 0
  }
  return failed ? nil : time
}

func compareChild(_ name: String, _ drawing: Drawing) throws {
  let text = try drawing.dot(asRendered: true)
  var inProcess: [Timing] = []
  var child: [Timing] = []
  for _ in 0..<repeats {
    inProcess.append(try measure { _ = try GraphvizContext.render(dot: text, format: "svg") })
    guard let time = try childProcess(text) else {
      say("    no gradviz binary beside this one (swift build -c release --product gradviz)")
      return
    }
    child.append(time)
  }
  let best = { (timings: [Timing]) in
    Timing(wall: timings.map(\.wall).min() ?? 0, cpu: timings.map(\.cpu).min() ?? 0)
  }
  let ours = best(inProcess)
  let theirs = best(child)
  say(
    "  \(name): in this process \(ours.text), in a child \(theirs.text): "
      + "+\(format((theirs.wall - ours.wall) * 1000)) ms wall (best of \(repeats))")
}
say("Graphviz in a child process, as `gradviz render` runs it, against in this process:")
let neuron = WalkthroughNeuron().o
try compareChild("the walkthrough's neuron (10 values)", Drawing(root: neuron))
try compareChild("demo step, --collapse neuron", collapsed)

// 4. Two drawings through the command-line tool (the gradviz binary beside this one), with
// wall and CPU time and the peak memory of the largest process:
//  - a chain of about 2,000 values in which one leaf feeds all 660 steps, drawn with a copy
//    of the leaf beside each step (without copies it is refused: its long edges took
//    minutes and gigabytes);
//  - `frames` of the lecture's MLP(3, [4, 4, 1]) on 4 points: 300 frames (299 backward
//    steps), one layout rendered at fixed positions.
func command(_ arguments: [String], in folder: URL) throws -> (Timing, peakMB: Double?)? {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    .appendingPathComponent("gradviz")
  guard FileManager.default.isExecutableFile(atPath: binary.path) else { return nil }
  // GNU time reports the largest resident set of the process and of the children it waited
  // for (the Graphviz child included).
  let timeProgram = "/usr/bin/time"
  let peakFile = folder.appendingPathComponent("peak.txt")
  let hasTime = FileManager.default.isExecutableFile(atPath: timeProgram)
  var status: Int32 = 0
  let time = try measure(children: true) {
    let process = Process()
    if hasTime {
      process.executableURL = URL(fileURLWithPath: timeProgram)
      process.arguments = ["-f", "%M", "-o", peakFile.path, binary.path] + arguments
    } else {
      process.executableURL = binary
      process.arguments = arguments
    }
    process.currentDirectoryURL = folder
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    status = process.terminationStatus
  }
  let peak = (try? String(contentsOf: peakFile, encoding: .utf8))
    .flatMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    .map { $0 / 1024 }
  return status == 0 ? (time, peak) : nil
}
say("through the command-line tool:")
let scripts = FileManager.default.temporaryDirectory.appendingPathComponent(
  "gradviz-bench-cli-\(ProcessInfo.processInfo.processIdentifier)")
try FileManager.default.createDirectory(at: scripts, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scripts) }
try
  ("w = Value(0.5, label='w')\nx = Value(1.0, label='x')\n"
  + String(repeating: "x = x * w + 0.25\n", count: 660))
  .write(to: scripts.appendingPathComponent("shared.mg"), atomically: true, encoding: .utf8)
try """
from micrograd.nn import MLP
import random
random.seed(1)
n = MLP(3, [4, 4, 1])
xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
ys = [1.0, -1.0, -1.0, 1.0]
ypred = [n(x) for x in xs]
loss = sum((yout - ygt)**2 for ygt, yout in zip(ys, ypred))
loss.backward()

""".write(to: scripts.appendingPathComponent("mlp.py"), atomically: true, encoding: .utf8)
for (name, arguments) in [
  (
    "render, a 660-step chain sharing one leaf (659 copies)",
    ["render", "shared.mg", "-o", "shared.svg"]
  ),
  ("frames --out, the lecture's MLP (300 frames)", ["frames", "mlp.py", "--out", "frames"]),
] {
  guard let (time, peak) = try command(arguments, in: scripts) else {
    say("  \(name): failed, or no gradviz binary beside this one")
    continue
  }
  say(
    "  \(name): \(time.text)"
      + (peak.map { ", peak memory \(String(format: "%.0f", $0)) MB" } ?? ""))
}
