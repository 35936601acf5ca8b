import Foundation

extension Value {
  /// The hyperbolic tangent.
  ///
  /// ```
  /// t = tanh(a)    dt/da = 1 - t²
  /// ```
  /// Computed with the C library's `tanh`, which is exact to the last bit and never overflows:
  /// `tanh(800)` is 1 with derivative 0. (The walkthrough's `(exp(2a) - 1)/(exp(2a) + 1)`
  /// gives inf/inf = NaN for a > 354.)
  public func tanh() -> Value {
    Value.unary(.tanh, self)
  }

  /// The exponential.
  ///
  /// ```
  /// e = exp(a)     de/da = e
  /// ```
  /// Overflows to inf for a > 709.78, as IEEE 754 does.
  public func exp() -> Value {
    Value.unary(.exp, self)
  }

  /// The rectified linear unit, micrograd's `relu`.
  ///
  /// ```
  /// r = max(0, a)  dr/da = 1 if a > 0, else 0 (0 at a = 0, as micrograd)
  /// ```
  /// `relu(-2)` is `0.0`; a NaN stays NaN.
  public func relu() -> Value {
    Value.unary(.relu, self)
  }

  /// The logistic sigmoid.
  ///
  /// ```
  /// s = σ(a) = 1 / (1 + exp(-a))     ds/da = s · (1 - s)
  /// ```
  /// Computed without overflow at either end (as `exp(a) / (1 + exp(a))` for a < 0):
  /// `sigmoid(-800)` is 0 and `sigmoid(800)` is 1, both with derivative 0.
  public func sigmoid() -> Value {
    Value.unary(.sigmoid, self)
  }

  /// The sine, with `data` in radians.
  ///
  /// ```
  /// s = sin(a)     ds/da = cos(a)
  /// ```
  public func sin() -> Value {
    Value.unary(.sin, self)
  }

  /// The natural logarithm.
  ///
  /// ```
  /// l = ln(a)      dl/da = 1/a
  /// ```
  /// - Throws: ``DomainError/logOfNonPositive(_:)`` when `data <= 0` (where the log is -inf
  ///   or NaN); nothing is recorded then. A NaN argument gives a NaN result.
  public func log() throws(DomainError) -> Value {
    try Operation.Kind.log.checkDomain(data, 0, operand: 0)
    return Value.unary(.log, self)
  }
}
