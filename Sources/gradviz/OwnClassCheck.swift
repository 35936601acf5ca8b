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
    let graph: TracedGraph
  }

  /// One entry per `draw_dot` call on an object of the script's own class, else the root
  /// when it is one; empty when the script's values are gradviz's own.
  let entries: [Entry]

  init(run: ScriptRun) throws {
    var entries: [Entry] = []
    for picture in run.pictures {
      guard let details = picture.details else { continue }
      entries.append(Entry(place: picture.place, graph: try Self.graph(picture.root, details)))
    }
    if entries.isEmpty, let root = run.root, let details = run.traced {
      entries.append(Entry(place: nil, graph: try Self.graph(root, details)))
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
  /// Checks the script's own backward on each of its graphs against the engine's; exits 1
  /// when any data or grad is wrong.
  func checkOwnClass(_ graphs: OwnClassGraphs) throws {
    var failed = 0
    var texts: [String] = []
    var jsons: [String] = []
    let several = graphs.entries.count > 1
    let drawnBeforeBackward = graphs.entries.filter { entry in
      entry.graph.grads.allSatisfy { $0 == nil || $0 == 0 }
    }.count
    for entry in graphs.entries {
      let check = BackwardCheck(
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
