import Autograd

extension Nudge {
  /// The nudge for people:
  /// ```
  /// a: 2.0 -> 2.01 (+0.01)
  /// L: -8.0 -> -7.94
  ///
  /// predicted change of L  a.grad × 0.01 = 6.0 × 0.01 = 0.06
  /// actual change of L     -7.94 - -8.0 = 0.0600000000000005
  /// slope                  0.0600000000000005 / 0.01 = 6.00000000000005 (a.grad = 6.0)
  /// ```
  public func report(names: Trace) -> String {
    let rootName = quoted(names.name(of: root))
    var text = ""
    for move in moves {
      text +=
        "\(quoted(names.name(of: move.value))): \(NumberText.full(move.before)) -> "
        + "\(NumberText.full(move.before + move.delta)) (\(NumberText.signed(move.delta)))\n"
    }
    text += "\(rootName): \(NumberText.full(before)) -> \(NumberText.full(after))\n\n"
    let symbolic = moves.map {
      "\(quoted(names.name(of: $0.value))).grad × \(NumberText.full($0.delta))"
    }
    let numeric = moves.map { "\(NumberText.full($0.grad)) × \(NumberText.full($0.delta))" }
    var table = TextTable(header: ["", ""], alignments: [.left, .left])
    table.append([
      "predicted change of \(rootName)",
      symbolic.joined(separator: " + ") + " = " + numeric.joined(separator: " + ") + " = "
        + NumberText.full(predicted),
    ])
    table.append([
      "actual change of \(rootName)",
      "\(NumberText.full(after)) - \(NumberText.full(before)) = \(NumberText.full(actual))",
    ])
    if moves.count == 1 {
      let move = moves[0]
      table.append([
        "slope",
        "\(NumberText.full(actual)) / \(NumberText.full(move.delta)) = \(NumberText.full(actual / move.delta)) "
          + "(\(quoted(names.name(of: move.value))).grad = \(NumberText.full(move.grad)))",
      ])
    }
    // The empty header line of the two-column table is dropped.
    text += table.text.drop { $0 != "\n" }.dropFirst()
    return text
  }

  private func quoted(_ name: String) -> String {
    name.contains(where: \.isWhitespace) ? "'\(name)'" : name
  }

  /// The nudge as JSON, keys sorted, on one line:
  /// `{"actual":0.0600000000000005,"after":-7.94,"before":-8,"moves":[{"before":2,"delta":0.01,"grad":6,"id":0,"label":"a"}],"predicted":0.06,"root":6}`.
  /// `id` is a position in topological order (the `#` column of `gradviz grads`), or `null`
  /// for a value the root does not depend on.
  public func json(names: Trace) -> String {
    let moves = self.moves.map { move -> JSON in
      .object([
        ("before", .number(move.before)), ("delta", .number(move.delta)),
        ("grad", .number(move.grad)),
        ("id", .int(names.position(of: move.value))), ("label", .string(move.value.label)),
      ])
    }
    return JSON.object([
      ("actual", .number(actual)), ("after", .number(after)), ("before", .number(before)),
      ("moves", .array(moves)), ("predicted", .number(predicted)),
      ("root", .int(names.position(of: root))),
    ]).text + "\n"
  }
}
