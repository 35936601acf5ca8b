extension ExpressionDerivative {
  /// The derivative for people:
  /// ```
  /// f(x) = 3*x**2 - 4*x + 5
  /// f(-3.0) = 44.0
  /// h = 1e-08
  ///
  ///        forward difference   central difference  autograd
  /// df/dx  -22.00000039920269  -21.999999878450576     -22.0
  ///
  /// forward = (f(x+h) - f(x))/h; central = (f(x+h) - f(x-h))/(2h); autograd = x.grad after f.backward()
  /// ```
  public var report: String {
    let names = point.map(\.name).joined(separator: ", ")
    var text = "f(\(names)) = \(expression)\n"
    text +=
      "f(\(point.map { NumberText.full($0.value) }.joined(separator: ", "))) = \(NumberText.full(value))\n"
    text += "h = \(NumberText.full(h))\n\n"
    var table = TextTable(
      header: ["", "forward difference", "central difference", "autograd"],
      alignments: [.left, .right, .right, .right])
    for partial in partials {
      table.append([
        "df/d\(partial.variable.name)", NumberText.full(partial.forward),
        NumberText.full(partial.central),
        NumberText.full(partial.autograd),
      ])
    }
    text += table.text + "\n"
    let x = point.count == 1 ? point[0].name : "x"
    text +=
      "forward = (f(\(x)+h) - f(\(x)))/h; central = (f(\(x)+h) - f(\(x)-h))/(2h); "
      + "autograd = \(x).grad after f.backward()\n"
    for partial in partials where !partial.dependsOnVariable {
      text += "f does not depend on \(partial.variable.name): its derivative is 0\n"
    }
    for note in notes { text += note + "\n" }
    return text
  }

  /// The derivative as JSON, keys sorted, on one line:
  /// `{"expression":"3*x**2 - 4*x + 5","h":1e-08,"notes":[],"value":44,"variables":[{"autograd":-22,"central":-21.999999878450576,"depends":true,"forward":-22.00000039920269,"name":"x","value":-3}]}`.
  /// NaN and infinities are the strings `"nan"`, `"inf"` and `"-inf"`.
  public var json: String {
    let variables = partials.map { partial -> JSON in
      .object([
        ("autograd", .number(partial.autograd)), ("central", .number(partial.central)),
        ("depends", .bool(partial.dependsOnVariable)), ("forward", .number(partial.forward)),
        ("name", .string(partial.variable.name)), ("value", .number(partial.variable.value)),
      ])
    }
    return JSON.object([
      ("expression", .string(expression)), ("h", .number(h)),
      ("notes", .array(notes.map(JSON.string))),
      ("value", .number(value)), ("variables", .array(variables)),
    ]).text + "\n"
  }
}
