import Autograd

extension GradientCheck {
  /// The check for people: a table of the leaves, a table of the operations' local
  /// derivatives, then a summary that names every operation that failed.
  ///
  /// - Parameter failuresOnly: list only the rows that did not pass (failures and kinks);
  ///   the summary still counts every row.
  /// - Complexity: O(number of results).
  public func report(failuresOnly: Bool = false) -> String {
    let rootName = trace.name(of: trace.root)
    let h = NumberText.full(options.h)
    var text =
      "leaves: each grad beside the central difference of \(rootName), h = \(h) × max(1, |x|)\n"
    if leaves.count < leafCount {
      text +=
        "(\(leaves.count) of the \(leafCount) leaves checked, evenly spaced in topological "
        + "order; every operation is checked below)\n"
    }
    var leafTable = TextTable(
      header: ["#", "leaf", "grad", "numeric", "abs error", "rel error", "result"],
      alignments: [.right, .left, .right, .right, .right, .right, .left])
    for result in leaves where !failuresOnly || result.comparison.status != .pass {
      let c = result.comparison
      leafTable.append(
        [String(result.position), trace.name(of: result.value)]
          + Self.cells(c, analyticMissing: "-"))
    }
    text += leaves.isEmpty ? "(no leaves)\n" : leafTable.text
    text +=
      "\noperations: each local derivative beside central differences of that operation alone\n"
    var nodeTable = TextTable(
      header: [
        "#", "value", "op", "input", "local derivative", "numeric", "abs error", "rel error",
        "result",
      ],
      alignments: [.right, .left, .left, .left, .right, .right, .right, .right, .left])
    for result in nodes where !failuresOnly || result.comparison.status != .pass {
      nodeTable.append(
        [
          String(result.position), trace.name(of: result.node), result.node.op,
          trace.name(of: result.input),
        ]
          + Self.cells(result.comparison, analyticMissing: "-"))
    }
    text += nodes.isEmpty ? "(no operations)\n" : nodeTable.text
    return text + "\n" + summary + "\n"
  }

  private static func cells(_ c: DerivativeComparison, analyticMissing: String) -> [String] {
    let errors =
      c.analytic == nil
      ? ["", ""] : [NumberText.short(c.absoluteError), NumberText.short(c.relativeError)]
    return [c.analytic.map(NumberText.full) ?? analyticMissing, NumberText.full(c.numeric)]
      + errors + [c.status == .fail ? "FAIL" : c.status.rawValue]
  }

  /// One paragraph: how many passed, and every failure, naming the operations.
  public var summary: String {
    let tolerance = NumberText.full(options.tolerance)
    let counts = [
      Self.count(leaves.map(\.comparison.status), of: "leaf", "leaves"),
      Self.count(nodes.map(\.comparison.status), of: "local derivative", "local derivatives"),
    ]
    var text =
      (passed ? "pass: " : "FAIL: ") + counts.joined(separator: "; ")
      + " (tolerance \(tolerance), relative error)"
    // Each operation once, by its symbol, with the values where it went wrong.
    for (status, verb) in [
      (DerivativeComparison.Status.fail, "is wrong"), (.notFinite, "is not finite"),
      (.stepTooSmall, "could not be checked (h too small)"),
    ] {
      var order: [String] = []
      var places: [String: [String]] = [:]
      for result in nodes where result.comparison.status == status {
        let op = result.node.op
        if places[op] == nil { order.append(op) }
        places[op, default: []].append(
          "\(trace.name(of: result.node)) w.r.t. \(trace.name(of: result.input))")
      }
      for op in order {
        let at = places[op] ?? []
        let shown =
          at.prefix(5).joined(separator: ", ") + (at.count > 5 ? ", ... (\(at.count) in all)" : "")
        text += "\nthe derivative of '\(op)' \(verb) at \(shown)"
      }
    }
    let statuses = Set((leaves.map(\.comparison) + nodes.map(\.comparison)).map(\.status))
    if let first = staleValues.first, statuses.contains(.fail) {
      let one = staleValues.count == 1
      text +=
        "\nthe data of \(staleValues.count) value\(one ? " no longer follows from its" : "s no longer follow from their")"
        + " inputs (\(one ? "" : "first ")\(trace.name(of: first))): a leaf "
        + "changed after they were computed, as a training step's `p.data += ...` after "
        + "backward() does, so the grads belong to the old data; check the graph before the "
        + "update (draw_dot(...) there)"
    } else if statuses.contains(.fail) && !nodes.contains(where: { $0.comparison.status == .fail })
    {
      text +=
        "\nevery operation's derivative is right, so the failing grads were not computed by one "
        + "backward() from \(trace.name(of: trace.root)): set by hand, or accumulated over several calls?"
    }
    if statuses.contains(.notComputed) {
      text +=
        "\nsome grads were never computed: call backward() in the script, or drop --no-backward"
    }
    if statuses.contains(.notFinite) {
      text +=
        "\nnot finite: a value, a derivative or a difference is NaN or infinite, so nothing can be "
        + "compared there (see 'gradviz why')"
    }
    if statuses.contains(.stepTooSmall) {
      text += "\nh too small: x + h rounds to x for a value this large; give a larger --h"
    }
    if statuses.contains(.stepTooLarge) {
      text +=
        "\nh too large: the differences approach the grad as h shrinks, but not within the "
        + "tolerance at this h (strong curvature, or a kink within h); a smaller --h checks it"
    }
    if statuses.contains(.notDifferentiable) {
      text +=
        "\nnot differentiable: a kink (such as relu at 0) at the point; the grad is one of the "
        + "one-sided slopes, as micrograd defines it"
    }
    return text
  }

  /// `5 leaves: all pass`, `8 local derivatives: 7 pass, 1 fail`.
  private static func count(
    _ statuses: [DerivativeComparison.Status], of one: String, _ many: String
  ) -> String {
    let noun = "\(statuses.count) \(statuses.count == 1 ? one : many)"
    if statuses.isEmpty { return "no \(many)" }
    if statuses.allSatisfy({ $0 == .pass }) { return "\(noun): all pass" }
    var parts: [String] = []
    for status in DerivativeComparison.Status.allCases {
      let n = statuses.filter { $0 == status }.count
      if n > 0 { parts.append("\(n) \(status.rawValue)") }
    }
    return "\(noun): " + parts.joined(separator: ", ")
  }

  /// The check as JSON, keys sorted, one result per line:
  /// ```
  /// {"h":1e-06,"passed":true,"root":9,"tolerance":1e-06,"results":[
  /// {"abs_error":1.2e-11,"analytic":-1.4999999999999993,"check":"leaf","id":0,"input":null,"label":"x1","left":...,"numeric":...,"op":"","rel_error":...,"right":...,"status":"pass"},
  /// {"abs_error":0,"analytic":-3,"check":"operation","id":5,"input":0,"label":"x1*w1","left":...,"op":"*",...},
  /// ...
  /// ]}
  /// ```
  /// `check` is `leaf` or `operation`; `id` is the position of the leaf or operation in
  /// topological order, `input` the position of the input an operation's derivative is taken
  /// with respect to (`null` for leaves). `analytic` is the grad or the local derivative
  /// (`null` for a grad never computed, and then both errors are `"nan"`), `numeric` the
  /// central difference, `left` and `right` the one-sided differences. `status` is `pass`,
  /// `fail`, `not differentiable`, `not finite`, `h too small` or `not computed`. NaN and
  /// infinities are the strings `"nan"`, `"inf"`, `"-inf"`.
  ///
  public var json: String {
    let leafResults = leaves.lazy.map {
      Self.jsonResult($0.comparison, check: "leaf", id: $0.position, input: nil, value: $0.value)
    }
    let nodeResults = nodes.lazy.map {
      Self.jsonResult(
        $0.comparison, check: "operation", id: $0.position, input: $0.inputPosition, value: $0.node)
    }
    let header: [(String, JSON)] =
      [
        ("h", .number(options.h)), ("passed", .bool(passed)), ("root", .int(trace.count - 1)),
        ("tolerance", .number(options.tolerance)),
      ]
      + (leaves.count < leafCount
        ? [("leaves_checked", .int(leaves.count)), ("leaves_total", .int(leafCount))] : [])
    return JSON.listing(
      header, "results", [AnySequence(leafResults), AnySequence(nodeResults)].joined())
  }

  private static func jsonResult(
    _ c: DerivativeComparison, check: String, id: Int, input: Int?, value: Value
  ) -> JSON {
    .object([
      ("abs_error", .number(c.absoluteError)), ("analytic", .number(c.analytic)),
      ("check", .string(check)),
      ("id", .int(id)), ("input", .int(input)), ("label", .string(value.label)),
      ("left", .number(c.left)),
      ("numeric", .number(c.numeric)), ("op", .string(value.op)),
      ("rel_error", .number(c.relativeError)),
      ("right", .number(c.right)), ("status", .string(c.status.rawValue)),
    ])
  }
}
