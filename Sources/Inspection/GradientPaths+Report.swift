import Autograd

extension GradientPaths {
  /// The explanation for people: each path with its steps and product, the equation that
  /// sums them, and what made the gradient 0, NaN or infinite.
  ///
  /// ```
  /// paths from a to L (each step: the op it enters, and its local derivative):
  ///   1  a -[* -3.0]-> e -[+ 1.0]-> d -[* -2.0]-> L
  ///      product -3.0 × 1.0 × -2.0 = 6.0
  ///
  /// a.grad = 6.0
  /// ```
  /// - Parameter names: the trace whose positions and labels name the values (that of the
  ///   script's root, as in `gradviz grads`). When its root is ``root``, the sum is compared
  ///   with the value's grad; otherwise the grad belongs to another root and is not.
  public func report(names: Trace) -> String {
    let value = name(value, names)
    let rootName = name(root, names)
    var text = ""
    if pathCount == 0 {
      text +=
        "\(rootName) does not depend on \(value): there is no path from \(value) to \(rootName)\n"
    } else if self.value == root {
      text += "\(value) is the root: d\(rootName)/d\(rootName) = 1\n"
    } else {
      let count = pathCount == Int.max ? "more than \(Int.max)" : String(pathCount)
      text +=
        "\(count) path\(pathCount == 1 ? "" : "s") from \(value) to \(rootName) "
        + "(each step: the op it enters, and its local derivative):\n"
      let width = String(paths.count).count
      for (index, path) in paths.enumerated() {
        let number = String(index + 1)
        let indent = String(repeating: " ", count: width - number.count)
        var line = "  \(indent)\(number)  \(name(self.value, names))"
        for step in path.steps {
          // An operation that takes the same value twice (x * x) is entered once per operand.
          let twice = step.to.inputs.filter { $0 == step.from }.count > 1
          let operand = twice ? ", operand \(step.slot + 1)" : ""
          line +=
            " -[\(step.to.op) \(NumberText.full(step.localDerivative))\(operand)]-> \(name(step.to, names))"
        }
        text += line + "\n"
        let factors = path.steps.map { NumberText.full($0.localDerivative) }
        let product =
          factors.count > 1 && factors.count <= 8
          ? factors.joined(separator: " × ") + " = " + NumberText.full(path.product)
          : NumberText.full(path.product)
        text += String(repeating: " ", count: width + 4) + "product " + product + "\n"
      }
      if paths.count < pathCount {
        text +=
          pathCount == Int.max
          ? "  ... and more paths than an Int can count\n"
          : "  ... and \(pathCount - paths.count) more paths\n"
      }
    }
    text += "\n" + equation(names: names, valueName: value, rootName: rootName)
    for cause in causes { text += describe(cause, names) + "\n" }
    return text
  }

  /// `a.grad = 2.0 + 4.0 = 6.0`, and how it compares with the grad on the tape.
  private func equation(names: Trace, valueName: String, rootName: String) -> String {
    let gradOfRoot = names.root == root
    let matches = gradOfRoot && value.isGradComputed && Self.same(value.grad, derivative)
    let total = matches ? value.grad : derivative
    var sum = 0.0
    for path in paths { sum += path.product }
    var terms = paths.map { NumberText.full($0.product) }
    if paths.count < pathCount { terms.append("...") }
    var line = (matches ? "\(valueName).grad" : "d\(rootName)/d\(valueName)") + " = "
    if terms.count > 1 { line += terms.joined(separator: " + ") + " = " }
    line += NumberText.full(total) + "\n"
    if paths.count == pathCount, !paths.isEmpty, sum != total, sum.isFinite {
      line +=
        "(path by path the products add up to \(NumberText.full(sum)); backward multiplies and "
        + "adds at each value instead, which rounds differently)\n"
    }
    if !gradOfRoot {
      if value.isGradComputed {
        line +=
          "(\(valueName).grad = \(NumberText.full(value.grad)) is the derivative of "
          + "\(name(names.root, names)), not of \(rootName))\n"
      }
    } else if !value.isGradComputed {
      line += "\(valueName).grad was never computed\n"
    } else if !matches {
      line +=
        "but \(valueName).grad is \(NumberText.full(value.grad)): it was not computed by one "
        + "backward() from \(rootName) (set by hand, or accumulated over several calls?)\n"
    }
    return line
  }

  private static func same(_ a: Double, _ b: Double) -> Bool {
    a == b || (a.isNaN && b.isNaN) || abs(a - b) <= 1e-12 * max(abs(a), abs(b))
  }

  private func name(_ value: Value, _ names: Trace) -> String {
    let name = names.name(of: value)
    return name.contains(where: \.isWhitespace) ? "'\(name)'" : name
  }

  private func describe(_ cause: Cause, _ names: Trace) -> String {
    switch cause {
    case .unreachable:
      return
        "\(name(root, names)) is not computed from \(name(value, names)), so moving it changes nothing"
    case .zeroSteps(let steps, let more):
      var text = "every path passes through a step whose local derivative is 0:"
      for step in steps { text += "\n  - " + describeZero(step, names) }
      if more > 0 { text += "\n  - and \(more) more" }
      return text
    case .cancellation:
      return "the paths' products are not 0 but cancel: their sum is 0"
    case .underflow:
      return "the paths' products are too small for a Double (below 5e-324) and round to 0"
    case .nonFiniteData(let origin):
      return "the forward pass made its first \(NumberText.full(origin.data)) at "
        + "\(formula(origin, names)), from finite operands"
    case .nonFiniteStep(let step, let upstream):
      let to = name(step.to, names)
      let from = name(step.from, names)
      if !step.localDerivative.isFinite {
        return "backward met its first non-finite local derivative at \(formula(step.to, names)): "
          + "d\(to)/d\(from) = \(NumberText.full(step.localDerivative)); "
          + "times the grad upstream, \(NumberText.full(upstream)), it gives "
          + NumberText.full(step.localDerivative * upstream)
      }
      return "backward's first non-finite grad is \(from)'s: the grad of \(to), "
        + "\(NumberText.full(upstream)), times d\(to)/d\(from) = \(NumberText.full(step.localDerivative)) "
        + "is \(NumberText.full(step.localDerivative * upstream))"
    case .nonFiniteSum(let node):
      return "backward's first non-finite grad is \(name(node, names))'s: finite contributions "
        + "whose sum overflows"
    }
  }

  /// `w = z * x, with z = nan, x = 800.0`; `y = exp(x), with x = 800.0`.
  private func formula(_ value: Value, _ names: Trace) -> String {
    let inputs = value.inputs
    let operands = inputs.map { name($0, names) }
    let expression = value.kind.rule.notation.formula(value.op, operands)
    var seen = Set<Int>()
    let values = inputs.filter { seen.insert($0.id).inserted }
      .map { "\(name($0, names)) = \(NumberText.full($0.data))" }
    return "\(name(value, names)) = \(expression), with \(values.joined(separator: ", "))"
  }

  /// Why one step's local derivative is 0, in the words of its operation.
  private func describeZero(_ step: Step, _ names: Trace) -> String {
    let to = name(step.to, names)
    let from = name(step.from, names)
    let x = NumberText.full(step.from.data)
    let at = "\(to) = \(step.to.op)(\(from))"
    let rule = step.to.kind.rule
    let what = rule.displayName
    switch rule.zeroDerivative {
    case .deadBelowZero:
      return "a dead \(what): \(at) has input \(x), not > 0, so its local derivative is 0"
    case .saturates(let derivative):
      let out = NumberText.full(step.to.data)
      return "a saturated \(what): \(at) has input \(x), so \(what) = \(out) and \(derivative) = 0"
    case .otherFactorIsZero:
      let inputs = step.to.inputs
      if inputs.count == 2 {
        let other = inputs[1 - step.slot]
        return
          "a \(what) by zero: in \(to) = \(name(inputs[0], names)) \(step.to.op) \(name(inputs[1], names)), "
          + "the other factor, \(name(other, names)), is \(NumberText.full(other.data))"
      }
    case .none:
      break
    }
    return "\(to) (\(step.to.op)) has local derivative 0 with respect to \(from) at \(from) = \(x)"
  }
}
