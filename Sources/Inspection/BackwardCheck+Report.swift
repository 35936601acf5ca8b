import Autograd

extension BackwardCheck {
  /// The check for people: the first failure in full (what is wrong, which op, the local
  /// derivative it should have used and the one the grads imply, the diagnosis, where its
  /// `_backward` is), the other failures one line each, what could not be checked, then a
  /// summary line.
  ///
  /// - Complexity: O(n + e).
  public func report() -> String {
    var text = ""
    if let first = failures.first {
      text += describe(first)
      let rest = failures.dropFirst()
      if !rest.isEmpty {
        let shown = rest.prefix(8).map { "the \($0.kind.rawValue) of \(name($0.node))" }
        text +=
          "also wrong: " + shown.joined(separator: ", ")
          + (rest.count > 8 ? ", ... (\(rest.count) in all)" : "") + "\n"
      }
    }
    text += unchecked()
    text += differencesReport()
    // The tracer's notes on the nodes the first failure names, except those on every node
    // (a class without labels), which would say nothing here.
    let named = failures.prefix(1).flatMap { [$0.node] + ($0.culprit.map { [$0] } ?? []) }
    let everywhere = graph.notes.dropFirst().reduce(Set(graph.notes[0])) {
      $0.intersection($1)
    }
    let notes = Set(named).sorted().flatMap { position in
      graph.notes[position].filter { !everywhere.contains($0) }.map { "\(name(position)): \($0)" }
    }
    for note in notes.prefix(5) { text += "note: \(note)\n" }
    return text + summary + "\n"
  }

  /// One line: pass or FAIL and the counts.
  public var summary: String {
    let tolerance = " (tolerance \(NumberText.full(options.tolerance)), relative error)"
    let values = TracedGraph.count(graph.count, "value")
    if passed {
      let skipped = uncheckedCount
      let numeric = differences?.checked.count ?? 0
      return
        "pass: \(values): every data agrees with its op and every grad with the engine's "
        + "backward" + (numeric > 0 ? " (\(numeric) by central differences of the script)" : "")
        + (skipped > 0 ? ", \(skipped) not checked" : "") + tolerance
    }
    let dataWrong = failures.filter { $0.kind == .data }.count
    let gradsWrong = failures.count - dataWrong
    var parts: [String] = []
    if dataWrong > 0 { parts.append("data of \(dataWrong) wrong") }
    if gradsWrong > 0 { parts.append("grads of \(gradsWrong) wrong") }
    if uncheckedCount > 0 { parts.append("\(uncheckedCount) not checked") }
    return "FAIL: \(values): " + parts.joined(separator: ", ") + tolerance
  }

  /// `label (n3)`, or `n3` for a node without a label.
  func name(_ position: Int) -> String {
    let node = Trace.nodeName(position)
    return graph.labels[position].isEmpty ? node : "\(graph.labels[position]) (\(node))"
  }

  /// `'*' (c (n2))`.
  private func opName(_ position: Int) -> String {
    "'\(graph.ops[position])' (\(name(position)))"
  }

  private func describe(_ failure: Failure) -> String {
    let node = failure.node
    let actual = NumberText.full(failure.actual)
    let expected = NumberText.full(failure.expected)
    var text = ""
    switch failure.kind {
    case .data:
      let inputs = graph.inputs[node].map {
        "\(name($0)) = \(NumberText.full(graph.data[$0]))"
      }
      text +=
        "FAIL: the data of \(name(node)) is \(actual); '\(graph.ops[node])' of "
        + inputs.joined(separator: ", ") + " is \(expected)\n"
    case .grad where failure.reference == .wholeScript:
      text +=
        "FAIL: the grad of \(name(node)) is \(actual); central differences of the whole script "
        + "give \(expected)\n"
      if let through = failure.culprit {
        text +=
          "  \(name(node)) reaches the root through \(opName(through)), an op gradviz does not "
          + "know\n"
      }
    case .grad:
      text +=
        "FAIL: the grad of \(name(node)) is \(actual); the engine's backward gives \(expected)\n"
      if node == graph.root {
        text += "  the root's grad after backward() is 1.0 (d root / d root)\n"
      } else {
        text += "  " + uses(of: node) + "\n"
      }
      if failure.isAboutAccumulation, node != graph.root {
        text += "  " + contributions(to: node) + "\n"
      } else if let culprit = failure.culprit, let slot = failure.slot,
        let local = failure.expectedLocal
      {
        let operands = graph.inputs[culprit].count > 1 || slot > 0
        var line =
          "  local derivative of \(opName(culprit))"
          + (operands ? " by operand \(slot + 1)" : "")
          + ": \(NumberText.full(local)) by the engine"
        if let implied = failure.impliedLocal {
          line += ", \(NumberText.full(implied)) as the script's grads imply"
        }
        text += line + "\n"
      }
    }
    if let diagnosis = failure.diagnosis {
      text += "  diagnosis: \(diagnosis)\n"
      if case .assignedNotAdded(_, let line?) = diagnosis { text += "    \(line)\n" }
    }
    if let culprit = failure.culprit {
      if let origin = graph.origins[culprit] {
        text +=
          failure.kind == .data
          ? "  \(opName(culprit)) is made in the method whose _backward is at \(origin)\n"
          : "  _backward of \(opName(culprit)): \(origin)\n"
      }
    }
    return text
  }

  /// `x (n0) is an input of '*' (c (n2)), whose grad is 1.0` or a list of its uses.
  private func uses(of node: Int) -> String {
    var order: [Int] = []
    var slots: [Int: Int] = [:]
    for (index, reading) in readings.enumerated() {
      guard case .known(_, let operands, _) = reading else { continue }
      let n = operands.filter { $0 == node }.count
      if n > 0 {
        order.append(index)
        slots[index] = n
      }
    }
    let parts = order.map { user in
      let times = slots[user] ?? 1
      let grad = graph.grads[user].map(NumberText.full) ?? "-"
      return "\(opName(user))\(times > 1 ? " \(times) times" : "") with grad \(grad)"
    }
    let total = slots.values.reduce(0, +)
    if total == 1 { return "\(name(node)) is an input of " + parts.joined() }
    return "\(name(node)) is used \(total) times: by " + parts.joined(separator: ", ")
  }

  /// `the uses pass back 1.0 + 1.0 = 2.0`, or for one use `its use passes back 1.5 (grad
  /// 2.0 × local derivative 0.75)`.
  private func contributions(to node: Int) -> String {
    var parts: [(part: Double, upstream: Double, local: Double)] = []
    for (user, reading) in readings.enumerated() {
      guard case .known(_, let operands, _) = reading, let upstream = graph.grads[user] else {
        continue
      }
      for (slot, input) in operands.enumerated() where input == node {
        let local = localDerivatives[user][slot]
        parts.append((upstream * local, upstream, local))
      }
    }
    if parts.count == 1, let only = parts.first {
      return
        "its use passes back \(NumberText.full(only.part)) (grad \(NumberText.full(only.upstream)) "
        + "× local derivative \(NumberText.full(only.local)))"
    }
    let total = parts.reduce(0) { $0 + $1.part }
    return
      "the uses pass back " + parts.map { NumberText.full($0.part) }.joined(separator: " + ")
      + " = \(NumberText.full(total))"
  }

  /// `checked by central differences of the whole script, re-run 3 times: ...` and a line
  /// per leaf; or why they could not be taken.
  private func differencesReport() -> String {
    guard let differences else { return "" }
    let leaves = "\(differences.leafCount) \(differences.leafCount == 1 ? "leaf" : "leaves")"
    if let reason = differences.unavailable {
      return "not checked by central differences of the whole script (\(leaves)): \(reason)\n"
    }
    let throughs = Set(differences.leaves.map(\.through)).sorted()
    let ops: String
    if throughs.count == 1 {
      ops = opName(throughs[0])
    } else {
      let shown = throughs.prefix(3).map(opName).joined(separator: ", ")
      ops =
        "\(throughs.count) ops gradviz does not know (\(shown)\(throughs.count > 3 ? ", ..." : ""))"
    }
    let checked = differences.checked.count
    let runs = "re-run \(differences.reruns) time\(differences.reruns == 1 ? "" : "s")"
    let sampled =
      differences.leaves.count < differences.leafCount
      ? " (at most \(Differences.maxCheckedLeaves), evenly spaced)" : ""
    var text: String
    if checked == 0 {
      text =
        "not checked by central differences of the whole script, \(runs): \(leaves) before "
        + "\(ops)\n"
    } else {
      let counted =
        checked == differences.leafCount
        ? (checked == 1 ? "the grad of 1 leaf" : "the grads of \(leaves)")
        : "the grads of \(checked) of \(leaves)"
      text =
        "checked by central differences of the whole script, \(runs): \(counted) before "
        + "\(ops)\(sampled)\n"
    }
    for leaf in differences.leaves {
      let grad = graph.grads[leaf.position].map(NumberText.full) ?? "-"
      guard let comparison = leaf.comparison else {
        text += "  \(name(leaf.position)): not checked: \(leaf.reason ?? "")\n"
        continue
      }
      let verdict: String
      switch comparison.status {
      case .pass: verdict = "agrees"
      case .fail: verdict = "differs"
      default: verdict = comparison.status.rawValue
      }
      text +=
        "  \(name(leaf.position)): grad \(grad), central differences "
        + "\(NumberText.full(comparison.numeric)): \(verdict) (relative error "
        + "\(NumberText.short(comparison.relativeError)))\n"
    }
    return text
  }

  private func unchecked() -> String {
    var text = ""
    var count = 0
    for (position, status) in dataStatus.enumerated() {
      guard case .notChecked(let reason) = status else { continue }
      count += 1
      if count <= 5 { text += "not checked: \(name(position)): \(reason)\n" }
    }
    let inputs = (0..<graph.count).filter {
      if case .notChecked = gradStatus[$0] { return true }
      return false
    }
    if !inputs.isEmpty {
      let shown = inputs.prefix(8).map(name).joined(separator: ", ")
      let reason: String
      if case .notChecked(let first) = gradStatus[inputs[0]] { reason = first } else { reason = "" }
      text +=
        "not checked: the grads of \(shown)\(inputs.count > 8 ? ", ..." : "") (\(reason))\n"
    }
    if count > 5 { text += "not checked: \(count - 5) more ops\n" }
    return text
  }

  /// The script's grads beside the engine's, one row per value in topological order; rows
  /// that differ are marked `differs`.
  ///
  /// - Complexity: O(n).
  public var comparisonTable: String {
    var table = TextTable(
      header: ["#", "label", "op", "data", "grad (script)", "grad (engine)", ""],
      alignments: [.right, .left, .left, .right, .right, .right, .left])
    for position in 0..<graph.count {
      let mine = graph.grads[position]
      let engine = engineGrads[position]
      var mark = ""
      if let mine, let engine, !Self.agree(mine, engine, options.tolerance) { mark = "differs" }
      table.append([
        String(position), graph.labels[position], graph.ops[position],
        NumberText.full(graph.data[position]), mine.map(NumberText.full) ?? "-",
        engine.map(NumberText.full) ?? "-", mark,
      ])
    }
    return table.text
  }
}

extension BackwardCheck {
  /// The check as JSON, keys sorted, one value per line:
  /// ```
  /// {"failures":[{"actual":1,"culprit":1,"diagnosis":"assigned-not-added","expected":2,...}],
  /// "passed":false,"tolerance":1e-06,"values":[
  /// {"data":3,"data_status":"pass","engine_grad":2,"expected_grad":2,"grad":1,"grad_status":"fail","id":0,"label":"a","op":"","origin":"t.py:10"},
  /// ...
  /// ]}
  /// ```
  /// `id` is the position in topological order; a status is `pass`, `fail`, `not computed` or
  /// `not checked: REASON`; grads never computed (or not computable by the engine) are
  /// `null`; NaN and infinities are the strings `"nan"`, `"inf"`, `"-inf"`. A failure's
  /// `culprit` is the id of the op at fault (or `null`), `diagnosis` the short name of
  /// ``Diagnosis`` (or `null`) and `explanation` its text.
  public var json: String {
    let failureObjects = failures.map { failure -> JSON in
      .object([
        ("actual", .number(failure.actual)), ("culprit", .int(failure.culprit)),
        ("diagnosis", failure.diagnosis.map { .string($0.name) } ?? .null),
        ("explanation", failure.diagnosis.map { .string($0.description) } ?? .null),
        ("expected", .number(failure.expected)),
        ("expected_local", .number(failure.expectedLocal)),
        ("implied_local", .number(failure.impliedLocal)), ("kind", .string(failure.kind.rawValue)),
        ("node", .int(failure.node)), ("reference", .string(failure.reference.rawValue)),
        ("slot", .int(failure.slot)),
        (
          "origin",
          failure.culprit.flatMap { graph.origins[$0] }.map { .string($0) } ?? .null
        ),
      ])
    }
    let rows = (0..<graph.count).lazy.map { position -> JSON in
      .object([
        ("data", .number(graph.data[position])),
        ("data_status", .string(Self.text(dataStatus[position]))),
        ("engine_grad", .number(engineGrads[position])),
        ("expected_grad", .number(expectedGrads[position])),
        ("grad", .number(graph.grads[position])),
        ("grad_status", .string(Self.text(gradStatus[position]))), ("id", .int(position)),
        ("label", .string(graph.labels[position])), ("op", .string(graph.ops[position])),
        ("origin", graph.origins[position].map { .string($0) } ?? .null),
      ])
    }
    let header: [(String, JSON)] = [
      ("differences", differencesJSON), ("failures", .array(failureObjects)),
      ("passed", .bool(passed)),
      ("tolerance", .number(options.tolerance)),
    ]
    return JSON.listing(header, "values", rows)
  }

  /// `null`, or `{"leaf_count":1,"leaves":[{"grad":..,"id":1,"numeric":..,"reason":null,
  /// "relative_error":..,"status":"pass","through":2}],"reruns":3,"unavailable":null}`.
  private var differencesJSON: JSON {
    guard let differences else { return .null }
    let leaves = differences.leaves.map { leaf -> JSON in
      .object([
        ("grad", .number(graph.grads[leaf.position])), ("id", .int(leaf.position)),
        ("numeric", .number(leaf.comparison?.numeric)),
        ("reason", leaf.reason.map { .string($0) } ?? .null),
        ("relative_error", .number(leaf.comparison?.relativeError)),
        ("status", .string(leaf.comparison?.status.rawValue ?? "not checked")),
        ("through", .int(leaf.through)),
      ])
    }
    return .object([
      ("leaf_count", .int(differences.leafCount)), ("leaves", .array(leaves)),
      ("reruns", .int(differences.reruns)),
      ("unavailable", differences.unavailable.map { .string($0) } ?? .null),
    ])
  }

  private static func text(_ status: Status) -> String {
    switch status {
    case .pass: "pass"
    case .fail: "fail"
    case .notComputed: "not computed"
    case .notChecked(let reason): "not checked: " + reason
    }
  }
}
