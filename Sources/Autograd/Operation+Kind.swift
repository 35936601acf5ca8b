extension Operation.Kind {
  /// The rule of this kind, for questions asked once per node rather than in an inner loop
  /// (symbols, arity, notation).
  package var rule: any OperationRule.Type { accept(RuleOf()) }

  /// The node's symbol as micrograd writes it in `_op`; see ``Operation/symbol``.
  package func symbol(operand: Double) -> String { rule.symbol(operand: operand) }

  /// Whether a node of this kind is a leaf, a constant or made by an operation.
  package var role: Operation.Role { rule.role }

  /// The output of an operation with at most two inputs, from their data `a`, `b` and the
  /// number operand; see each rule's formula. `sum` and `dot` give their two-input case
  /// (`a + b`, `a * b`).
  @inline(__always)
  package func forward(_ a: Double, _ b: Double, operand: Double) -> Double {
    accept(Forward(x: NumberOperands(a, b), operand: operand))
  }

  /// Checks that an operation with at most two inputs is defined at `a`, `b` and `operand`.
  ///
  /// - Throws: ``DomainError`` for `/` by 0, `log` of a number `<= 0`, `0 ** k` with `k < 0`,
  ///   a negative number to a fractional number power, a negative number to a `Value` power.
  @inline(__always)
  package func checkDomain(_ a: Double, _ b: Double, operand: Double) throws(DomainError) {
    if let error = accept(DomainCheck(x: NumberOperands(a, b), operand: operand)) { throw error }
  }
}

/// The rule itself.
private struct RuleOf: OperationVisitor {
  func visit<Rule: OperationRule>(_ rule: Rule.Type) -> any OperationRule.Type { rule }
}

/// A rule's forward formula at `x`.
struct Forward<X: OperandData>: OperationVisitor {
  let x: X
  let operand: Double

  @inline(__always)
  func visit<Rule: OperationRule>(_ rule: Rule.Type) -> Double {
    Rule.forward(x, operand: operand)
  }
}

/// A rule's domain check at `x`: the error, or `nil` where it is defined.
struct DomainCheck<X: OperandData>: OperationVisitor {
  let x: X
  let operand: Double

  @inline(__always)
  func visit<Rule: OperationRule>(_ rule: Rule.Type) -> DomainError? {
    do throws(DomainError) {
      try Rule.checkDomain(x, operand: operand)
      return nil
    } catch {
      return error
    }
  }
}

/// A rule's local derivatives at `x`, collected in input order.
struct LocalDerivatives<X: OperandData>: OperationVisitor {
  let x: X
  let operand: Double
  let output: Double

  func visit<Rule: OperationRule>(_ rule: Rule.Type) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(x.count)
    Rule.partials(x, operand: operand, output: output) { _, derivative in
      result.append(derivative)
    }
    return result
  }
}
