import ArgumentParser
import Autograd
import Foundation
import Inspection
import PythonHost
import Rendering

/// The graphs of a script's own `Value` class that a run made, for ``BackwardCheck``.
struct OwnClassGraphs {
  struct Entry {
    /// Where the script drew it (`line 40`, `cell 12`), or `nil` for the last value.
    let place: String?
    /// Its index in ``ScriptRun/pictures``, or `nil` for the last value.
    let picture: Int?
    let graph: TracedGraph
  }

  /// One entry per `draw_dot` call on an object of the script's own class, else the root
  /// when it is one; empty when the script's values are gradviz's own.
  let entries: [Entry]

  init(run: ScriptRun) throws {
    var entries: [Entry] = []
    for (index, picture) in run.pictures.enumerated() {
      guard let details = picture.details else { continue }
      entries.append(
        Entry(place: picture.place, picture: index, graph: try Self.graph(picture.root, details)))
    }
    if entries.isEmpty, let root = run.root, let details = run.traced {
      entries.append(Entry(place: nil, picture: nil, graph: try Self.graph(root, details)))
    }
    self.entries = entries
  }

  /// The traced graph below `root`, positions in topological order (as `gradviz grads`).
  static func graph(_ root: Value, _ details: TraceDetails) throws -> TracedGraph {
    let tape = root.tape
    let order = tape.topologicalOrder(from: root.id)
    var position = [Int](repeating: -1, count: root.id + 1)
    for (k, id) in order.enumerated() { position[id] = k }
    let values = order.map { Value(tape: tape, id: $0) }
    do {
      return try TracedGraph(
        labels: values.map(\.label), data: values.map(\.data),
        grads: values.map { $0.isGradComputed ? $0.grad : nil }, ops: values.map(\.op),
        inputs: values.map { $0.inputs.map { position[$0.id] } },
        origins: order.map { $0 < details.origins.count ? details.origins[$0] : nil },
        notes: order.map { $0 < details.notes.count ? details.notes[$0] : [] })
    } catch {
      Console.error("gradviz: error: \(error)")
      throw ExitCode(1)
    }
  }

  /// The lines of a file an origin names, when it can be read (through ``ScriptFile``, so a
  /// folder or a device that never ends is not read).
  static func sourceLines(_ path: String) -> [Substring]? {
    guard path != "-", let data = try? ScriptFile.read(path) else { return nil }
    return String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false)
  }
}

extension Gradviz.Check {
  /// Checks the script's own backward on each of its graphs against the engine's, and the
  /// leaves upstream of ops the engine does not know by central differences of the whole
  /// script (run again with each leaf nudged); exits 1 when any data or grad is wrong, 130
  /// after Ctrl-C in a re-run.
  func checkOwnClass(_ graphs: OwnClassGraphs, script source: Script, run: ScriptRun) throws {
    var failed = 0
    var texts: [String] = []
    var jsons: [String] = []
    let several = graphs.entries.count > 1
    let drawnBeforeBackward = graphs.entries.filter { entry in
      entry.graph.grads.allSatisfy { $0 == nil || $0 == 0 }
    }.count
    for entry in graphs.entries {
      var check = BackwardCheck(
        entry.graph, options: .init(tolerance: tolerance), source: OwnClassGraphs.sourceLines)
      var text = entry.place.map { "\($0):\n" } ?? ""
      // A drawing made before backward ran is not a failure, unless no drawing has grads.
      if several, check.gradsAllZero, drawnBeforeBackward < graphs.entries.count {
        if !check.failures.contains(where: { $0.kind == .data }) {
          text += "not checked: every grad is 0 (backward had not run when it was drawn)\n"
          texts.append(text)
          jsons.append(placed(entry.place, check.json))
          continue
        }
      }
      if !check.leavesBeforeUnknownOps.isEmpty {
        var reruns = ScriptReruns(
          script: source,
          options: ScriptHost.Options(
            backward: .never, timeout: script.timeout, seed: script.seed, output: .capture),
          picture: entry.picture, graph: entry.graph, firstError: run.error)
        check.checkByDifferences(h: h, reruns: &reruns)
        if let interrupted = reruns.interrupted {
          let text = interrupted.formatted(colored: ScriptOptions.colored)
          if !text.isEmpty { Console.error(text) }
          throw ExitCode(interrupted.status)
        }
      }
      if reference { text += check.comparisonTable + "\n" }
      text += check.report()
      if check.gradsAllZero {
        text +=
          reference
          ? "the script's grads are all 0: the engine's backward from the root gives the "
            + "grads above\n"
          : "the script's grads are all 0: did backward() run? --reference shows the "
            + "engine's grads beside them\n"
      }
      if !check.passed { failed += 1 }
      texts.append(text)
      jsons.append(placed(entry.place, check.json))
    }
    switch format {
    case .table:
      Console.out(texts.joined(separator: "\n"))
      if several {
        Console.out(
          "\n"
            + (failed == 0
              ? "pass: all \(graphs.entries.count) drawings"
              : "FAIL: \(failed) of \(graphs.entries.count) drawings") + "\n")
      }
    case .json:
      Console.out(several ? "[\n" + jsons.joined(separator: ",\n") + "]\n" : jsons[0])
    }
    if failed > 0 { throw ExitCode(1) }
  }

  private func placed(_ place: String?, _ json: String) -> String {
    guard let place else { return json }
    let quoted = place.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(
      of: "\"", with: "\\\"")
    return "{\"check\":" + json.dropLast() + ",\"place\":\"\(quoted)\"}"
  }
}

extension DrawingOptionGroup {
  /// The drawing options for `root`; with `--color check`, the values whose grad or data is
  /// wrong flagged: for a graph of the script's own class (`traced`) by ``BackwardCheck``,
  /// for gradviz's own values by ``GradientCheck``.
  func options(for root: Value, traced: TraceDetails?) throws -> DrawingOptions {
    var options = self.options
    guard options.color == .check else { return options }
    if let traced {
      let check = BackwardCheck(try OwnClassGraphs.graph(root, traced))
      options.flagged = Set(check.failures.map(\.node))
    } else {
      let check = GradientCheck(root: root)
      options.flagged = Set(check.leafFailures.map(\.position))
    }
    return options
  }
}

/// The runs of a script again for ``BackwardCheck/checkByDifferences(h:reruns:)``, through
/// ``ScriptHost/rerun(_:options:picture:nudge:record:)``: the first with nothing nudged, to
/// number the leaves and to make sure that the script gives the same graph again; then one
/// per nudge.
///
/// Without `--timeout`, a nudged run may take at most ten times as long as the run without a
/// nudge, and 10 s more: a nudge that sends the script into a loop is a leaf not checked, not
/// a check that never ends.
struct ScriptReruns: ForwardReruns {
  let script: Script
  private var options: ScriptHost.Options
  /// The drawing whose graph is checked (its index in ``ScriptRun/pictures``), or `nil`.
  let picture: Int?
  let graph: TracedGraph
  /// The error the first run raised (a notebook's failing cell), which a re-run may raise
  /// again.
  let firstError: ScriptError?
  /// The `--timeout` given, if any.
  private let userTimeout: Double?
  /// Each node's creation index, from the first re-run.
  private var leaves: [ScriptHost.Leaf?] = []
  private var printedLines = 0
  /// Ctrl-C in a re-run: the check ends with it.
  private(set) var interrupted: ScriptError?

  init(
    script: Script, options: ScriptHost.Options, picture: Int?, graph: TracedGraph,
    firstError: ScriptError?
  ) {
    self.script = script
    self.options = options
    userTimeout = options.timeout
    self.picture = picture
    self.graph = graph
    self.firstError = firstError
  }

  mutating func start() -> String? {
    let rerun: ScriptHost.Rerun
    let began = ContinuousClock.now
    do {
      rerun = try ScriptHost.rerun(
        script, options: options, picture: picture, nudge: nil, record: true)
      if options.timeout == nil {
        let took = ContinuousClock.now - began
        let seconds = Double(took.components.seconds) + Double(took.components.attoseconds) * 1e-18
        options.timeout = (10 * seconds + 10).rounded(.up)
      }
    } catch {
      interrupted = error
      return "the re-run was interrupted"
    }
    if let problem = problem(rerun.error) { return "the re-run failed: \(problem)" }
    guard let data = rerun.rootData, let read = rerun.graph else {
      return "the re-run failed: it never reached the root"
    }
    let seed = "--seed \(options.seed)"
    guard read.ops == graph.ops, read.leaves.count == graph.count, read.data.count == graph.count
    else {
      return
        "the script is not deterministic: run again with \(seed), it builds a different graph "
        + "(\(read.ops.count) values, not \(graph.count))"
    }
    let first = graph.data[graph.root]
    guard Self.same(data, first) else {
      return
        "the script is not deterministic: run again with \(seed), its root's data is "
        + "\(PythonFormat.number(data)), not \(PythonFormat.number(first)) (random numbers "
        + "that the seed does not fix, the time, ...)"
    }
    // The graph must be the same value for value: the positions of the leaves are read from it.
    if let position = graph.data.indices.first(where: { !Self.same(read.data[$0], graph.data[$0]) })
    {
      return
        "the script is not deterministic: run again with \(seed), the data of value \(Trace.nodeName(position)) "
        + "is \(PythonFormat.number(read.data[position])), not "
        + "\(PythonFormat.number(graph.data[position]))"
    }
    leaves = read.leaves
    printedLines = rerun.printedLines
    return nil
  }

  func obstacle(toNudging position: Int) -> String? {
    guard position < leaves.count, let leaf = leaves[position] else {
      return
        "no class of the script's own code made it during the run, so it cannot be nudged "
        + "where it is made"
    }
    let now = graph.data[position]
    if leaf.dataWhenMade != now, !(leaf.dataWhenMade.isNaN && now.isNaN) {
      return
        "its data changed after it was made (\(PythonFormat.number(leaf.dataWhenMade)) then, "
        + "\(PythonFormat.number(now)) in the graph), so a nudge where it is made is not a "
        + "nudge of this value"
    }
    return nil
  }

  mutating func rootData(nudging position: Int, to data: Double) -> Result<Double, RerunFailure> {
    guard position < leaves.count, let leaf = leaves[position] else {
      return .failure(RerunFailure(reason: "it cannot be nudged"))
    }
    let rerun: ScriptHost.Rerun
    do {
      rerun = try ScriptHost.rerun(
        script, options: options, picture: picture,
        nudge: .init(index: leaf.index, data: data), record: false)
    } catch {
      interrupted = error
      return .failure(RerunFailure(reason: "the re-run was interrupted", stopsAll: true))
    }
    let nudged = "the re-run with it at \(PythonFormat.number(data))"
    if let problem = problem(rerun.error) {
      if let limit = options.timeout, problem.contains("ran for more than --timeout") {
        let over =
          userTimeout != nil
          ? "ran for more than --timeout \(PythonFormat.number(limit)) s"
          : "ran for more than \(PythonFormat.number(limit)) s (ten times as long as without "
            + "a nudge, and 10 s; --timeout sets another limit)"
        return .failure(RerunFailure(reason: "\(nudged) \(over)", stopsAll: true))
      }
      return .failure(RerunFailure(reason: "\(nudged) failed: \(problem)"))
    }
    if rerun.printedLines != printedLines {
      return .failure(
        RerunFailure(
          reason:
            "\(nudged) failed: it printed \(Self.lines(rerun.printedLines)), not "
            + "\(printedLines) (a different path through the script)"))
    }
    guard let value = rerun.rootData else {
      return .failure(RerunFailure(reason: "\(nudged) failed: it never reached the root"))
    }
    return .success(value)
  }

  /// What went wrong in a re-run that raised, unless the first run raised the same.
  private func problem(_ error: ScriptError?) -> String? {
    guard let error else { return nil }
    if let firstError, firstError.fileName == error.fileName, firstError.line == error.line,
      firstError.message == error.message
    {
      return nil
    }
    if error.isSilent { return "it ended with sys.exit(\(error.status))" }
    return "it raised \(error.fileName):\(error.line):\(error.column): \(error.message)"
  }

  private static func lines(_ n: Int) -> String { n == 1 ? "1 line" : "\(n) lines" }

  /// The same number, to rounding: relative difference at most 1e-12.
  private static func same(_ a: Double, _ b: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    return abs(a - b) <= 1e-12 * max(abs(a), abs(b))
  }
}
