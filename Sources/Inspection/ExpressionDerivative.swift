import Autograd

/// The derivative of an expression at a point, three ways: a forward difference, a central
/// difference, and autograd. The walkthrough's first lesson as one call.
///
/// ```swift
/// let d = try ExpressionDerivative("3*x**2 - 4*x + 5", at: [.init(name: "x", value: -3)])
/// d.value                    // 44.0
/// d.partials[0].forward      // -22.00000039920269 (h = 1e-8, as the walkthrough prints)
/// d.partials[0].autograd     // -22.0
/// ```
/// The expression is one line of Python: each variable is bound to a `Value` with its name as
/// label, the expression is evaluated by the caller's ``Evaluate`` (the CLI runs it with the
/// embedded Python), and `backward()` runs from its result. For each variable the expression is evaluated again with that variable moved to
/// `x + h` and `x - h` (each written as the exact `Double`, so nothing is lost in between):
/// ```
/// forward difference = (f(x + h) - f(x)) / h
/// central difference = (f(x + h) - f(x - h)) / (2h)
/// autograd           = x.grad after f.backward()
/// ```
/// These are the walkthrough's formulas, evaluated as Python evaluates them, so for
/// f(x) = 3x² - 4x + 5 at -3 with h = 1e-8 the forward difference is the walkthrough's
/// -22.00000039920269.
public struct ExpressionDerivative: Sendable {
  /// A variable of the expression and the number it is bound to.
  public struct Variable: Sendable, Equatable {
    public let name: String
    public let value: Double

    public init(name: String, value: Double) {
      self.name = name
      self.value = value
    }
  }

  /// The derivative with respect to one variable.
  public struct Partial: Sendable, Equatable {
    public let variable: Variable
    /// `(f(x + h) - f(x)) / h`.
    public let forward: Double
    /// `(f(x + h) - f(x - h)) / (2h)`.
    public let central: Double
    /// The variable's grad after backward; 0 when the expression does not depend on it.
    public let autograd: Double
    /// Whether the expression's result depends on the variable.
    public let dependsOnVariable: Bool
  }

  /// What one evaluation of the generated program gave: the lines it printed (the last is
  /// the result's `print`) and the last `Value` it bound, if any.
  public struct Evaluation {
    public let printed: [String]
    public let root: Value?

    public init(printed: [String], root: Value?) {
      self.printed = printed
      self.root = root
    }
  }

  /// Runs a generated program (the variables bound to `Value`s, then `f = EXPRESSION` and
  /// `print(f)`) and returns what it printed and made, without running backward.
  ///
  /// - Parameters:
  ///   - source: the program.
  ///   - expressionLine: the 1-based line of `source` that holds the expression.
  ///   - prefix: the text before the expression on that line (`f = `), so that a
  ///     diagnostic can be pointed into the expression alone.
  /// - Throws: ``InspectionError/expression(_:)`` with the diagnostic when the program fails.
  public typealias Evaluate = (_ source: String, _ expressionLine: Int, _ prefix: String)
    throws(InspectionError) -> Evaluation

  /// The expression, as given.
  public let expression: String
  /// The point, in the order given.
  public let point: [Variable]
  /// The step of the differences.
  public let h: Double
  /// The expression's value at the point.
  public let value: Double
  /// One derivative per variable, in the order of ``point``.
  public let partials: [Partial]
  /// Remarks on the differences: an evaluation at `x ± h` that failed, and why. Its
  /// difference is then NaN.
  public let notes: [String]

  /// Evaluates `expression` and its derivatives at `point`.
  ///
  /// - Parameters:
  ///   - expression: one line of script, such as `3*x**2 - 4*x + 5` or `(a*b + c).tanh()`.
  ///   - point: the variables and their numbers: distinct names that are Python identifiers
  ///     and not keywords, and finite numbers.
  ///   - h: the step, a finite number > 0.
  ///   - output: receives each line the expression itself prints, from its evaluation at the
  ///     point.
  ///   - evaluate: runs the generated program (see ``Evaluate``).
  /// - Throws: ``InspectionError/invalidAssignment(_:reason:)`` for a bad variable, name,
  ///   number or step; ``InspectionError/expression(_:)`` with a diagnostic located in the
  ///   expression (`<expr>:1:5: error: ...`) when it fails to run at the point;
  ///   ``InspectionError/notANumber(expression:result:)`` when it gives neither a number nor
  ///   a `Value`.
  /// - Complexity: 1 + 2k evaluations of the expression for k variables.
  public init(
    _ expression: String, at point: [Variable], h: Double = 1e-8,
    output: (String) -> Void = { _ in }, evaluate: Evaluate
  ) throws(InspectionError) {
    try Self.validate(expression, point, h)
    self.expression = expression
    self.point = point
    self.h = h
    let base = try Self.evaluate(
      expression, at: point, backward: true, output: output, using: evaluate)
    value = base.result
    var partials: [Partial] = []
    var notes: [String] = []
    for (index, variable) in point.enumerated() {
      func moved(by step: Double) -> Double {
        var shifted = point
        shifted[index] = Variable(name: variable.name, value: variable.value + step)
        do {
          return try Self.evaluate(
            expression, at: shifted, backward: false, output: { _ in }, using: evaluate
          ).result
        } catch {
          let at = "\(variable.name) = \(NumberText.full(variable.value + step))"
          notes.append("f is not defined at \(at): \(Self.firstLine(of: error.description))")
          return .nan
        }
      }
      let above = moved(by: h)
      let below = moved(by: -h)
      let leaf = base.leaves[index]
      partials.append(
        Partial(
          variable: variable, forward: (above - value) / h, central: (above - below) / (2 * h),
          autograd: leaf?.grad ?? 0, dependsOnVariable: leaf != nil))
    }
    self.partials = partials
    self.notes = notes
  }

  /// The name the result is bound to in the generated script.
  private static func resultName(_ point: [Variable]) -> String {
    var name = "f"
    var suffix = 0
    while point.contains(where: { $0.name == name }) {
      suffix += 1
      name = "f\(suffix)"
    }
    return name
  }

  private static func evaluate(
    _ expression: String, at point: [Variable], backward: Bool, output: (String) -> Void,
    using evaluate: Evaluate
  ) throws(InspectionError) -> (result: Double, leaves: [Value?]) {
    let name = resultName(point)
    var source = ""
    for variable in point {
      source +=
        "\(variable.name) = Value(\(PythonFormat.float(variable.value)), label='\(variable.name)')\n"
    }
    let prefix = "\(name) = "
    source += prefix + expression + "\nprint(\(name))\n"
    let run = try evaluate(source, point.count + 1, prefix)
    var lines = run.printed
    let printed = lines.popLast() ?? ""
    lines.forEach(output)
    guard printed.hasPrefix("Value("), let root = run.root else {
      guard let number = Double(printed) else {
        throw .notANumber(expression: expression, result: printed)
      }
      return (result: number, leaves: point.map { _ in nil })
    }
    var leaves: [Value?] = point.map { _ in nil }
    if backward {
      root.backward()
      let trace = Trace(root: root)
      for (index, variable) in point.enumerated() {
        leaves[index] = (0..<root.tape.count).lazy.map { Value(tape: root.tape, id: $0) }
          .first { $0.operation == .leaf && $0.label == variable.name }
          .flatMap { trace.contains($0) ? $0 : nil }
      }
    }
    return (result: root.data, leaves: leaves)
  }

  private static func firstLine(of text: String) -> String {
    let first = text.prefix { $0 != "\n" }
    // `<expr>:1:5: error: math domain error` -> `math domain error`
    if let range = first.range(of: "error: ") { return String(first[range.upperBound...]) }
    return String(first)
  }
}
