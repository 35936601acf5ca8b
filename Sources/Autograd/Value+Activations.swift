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
  /// `relu(-2)` is `0.0`.
  public func relu() -> Value {
    Value.unary(.relu, self)
  }
}
