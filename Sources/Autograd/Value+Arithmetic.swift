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
  private static func binary(_ kind: Operation.Kind, _ lhs: Value, _ rhs: Value) -> Value {
    precondition(lhs.tape === rhs.tape, "cannot combine values recorded on different tapes")
    let data = kind.forward(lhs.data, rhs.data, operand: 0)
    return Value(tape: lhs.tape, id: lhs.tape.append(kind, data: data, inputs: lhs.id, rhs.id))
  }

  @inline(__always)
  package static func unary(_ kind: Operation.Kind, _ x: Value, operand: Double = 0) -> Value {
    let data = kind.forward(x.data, 0, operand: operand)
    return Value(tape: x.tape, id: x.tape.append(kind, data: data, operand: operand, inputs: x.id))
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

  /// Quotient. Division by zero follows IEEE 754 (±inf or NaN); the script language reports it
  /// as an error before it gets here.
  ///
  /// ```
  /// c = a / b      dc/da = 1/b    dc/db = -a/b²
  /// ```
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
  /// c = a ** k     dc/da = k · a^(k-1)
  /// ```
  public static func ** (base: Value, exponent: Double) -> Value {
    unary(.power, base, operand: exponent)
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

/// `base ** exponent`, as Python's `pow(base, exponent)`.
public func pow(_ base: Value, _ exponent: Double) -> Value { base ** exponent }
