import Foundation

extension Operations {
  /// The hyperbolic tangent, as the lecture's `Value.tanh`.
  ///
  /// ```
  /// t = tanh(a)    dt/da = 1 - t²
  /// ```
  /// Computed with the C library's `tanh`, which never overflows: `tanh(800)` is 1 with
  /// derivative 0. (The lecture's `(exp(2a) - 1)/(exp(2a) + 1)` gives inf/inf = NaN for
  /// a > 354.)
  package enum Tanh: OperationRule {
    package static let name = "tanh"
    package static let arity = Operation.Arity.exactly(1)
    package static let zeroDerivative = Operation.ZeroDerivative.saturates(derivative: "1 - tanh²")

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.tanh(x[0])
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, 1 - output * output)
    }
  }

  /// The exponential, as the lecture's `Value.exp`. Overflows to inf for a > 709.78, as
  /// IEEE 754 does.
  ///
  /// ```
  /// e = exp(a)     de/da = e
  /// ```
  package enum Exp: OperationRule {
    package static let name = "exp"
    package static let arity = Operation.Arity.exactly(1)

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.exp(x[0])
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, output)
    }
  }

  /// The rectified linear unit, micrograd's `relu`: `0 if a < 0 else a`, so `relu(-2)` is
  /// `0.0` and a NaN stays NaN.
  ///
  /// ```
  /// r = max(0, a)  dr/da = 1 if a > 0, else 0 (0 at a = 0, as micrograd)
  /// ```
  package enum ReLU: OperationRule {
    package static let name = "ReLU"
    package static let arity = Operation.Arity.exactly(1)
    package static let zeroDerivative = Operation.ZeroDerivative.deadBelowZero

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      let a = x[0]
      return a < 0 ? 0 : a
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, x[0] > 0 ? 1 : 0)
    }
  }

  /// The natural logarithm (micrograd has none; the derivative is the textbook `1/a`).
  ///
  /// ```
  /// l = ln(a)      dl/da = 1/a
  /// ```
  package enum Log: OperationRule {
    package static let name = "log"
    package static let arity = Operation.Arity.exactly(1)

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.log(x[0])
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, 1 / x[0])
    }

    /// - Throws: ``DomainError/logOfNonPositive(_:)`` when `a <= 0` (where the log is -inf
    ///   or NaN); a NaN argument is not an error and gives NaN.
    @inline(__always)
    package static func checkDomain(_ x: some OperandData, operand: Double) throws(DomainError) {
      let a = x[0]
      if !(a > 0) && !a.isNaN { throw .logOfNonPositive(a) }
    }
  }

  /// The logistic sigmoid (micrograd has none; the derivative is the textbook `σ·(1 - σ)`).
  ///
  /// ```
  /// s = σ(a) = 1 / (1 + exp(-a))     ds/da = s · (1 - s)
  /// ```
  /// Computed without overflow at either end, as `exp(a) / (1 + exp(a))` for a < 0:
  /// `sigmoid(-800)` is 0 and `sigmoid(800)` is 1, both with derivative 0.
  package enum Sigmoid: OperationRule {
    package static let name = "sigmoid"
    package static let arity = Operation.Arity.exactly(1)
    package static let zeroDerivative = Operation.ZeroDerivative.saturates(derivative: "s·(1 - s)")

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      let a = x[0]
      if a >= 0 { return 1 / (1 + Foundation.exp(-a)) }
      let e = Foundation.exp(a)
      return e / (1 + e)
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, output * (1 - output))
    }
  }

  /// The sine, `a` in radians (micrograd has none; the derivative is the textbook `cos a`).
  ///
  /// ```
  /// s = sin(a)     ds/da = cos(a)
  /// ```
  /// Computed with the C library's `sin`; `sin(±inf)` is NaN.
  package enum Sin: OperationRule {
    package static let name = "sin"
    package static let arity = Operation.Arity.exactly(1)

    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double {
      Foundation.sin(x[0])
    }

    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {
      body(0, Foundation.cos(x[0]))
    }
  }
}
