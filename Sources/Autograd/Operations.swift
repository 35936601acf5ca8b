import Foundation

/// The engine's operations, one rule each (see ``OperationRule``). The formulas are those of
/// micrograd's `engine.py` and the lecture's `Value` where those have the operation; the
/// others are the textbook derivatives, cited on each rule.
package enum Operations {}

extension Operations {
  /// A value created directly, such as `Value(2.0)`: an input or a parameter. It has no
  /// inputs and keeps its own data.
  package enum Leaf: OperationRule {
    package static let name = ""
    package static let displayName = "leaf"
    package static let arity = Operation.Arity.none
    package static let role = Operation.Role.leaf

    /// Not used: a leaf keeps the data it holds.
    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { operand }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {}
  }

  /// A number literal taken into the graph, as in `2 * x` (micrograd wraps it in a `Value`);
  /// its operand is its value.
  package enum Constant: OperationRule {
    package static let name = ""
    package static let displayName = "constant"
    package static let arity = Operation.Arity.none
    package static let role = Operation.Role.constant

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { operand }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {}
  }

  /// Sum, micrograd's `__add__`.
  ///
  /// ```
  /// c = a + b      dc/da = 1    dc/db = 1
  /// ```
  package enum Add: OperationRule {
    package static let name = "+"
    package static let displayName = "addition"
    package static let arity = Operation.Arity.exactly(2)
    package static let notation = Operation.Notation.infix

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { x[0] + x[1] }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, 1)
      body(1, 1)
    }
  }

  /// Difference, one node (micrograd's `__sub__` records `a + (-b)`, the same numbers).
  ///
  /// ```
  /// c = a - b      dc/da = 1    dc/db = -1
  /// ```
  package enum Subtract: OperationRule {
    package static let name = "-"
    package static let displayName = "subtraction"
    package static let arity = Operation.Arity.exactly(2)
    package static let notation = Operation.Notation.infix

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { x[0] - x[1] }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, 1)
      body(1, -1)
    }
  }

  /// Product, micrograd's `__mul__` (the product rule).
  ///
  /// ```
  /// c = a * b      dc/da = b    dc/db = a
  /// ```
  package enum Multiply: OperationRule {
    package static let name = "*"
    package static let displayName = "multiplication"
    package static let arity = Operation.Arity.exactly(2)
    package static let notation = Operation.Notation.infix
    package static let zeroDerivative = Operation.ZeroDerivative.otherFactorIsZero

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { x[0] * x[1] }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, x[1])
      body(1, x[0])
    }
  }

  /// Quotient, one node (micrograd's `__truediv__` records `a * b**-1`). Division by zero
  /// follows IEEE 754 (±inf, NaN for `0 / 0`); the checked form throws.
  ///
  /// ```
  /// c = a / b      dc/da = 1/b    dc/db = -a/b²
  /// ```
  package enum Divide: OperationRule {
    package static let name = "/"
    package static let displayName = "division"
    package static let arity = Operation.Arity.exactly(2)
    package static let notation = Operation.Notation.infix

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { x[0] / x[1] }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      let b = x[1]
      body(0, 1 / b)
      body(1, -x[0] / (b * b))
    }

    /// - Throws: ``DomainError/divisionByZero(dividend:)`` when `b == 0`.
    @inline(__always)
    package static func checkDomain(_ x: some OperandData, operand: Double) throws(DomainError) {
      if x[1] == 0 { throw .divisionByZero(dividend: x[0]) }
    }
  }

  /// Negation, one node (micrograd's `__neg__` records `a * -1`, the same numbers).
  ///
  /// ```
  /// c = -a         dc/da = -1
  /// ```
  package enum Negate: OperationRule {
    package static let name = "neg"
    package static let displayName = "negation"
    package static let arity = Operation.Arity.exactly(1)

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { -x[0] }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, -1)
    }
  }

  /// Power with a number exponent `k`, the operand: micrograd's `__pow__` (the power rule),
  /// with micrograd's symbol `**k` (`**2`, `**-1`, `**0.5`: the number as Python prints it).
  ///
  /// ```
  /// c = a ** k     dc/da = k · a^(k-1)     (0 when k = 0, even at a = 0)
  /// ```
  /// Outside the domain it follows IEEE 754 as `Foundation.pow` does: `0 ** -1` is inf,
  /// `(-8) ** 0.5` is NaN; the checked form throws.
  package enum Power: OperationRule {
    package static let name = "**"
    package static let displayName = "power"
    package static let arity = Operation.Arity.exactly(1)
    package static let notation = Operation.Notation.postfix

    package static func symbol(operand: Double) -> String { name + PythonFormat.number(operand) }

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.pow(x[0], operand)
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand k: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, k == 0 ? 0 : k * Foundation.pow(x[0], k - 1))
    }

    /// - Throws: ``DomainError/zeroToNegativePower(exponent:)`` for `0 ** k` with `k < 0`;
    ///   ``DomainError/negativeBaseToFractionalPower(base:exponent:)`` for `a < 0` and a
    ///   finite `k` that is not an integer (Python would give a complex number).
    @inline(__always)
    package static func checkDomain(_ x: some OperandData, operand k: Double) throws(DomainError) {
      let a = x[0]
      if a == 0 && k < 0 { throw .zeroToNegativePower(exponent: k) }
      if a < 0 && k.isFinite && k != k.rounded() {
        throw .negativeBaseToFractionalPower(base: a, exponent: k)
      }
    }
  }

  /// Power with a ``Value`` exponent: both base and exponent get gradients (the power rule
  /// and the exponential rule, `d/db a^b = a^b · ln a`). micrograd has no such node.
  ///
  /// ```
  /// c = a ** b     dc/da = b · a^(b-1)     dc/db = a^b · ln a
  /// ```
  /// `dc/da` is 0 when `b = 0`. At `a = 0`, `dc/db` is the limit from above: 0 when `b > 0`
  /// (`0^b` is 0 for every positive `b`), -inf when `b <= 0`.
  package enum ValuePower: OperationRule {
    package static let name = "**"
    package static let displayName = "power"
    package static let arity = Operation.Arity.exactly(2)
    package static let notation = Operation.Notation.infix

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.pow(x[0], x[1])
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      let a = x[0]
      let b = x[1]
      body(0, b == 0 ? 0 : b * Foundation.pow(a, b - 1))
      body(1, a == 0 ? (b > 0 ? 0 : -Double.infinity) : output * Foundation.log(a))
    }

    /// - Throws: ``DomainError/negativeBaseToValuePower(base:exponent:)`` for `a < 0`
    ///   (whatever `b` is); ``DomainError/zeroToNegativePower(exponent:)`` for `0 ** b` with
    ///   `b < 0`.
    @inline(__always)
    package static func checkDomain(_ x: some OperandData, operand: Double) throws(DomainError) {
      let a = x[0]
      let b = x[1]
      if a < 0 { throw .negativeBaseToValuePower(base: a, exponent: b) }
      if a == 0 && b < 0 { throw .zeroToNegativePower(exponent: b) }
    }
  }
}
