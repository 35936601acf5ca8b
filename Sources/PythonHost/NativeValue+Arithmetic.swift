import Autograd
import CPython
import Foundation

/// The arithmetic dunders, forward and reflected, through the engine's operators. A number on
/// either side becomes a constant node, as micrograd's `Value(other)`; anything else gives
/// `NotImplemented`, so Python tries the other operand and then raises `TypeError`.
extension NativeValue {
  typealias Object = UnsafeMutablePointer<PyObject>
  typealias Binary = @convention(c) (Object?, Object?) -> Object?

  /// The other operand of a binary operation: a node of the same run, or a number.
  enum Operand {
    case node(Int)
    /// A number and whether Python holds it as an `int`.
    case number(Double, isInt: Bool)
  }

  enum BinaryOperation {
    case add, subtract, multiply, divide, power
  }

  /// Runs `body` with the run tape and node of a `Value` object, without reference-count
  /// traffic (the object keeps its run tape alive).
  @inline(__always)
  static func withHandle<R>(_ object: Object, _ body: (RunTape, Int) -> R) -> R {
    let f = fields(object)
    let node = f.pointee.node
    return Unmanaged<RunTape>.fromOpaque(f.pointee.run)._withUnsafeGuaranteedRef {
      body($0, node)
    }
  }

  /// `a ⊕ b` for either flavour, called through a number slot for `a ⊕ b` or, reflected, for
  /// `b ⊕ a` with a number `a`; `NotImplemented` for operands that are not Values or numbers
  /// (or Values of another run).
  @inline(__always)
  static func binary(_ operation: BinaryOperation, _ a: Object?, _ b: Object?) -> Object? {
    guard let a, let b else { return Python.newNotImplemented() }
    let object: Object
    let other: Operand
    let reflected: Bool
    if isValue(a) {
      object = a
      reflected = false
      if isValue(b) {
        guard fields(a).pointee.run == fields(b).pointee.run else {
          return Python.newNotImplemented()
        }
        other = .node(fields(b).pointee.node)
      } else if Arguments.isNumber(b) {
        other = .number(PyFloat_AsDouble(b), isInt: Python.isInt(b))
      } else {
        return Python.newNotImplemented()
      }
    } else if isValue(b), Arguments.isNumber(a) {
      object = b
      reflected = true
      other = .number(PyFloat_AsDouble(a), isInt: Python.isInt(a))
    } else {
      return Python.newNotImplemented()
    }
    let flavour = flavour(object)
    return withHandle(object) { run, node -> Object? in
      do throws(DomainError) {
        let id =
          switch flavour {
          case .plain: try plain(operation, node, other, reflected: reflected, on: run.tape)
          case .micrograd:
            try micrograd(operation, node, other, reflected: reflected, on: run)
          }
        guard let id else { return Python.newNotImplemented() }
        return NativeValue.object(for: id, on: run, flavour: flavour)
      } catch {
        return raise(error)
      }
    }
  }

  /// The engine's own operations: one node per operator, a number on the left recorded on
  /// the left. Returns the new node; a domain error records nothing.
  @inline(__always)
  static func plain(
    _ operation: BinaryOperation, _ x: Int, _ other: Operand, reflected: Bool, on tape: Tape
  ) throws(DomainError) -> Int? {
    let data = tape.columns.data
    if operation == .power, !reflected, case .number(let k, _) = other {
      try Autograd.Operation.Kind.power.checkDomain(data[x], 0, operand: k)
      return tape.recordUnary(.power, x, operand: k)
    }
    let kind: Autograd.Operation.Kind =
      switch operation {
      case .add: .add
      case .subtract: .subtract
      case .multiply: .multiply
      case .divide: .divide
      case .power: .valuePower
      }
    let y: Int
    switch other {
    case .node(let node):
      y = node
      let (l, r) = reflected ? (y, x) : (x, y)
      try kind.checkDomain(data[l], data[r], operand: 0)
    case .number(let n, _):
      let (l, r) = reflected ? (n, data[x]) : (data[x], n)
      try kind.checkDomain(l, r, operand: 0)
      y = tape.recordConstant(n)
    }
    let (l, r) = reflected ? (y, x) : (x, y)
    return tape.recordBinary(kind, l, r)
  }

  /// micrograd 0.1.0's shapes, from its engine.py:
  /// ```
  /// a - b  = a + (-b)       -b = b * -1     a / b = a * b**-1
  /// n + a  = a + n          n * a = a * n   n - a = (-a) + n    n / a = a**-1 * n
  /// ```
  /// A number's own `-n` and `n**-1` are computed in Python's float arithmetic before they
  /// become a constant, as in micrograd. `a ** b` takes a number only. Returns the new node,
  /// with the new nodes' `int` data marked as micrograd would hold it
  /// (a constant from an `int` when it is recorded, the rest by
  /// ``RunTape/markIntegerData(from:exponentIsInt:)``); a domain error records
  /// nothing.
  @inline(__always)
  static func micrograd(
    _ operation: BinaryOperation, _ x: Int, _ other: Operand, reflected: Bool, on run: RunTape
  ) throws(DomainError) -> Int? {
    let tape = run.tape
    let first = tape.columns.count
    @inline(__always) func constant(_ n: Double, isInt: Bool) -> Int {
      let node = tape.recordConstant(n)
      if isInt { run.intData.insert(node) }
      return node
    }
    @inline(__always) func lift(_ operand: Operand) -> Int {
      switch operand {
      case .node(let node): node
      case .number(let n, let isInt): constant(n, isInt: isInt)
      }
    }
    @inline(__always) func negate(_ node: Int) -> Int {
      tape.recordBinary(.multiply, node, constant(-1, isInt: true))
    }
    var exponentIsInt = false
    let result: Int?
    switch (operation, reflected) {
    case (.add, _): result = tape.recordBinary(.add, x, lift(other))
    case (.multiply, _): result = tape.recordBinary(.multiply, x, lift(other))
    case (.subtract, false):
      if case .number(let n, let isInt) = other {
        result = tape.recordBinary(.add, x, constant(-n, isInt: isInt))
      } else {
        result = tape.recordBinary(.add, x, negate(lift(other)))
      }
    case (.subtract, true): result = tape.recordBinary(.add, negate(x), lift(other))
    case (.divide, false):
      switch other {
      case .node(let v):
        try Autograd.Operation.Kind.power.checkDomain(tape.columns.data[v], 0, operand: -1)
        result = tape.recordBinary(.multiply, x, tape.recordUnary(.power, v, operand: -1))
      case .number(let n, _):
        try Autograd.Operation.Kind.power.checkDomain(n, 0, operand: -1)
        result = tape.recordBinary(.multiply, x, tape.recordConstant(Foundation.pow(n, -1)))
      }
    case (.divide, true):
      try Autograd.Operation.Kind.power.checkDomain(tape.columns.data[x], 0, operand: -1)
      result = tape.recordBinary(
        .multiply, tape.recordUnary(.power, x, operand: -1), lift(other))
    case (.power, false):
      guard case .number(let k, let isInt) = other else { return nil }
      try Autograd.Operation.Kind.power.checkDomain(tape.columns.data[x], 0, operand: k)
      exponentIsInt = isInt
      result = tape.recordUnary(.power, x, operand: k)
    case (.power, true): return nil
    }
    if !run.intData.isEmpty {
      run.markIntegerData(from: first, exponentIsInt: exponentIsInt)
    }
    return result
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
    let flavour = flavour(object)
    return withHandle(object) { run, node -> Object? in
      let tape = run.tape
      let id: Int
      if flavour == .micrograd {
        let first = tape.columns.count
        let minusOne = tape.recordConstant(-1)
        run.intData.insert(minusOne)
        id = tape.recordBinary(.multiply, node, minusOne)
        run.markIntegerData(from: first, exponentIsInt: false)
      } else {
        id = tape.recordUnary(.negate, node)
      }
      return NativeValue.object(for: id, on: run, flavour: flavour)
    }
  }
}
