/// An operation asked for a number outside its domain, where the result would be an infinity
/// or NaN with no meaning (or, in Python, a complex number).
///
/// The checked operations throw it: ``Value/log()``, ``Value/divided(by:)-(Value)``,
/// ``Value/raised(to:)-(Double)``, ``Value/raised(to:)-(Value)`` and
/// ``Tape/checkedForward(through:)``. The plain operators (`/`, `**`, `pow`) never throw: like
/// `Double`, they follow IEEE 754 and give ±inf or NaN. Infinities and NaN that arise
/// otherwise (`exp(800)`, a sum of infinities) are not errors either; they are shown as such.
///
/// Each case names the operation it came from, and ``description`` says what went wrong in
/// the words Python uses where Python has them.
public enum DomainError: Error, Hashable, Sendable, CustomStringConvertible {
  /// `a / b` with `b == 0` (including `0 / 0`).
  case divisionByZero(dividend: Double)
  /// `log(a)` with `a <= 0`.
  case logOfNonPositive(Double)
  /// `0 ** k` with `k < 0`, for a number or a ``Value`` exponent.
  case zeroToNegativePower(exponent: Double)
  /// `a ** k` with `a < 0` and a number `k` that is not an integer.
  case negativeBaseToFractionalPower(base: Double, exponent: Double)
  /// `a ** b` with a ``Value`` exponent and `a < 0`: the derivative `a^b · ln a` with respect
  /// to `b` needs a positive base, whatever `b` is.
  case negativeBaseToValuePower(base: Double, exponent: Double)

  /// The operation that failed, as ``Operation/symbol`` names it: `/`, `log` or `**`.
  public var operation: String {
    switch self {
    case .divisionByZero: "/"
    case .logOfNonPositive: "log"
    case .zeroToNegativePower, .negativeBaseToFractionalPower, .negativeBaseToValuePower: "**"
    }
  }

  /// What went wrong, naming the operation and its operands:
  /// `division by zero: 1.0 / 0.0`, `math domain error: log(-1.0)`,
  /// `0.0 cannot be raised to a negative power: 0.0 ** -1`.
  public var description: String {
    switch self {
    case .divisionByZero(let a):
      "division by zero: \(PythonFormat.float(a)) / 0.0"
    case .logOfNonPositive(let a):
      "math domain error: log(\(PythonFormat.float(a))) (log needs a positive number)"
    case .zeroToNegativePower(let k):
      "0.0 cannot be raised to a negative power: 0.0 ** \(PythonFormat.number(k))"
    case .negativeBaseToFractionalPower(let a, let k):
      "a negative number cannot be raised to a fractional power: "
        + "\(PythonFormat.float(a)) ** \(PythonFormat.number(k)) (the result would be complex)"
    case .negativeBaseToValuePower(let a, let b):
      "a negative number cannot be raised to a Value power: "
        + "\(PythonFormat.float(a)) ** \(PythonFormat.number(b)) "
        + "(d/db a**b = a**b * ln(a) needs a > 0)"
    }
  }
}
