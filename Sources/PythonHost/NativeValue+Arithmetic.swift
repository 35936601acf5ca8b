import Autograd
import CPython
import Foundation

/// The arithmetic dunders, forward and reflected, through the engine's operators. A number on
/// either side becomes a constant node, as micrograd's `Value(other)`; anything else gives
/// `NotImplemented`, so Python tries the other operand and then raises `TypeError`.
extension NativeValue {
  typealias Object = UnsafeMutablePointer<PyObject>
  typealias Binary = @convention(c) (Object?, Object?) -> Object?

  /// What an operand of a binary operation is.
  enum Operand {
    case value(Value)
    case number(Double)
  }

  enum BinaryOperation {
    case add, subtract, multiply, divide, power
  }

  /// The operands of `a ⊕ b` called through a number slot: the `Value` it was called for and
  /// the other operand, and whether the call is reflected (`2 + v`).
  @inline(__always)
  static func operands(_ a: Object, _ b: Object) -> (self: Object, other: Operand, reflected: Bool)?
  {
    if isValue(a) {
      if isValue(b) {
        let (runA, _) = handle(a)
        let (runB, _) = handle(b)
        guard runA === runB else { return nil }
        return (a, .value(value(b)), false)
      }
      guard Arguments.isNumber(b) else { return nil }
      return (a, .number(PyFloat_AsDouble(b)), false)
    }
    guard isValue(b), Arguments.isNumber(a) else { return nil }
    return (b, .number(PyFloat_AsDouble(a)), true)
  }

  /// `a ⊕ b` for either flavour; `NotImplemented` for operands that are not Values or
  /// numbers.
  static func binary(_ operation: BinaryOperation, _ a: Object?, _ b: Object?) -> Object? {
    guard let a, let b, let (object, other, reflected) = operands(a, b) else {
      return Python.newNotImplemented()
    }
    let x = value(object)
    let flavour = flavour(object)
    let run = handle(object).run
    do {
      let result: Value? =
        switch flavour {
        case .plain: try plain(operation, x, other, reflected: reflected)
        case .micrograd: try micrograd(operation, x, other, reflected: reflected)
        }
      guard let result else { return Python.newNotImplemented() }
      return NativeValue.result(result, run: run, flavour: flavour)
    } catch {
      return raise(error)
    }
  }

  /// The engine's own operations: one node per operator, a number on the left recorded on
  /// the left.
  static func plain(_ operation: BinaryOperation, _ x: Value, _ other: Operand, reflected: Bool)
    throws(DomainError) -> Value?
  {
    let y: Value =
      switch other {
      case .value(let v): v
      case .number(let n): Value.constant(n, on: x.tape)
      }
    let (l, r) = reflected ? (y, x) : (x, y)
    switch operation {
    case .add: return l + r
    case .subtract: return l - r
    case .multiply: return l * r
    case .divide: return try l.divided(by: r)
    case .power:
      if case .number(let k) = other, !reflected { return try x.raised(to: k) }
      return try l.raised(to: r)
    }
  }

  /// micrograd 0.1.0's shapes, from its engine.py:
  /// ```
  /// a - b  = a + (-b)       -b = b * -1     a / b = a * b**-1
  /// n + a  = a + n          n * a = a * n   n - a = (-a) + n    n / a = a**-1 * n
  /// ```
  /// A number's own `-n` and `n**-1` are computed in Python's float arithmetic before they
  /// become a constant, as in micrograd. `a ** b` takes a number only.
  static func micrograd(
    _ operation: BinaryOperation, _ x: Value, _ other: Operand, reflected: Bool
  ) throws(DomainError) -> Value? {
    let tape = x.tape
    func lift(_ operand: Operand) -> Value {
      switch operand {
      case .value(let v): v
      case .number(let n): Value.constant(n, on: tape)
      }
    }
    func negate(_ v: Value) -> Value { v * Value.constant(-1, on: tape) }
    switch (operation, reflected) {
    case (.add, false): return x + lift(other)
    case (.add, true): return x + lift(other)
    case (.multiply, _): return x * lift(other)
    case (.subtract, false):
      if case .number(let n) = other { return x + Value.constant(-n, on: tape) }
      return x + negate(lift(other))
    case (.subtract, true): return negate(x) + lift(other)
    case (.divide, false):
      switch other {
      case .value(let v): return x * (try v.raised(to: -1))
      case .number(let n):
        try Operation.Kind.checkPower(n, -1)
        return x * Value.constant(Foundation.pow(n, -1), on: tape)
      }
    case (.divide, true): return try x.raised(to: -1) * lift(other)
    case (.power, false):
      guard case .number(let k) = other else { return nil }
      return try x.raised(to: k)
    case (.power, true): return nil
    }
  }

  /// Sets the Python exception for an engine error and returns `nil`.
  static func raise(_ error: DomainError) -> Object? {
    switch error {
    case .divisionByZero, .zeroToNegativePower:
      PyErr_SetString(PyExc_ZeroDivisionError, error.description)
    default:
      PyErr_SetString(PyExc_ValueError, error.description)
    }
    return nil
  }

  static let add: Binary = { binary(.add, $0, $1) }
  static let subtract: Binary = { binary(.subtract, $0, $1) }
  static let multiply: Binary = { binary(.multiply, $0, $1) }
  static let divide: Binary = { binary(.divide, $0, $1) }
  static let power: @convention(c) (Object?, Object?, Object?) -> Object? = { a, b, modulo in
    if let modulo, modulo != Python.none {
      return Arguments.typeError("pow() with a modulus is not defined for Value")
    }
    if let a, let b, isValue(a), flavour(a) == .micrograd, isValue(b) {
      PyErr_SetString(PyExc_AssertionError, "only supporting int/float powers for now")
      return nil
    }
    return binary(.power, a, b)
  }

  static let negative: @convention(c) (Object?) -> Object? = { object in
    guard let object else { return nil }
    let x = value(object)
    let flavour = flavour(object)
    let result = flavour == .micrograd ? x * Value.constant(-1, on: x.tape) : -x
    return NativeValue.result(result, run: handle(object).run, flavour: flavour)
  }
}
