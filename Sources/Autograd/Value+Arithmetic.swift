import Foundation

precedencegroup ExponentiationPrecedence {
  associativity: right
  higherThan: MultiplicationPrecedence
}

/// Python's power operator: `x ** 2` is `pow(x, 2)`.
infix operator ** : ExponentiationPrecedence

extension Value {
  /// Records a binary operation; both operands must be on the same tape.
  @inline(__always)
  static func binary(_ kind: Operation.Kind, _ lhs: Value, _ rhs: Value) -> Value {
    let tape = lhs.tape
    precondition(tape === rhs.tape, "cannot combine values recorded on different tapes")
    tape.check(lhs.id)
    tape.check(rhs.id)
    return Value(recorded: tape.recordBinary(kind, lhs.id, rhs.id), on: tape)
  }

  /// Records a one-input operation with number operand `operand`.
  @inline(__always)
  static func unary(_ kind: Operation.Kind, _ x: Value, operand: Double = 0) -> Value {
    let tape = x.tape
    tape.check(x.id)
    return Value(recorded: tape.recordUnary(kind, x.id, operand: operand), on: tape)
  }

  /// Sum.
  ///
  /// ```
  /// c = a + b      dc/da = 1    dc/db = 1
  /// ```
  public static func + (lhs: Value, rhs: Value) -> Value {
    binary(.add, lhs, rhs)
  }

  /// Difference.
  ///
  /// ```
  /// c = a - b      dc/da = 1    dc/db = -1
  /// ```
  public static func - (lhs: Value, rhs: Value) -> Value {
    binary(.subtract, lhs, rhs)
  }

  /// Product.
  ///
  /// ```
  /// c = a * b      dc/da = b    dc/db = a
  /// ```
  public static func * (lhs: Value, rhs: Value) -> Value {
    binary(.multiply, lhs, rhs)
  }

  /// Quotient.
  ///
  /// ```
  /// c = a / b      dc/da = 1/b    dc/db = -a/b²
  /// ```
  /// Division by zero follows IEEE 754, as `Double` does: ±inf, or NaN for `0 / 0`. Use
  /// ``divided(by:)-(Value)`` to get a ``DomainError`` instead.
  public static func / (lhs: Value, rhs: Value) -> Value {
    binary(.divide, lhs, rhs)
  }

  /// Negation.
  ///
  /// ```
  /// c = -a         dc/da = -1
  /// ```
  public static prefix func - (x: Value) -> Value {
    unary(.negate, x)
  }

  /// Power with a number exponent (the power rule).
  ///
  /// ```
  /// c = a ** k     dc/da = k · a^(k-1)     (0 when k = 0)
  /// ```
  /// Outside the domain it follows IEEE 754 as `Foundation.pow` does: `0 ** -1` is inf,
  /// `(-8) ** 0.5` is NaN. Use ``raised(to:)-(Double)`` to get a ``DomainError`` instead.
  public static func ** (base: Value, exponent: Double) -> Value {
    unary(.power, base, operand: exponent)
  }

  /// Power with a ``Value`` exponent: both base and exponent get gradients.
  ///
  /// ```
  /// c = a ** b     dc/da = b · a^(b-1)     dc/db = a^b · ln a
  /// ```
  /// The derivative with respect to `b` needs `a > 0` (at `a = 0` it is taken as the limit
  /// from above: 0 for `b > 0`). For a negative base this operator gives NaN, as IEEE 754
  /// does; use ``raised(to:)-(Value)`` to get a ``DomainError`` instead.
  public static func ** (base: Value, exponent: Value) -> Value {
    binary(.valuePower, base, exponent)
  }

  /// A number raised to a ``Value`` power, as in `2 ** x`; the number becomes a constant.
  public static func ** (base: Double, exponent: Value) -> Value {
    constant(base, on: exponent.tape) ** exponent
  }

  public static func + (lhs: Value, rhs: Double) -> Value { lhs + constant(rhs, on: lhs.tape) }
  public static func + (lhs: Double, rhs: Value) -> Value { constant(lhs, on: rhs.tape) + rhs }
  public static func - (lhs: Value, rhs: Double) -> Value { lhs - constant(rhs, on: lhs.tape) }
  public static func - (lhs: Double, rhs: Value) -> Value { constant(lhs, on: rhs.tape) - rhs }
  public static func * (lhs: Value, rhs: Double) -> Value { lhs * constant(rhs, on: lhs.tape) }
  public static func * (lhs: Double, rhs: Value) -> Value { constant(lhs, on: rhs.tape) * rhs }
  public static func / (lhs: Value, rhs: Double) -> Value { lhs / constant(rhs, on: lhs.tape) }
  public static func / (lhs: Double, rhs: Value) -> Value { constant(lhs, on: rhs.tape) / rhs }

  public static func += (lhs: inout Value, rhs: Value) { lhs = lhs + rhs }
  public static func -= (lhs: inout Value, rhs: Value) { lhs = lhs - rhs }
  public static func *= (lhs: inout Value, rhs: Value) { lhs = lhs * rhs }
  public static func /= (lhs: inout Value, rhs: Value) { lhs = lhs / rhs }
}

// MARK: - Checked operations

extension Value {
  /// Quotient, with an error for division by zero.
  ///
  /// ```
  /// c = a / b      dc/da = 1/b    dc/db = -a/b²
  /// ```
  /// For a number on the left, divide a constant: `try Value.constant(1, on: x.tape).divided(by: x)`.
  ///
  /// - Throws: ``DomainError/divisionByZero(dividend:)`` when `divisor.data` is 0; nothing is
  ///   recorded then.
  public func divided(by divisor: Value) throws(DomainError) -> Value {
    try Operation.Kind.divide.checkDomain(data, divisor.data, operand: 0)
    return self / divisor
  }

  /// Quotient by a number, which becomes a constant; see ``divided(by:)-(Value)``.
  ///
  /// - Throws: ``DomainError/divisionByZero(dividend:)`` when `divisor` is 0.
  public func divided(by divisor: Double) throws(DomainError) -> Value {
    try Operation.Kind.divide.checkDomain(data, divisor, operand: 0)
    return self / divisor
  }

  /// Power with a number exponent, with an error outside the real numbers.
  ///
  /// ```
  /// c = a ** k     dc/da = k · a^(k-1)
  /// ```
  /// - Throws: ``DomainError/zeroToNegativePower(exponent:)`` for `0 ** k` with `k < 0`;
  ///   ``DomainError/negativeBaseToFractionalPower(base:exponent:)`` for a negative base and
  ///   a `k` that is not an integer (Python would give a complex number). Nothing is recorded
  ///   then.
  public func raised(to exponent: Double) throws(DomainError) -> Value {
    try Operation.Kind.power.checkDomain(data, 0, operand: exponent)
    return self ** exponent
  }

  /// Power with a ``Value`` exponent, with an error where `dc/db = a^b · ln a` is undefined.
  ///
  /// ```
  /// c = a ** b     dc/da = b · a^(b-1)     dc/db = a^b · ln a
  /// ```
  /// - Throws: ``DomainError/negativeBaseToValuePower(base:exponent:)`` for a negative base
  ///   (whatever the exponent); ``DomainError/zeroToNegativePower(exponent:)`` for `0 ** b`
  ///   with `b < 0`. Nothing is recorded then.
  public func raised(to exponent: Value) throws(DomainError) -> Value {
    try Operation.Kind.valuePower.checkDomain(data, exponent.data, operand: 0)
    return self ** exponent
  }
}

/// `base ** exponent`, as Python's `pow(base, exponent)`.
public func pow(_ base: Value, _ exponent: Double) -> Value { base ** exponent }

/// `base ** exponent` with a ``Value`` exponent, as Python's `pow(base, exponent)`.
public func pow(_ base: Value, _ exponent: Value) -> Value { base ** exponent }
