import Autograd
import Foundation

/// Arithmetic with Python's semantics.
///
/// Two plain numbers give a plain number: `int` with `int` stays `int` (except `/`, and `**`
/// with a negative exponent), checked for 64-bit overflow; anything with a `float` is a
/// `float`. A `Value` on either side records a node with the engine's operators, a number
/// becoming a constant node. Division by zero, `0 ** -1` and a negative base with a fractional
/// exponent are errors for numbers and `Value`s alike, checked before the engine is called.
extension Evaluator {
  /// `-operand` or `+operand`.
  ///
  /// - Parameter span: the unary expression, whose first character is the operator.
  func unary(_ operation: UnaryOperator, _ operand: Object, at span: SourceSpan)
    throws -> Object
  {
    if operation == .not { return .bool(!operand.isTruthy) }
    let operatorSpan = SourceSpan(start: span.start, end: span.start + 1)
    switch (operation, operand) {
    case (.negate, .value(let value)):
      return .value(-value)
    case (.plus, .value):
      return operand
    case (_, _):
      guard let number = operand.number else {
        throw error(
          "bad operand type for unary \(operation.rawValue): '\(operand.typeName)'",
          at: operatorSpan)
      }
      switch (operation, number) {
      case (.negate, .int(let value)):
        guard value != Int.min else {
          throw overflow("-\(value)", at: operatorSpan)
        }
        return .int(-value)
      case (.negate, .float(let value)):
        return .float(-value)
      case (.plus, _), (.not, _):
        return number.object
      }
    }
  }

  /// `left operation right`.
  ///
  /// - Parameters:
  ///   - operatorSpan: where the operator is written, for type errors and overflow.
  ///   - rightSpan: the right operand, for division by zero and bad exponents.
  func binary(
    _ operation: BinaryOperator, _ left: Object, _ right: Object, operatorSpan: SourceSpan,
    rightSpan: SourceSpan
  ) throws -> Object {
    if let a = left.number, let b = right.number {
      switch (a, b) {
      case (.int(let x), .int(let y)):
        return try integer(operation, x, y, operatorSpan: operatorSpan, rightSpan: rightSpan)
      default:
        return .float(
          try float(operation, a.double, b.double, rightSpan: rightSpan, operatorSpan: operatorSpan)
        )
      }
    }
    if case .value = left {
      return try valueArithmetic(
        operation, left, right, operatorSpan: operatorSpan, rightSpan: rightSpan)
    }
    if case .value = right {
      return try valueArithmetic(
        operation, left, right, operatorSpan: operatorSpan, rightSpan: rightSpan)
    }
    switch (operation, left, right) {
    case (.add, .string(let a), .string(let b)):
      try checkLength(a.utf8.count + b.utf8.count, at: operatorSpan, what: "string")
      try chargeText(a.utf8.count + b.utf8.count, at: operatorSpan)
      return .string(a + b)
    case (.multiply, .string(let text), _) where right.number != nil:
      return try repeated(text, right, at: operatorSpan)
    case (.multiply, _, .string(let text)) where left.number != nil:
      return try repeated(text, left, at: operatorSpan)
    case (.modulo, .string(let template), _):
      return .string(try percentFormat(template, right, at: operatorSpan))
    case (.add, .list(let a), .list(let b)), (.add, .tuple(let a), .tuple(let b)):
      let count = a.elements.count + b.elements.count
      try checkLength(count, at: operatorSpan)
      try charge(count, at: operatorSpan)
      let elements = a.elements + b.elements
      if case .list = left { return makeList(elements) }
      return makeTuple(elements)
    case (.multiply, .list(let storage), _), (.multiply, .tuple(let storage), _):
      return try repeated(storage, left, right, at: operatorSpan)
    case (.multiply, _, .list(let storage)), (.multiply, _, .tuple(let storage)):
      return try repeated(storage, right, left, at: operatorSpan)
    default:
      throw unsupported(operation, left, right, at: operatorSpan)
    }
  }

  private func unsupported(
    _ operation: BinaryOperator, _ left: Object, _ right: Object, at span: SourceSpan
  ) -> ScriptError {
    var notes: [String] = []
    let touchesValue: Bool = {
      if case .value = left { return true }
      if case .value = right { return true }
      return false
    }()
    if touchesValue, [.floorDivide, .modulo].contains(operation) {
      notes = [
        "micrograd's Value has no \(operation.methodName), Python's method for "
          + "\(operation.rawValue); its operations are \(ValueMethod.operationsText)"
      ]
    } else if touchesValue, case .string = left {
      notes = ["to show a Value in text, write f'{x}' or str(x)"]
    } else if touchesValue, case .string = right {
      notes = ["to show a Value in text, write f'{x}' or str(x)"]
    } else if operation == .add, left.number != nil || right.number != nil,
      Self.isText(left) || Self.isText(right)
    {
      notes = ["to put a number in text, write str(n) or an f-string such as f'n = {n}'"]
    }
    return error(
      "unsupported operand type(s) for \(operation.rawValue): '\(left.typeName)' and "
        + "'\(right.typeName)'", at: span, notes: notes)
  }

  private static func isText(_ object: Object) -> Bool {
    if case .string = object { return true }
    return false
  }

  /// A list or tuple repeated `count` times.
  private func repeated(
    _ storage: ListStorage, _ sequence: Object, _ count: Object, at span: SourceSpan
  )
    throws -> Object
  {
    guard let times = count.integer else {
      throw error("can't multiply sequence by non-int of type '\(count.typeName)'", at: span)
    }
    let (length, overflowed) = storage.elements.count.multipliedReportingOverflow(by: max(0, times))
    guard !overflowed else { throw error("list too long", at: span) }
    try checkLength(length, at: span)
    try charge(length, at: span)
    var elements: [Object] = []
    elements.reserveCapacity(length)
    for _ in 0..<max(0, times) { elements += storage.elements }
    if case .list = sequence { return makeList(elements) }
    return makeTuple(elements)
  }

  private func overflow(_ expression: String, at span: SourceSpan) -> ScriptError {
    error(
      "integer overflow: \(expression) does not fit in 64 bits", at: span,
      notes: ["gradviz integers are 64-bit; use a float, such as 2.0, for larger numbers"])
  }

  private func divisionByZero(at span: SourceSpan, divisor: Value? = nil) -> ScriptError {
    let notes = divisor.map { value in
      ["the divisor\(value.label.isEmpty ? "" : " '\(value.label)'") is \(value.description)"]
    }
    return error("division by zero", at: span, notes: notes ?? [])
  }

  /// Checks that `base ** exponent` is defined: not 0 to a negative power, not a negative
  /// number to a fractional power.
  private func checkPower(_ base: Double, _ exponent: Double, rightSpan: SourceSpan)
    throws
  {
    if base == 0, exponent < 0 {
      throw error(
        "division by zero", at: rightSpan,
        notes: ["0.0 cannot be raised to a negative power"])
    }
    if base < 0, exponent.isFinite, exponent != exponent.rounded() {
      throw error(
        "a negative number cannot be raised to a fractional power", at: rightSpan,
        notes: [
          "the base is \(PythonFormat.float(base)) and the exponent "
            + "\(PythonFormat.float(exponent))"
        ])
    }
  }

  /// Checks that `base ** exponent` with a `Value` exponent is defined: its derivative with
  /// respect to the exponent, `base ** exponent · ln(base)`, needs a positive base (a zero
  /// base is allowed for a positive exponent).
  private func checkValuePower(
    _ base: Double, _ exponent: Double, rightSpan: SourceSpan, operatorSpan: SourceSpan
  ) throws {
    if base == 0, exponent < 0 {
      throw error(
        "division by zero", at: rightSpan, notes: ["0.0 cannot be raised to a negative power"])
    }
    if base < 0 {
      throw error(
        "a negative number cannot be raised to a Value power", at: operatorSpan,
        notes: [
          "the base is \(PythonFormat.float(base)); the derivative with respect to the "
            + "exponent, a**b * ln(a), needs a > 0"
        ])
    }
  }

  // MARK: - Plain numbers

  private func integer(
    _ operation: BinaryOperator, _ x: Int, _ y: Int, operatorSpan: SourceSpan,
    rightSpan: SourceSpan
  ) throws -> Object {
    let (result, overflowed): (Int, Bool)
    switch operation {
    case .add:
      (result, overflowed) = x.addingReportingOverflow(y)
    case .subtract:
      (result, overflowed) = x.subtractingReportingOverflow(y)
    case .multiply:
      (result, overflowed) = x.multipliedReportingOverflow(by: y)
    case .divide:
      guard y != 0 else { throw divisionByZero(at: rightSpan) }
      return .float(Double(x) / Double(y))
    case .floorDivide:
      guard y != 0 else { throw divisionByZero(at: rightSpan) }
      guard x != Int.min || y != -1 else { throw overflow("\(x) // \(y)", at: operatorSpan) }
      var quotient = x / y
      if x % y != 0, (x < 0) != (y < 0) { quotient -= 1 }
      return .int(quotient)
    case .modulo:
      guard y != 0 else { throw error("modulo by zero", at: rightSpan) }
      var remainder = x.remainderReportingOverflow(dividingBy: y).partialValue
      if remainder != 0, (remainder < 0) != (y < 0) { remainder += y }
      return .int(remainder)
    case .power:
      if y < 0 {
        try checkPower(Double(x), Double(y), rightSpan: rightSpan)
        return .float(Foundation.pow(Double(x), Double(y)))
      }
      (result, overflowed) = Self.power(x, y)
    }
    if overflowed { throw overflow("\(x) \(operation.rawValue) \(y)", at: operatorSpan) }
    return .int(result)
  }

  /// `base ** exponent` for `exponent >= 0` by repeated squaring, with overflow reported.
  private static func power(_ base: Int, _ exponent: Int) -> (Int, Bool) {
    var result = 1
    var base = base
    var exponent = exponent
    while exponent > 0 {
      if exponent & 1 == 1 {
        let (product, overflowed) = result.multipliedReportingOverflow(by: base)
        if overflowed { return (0, true) }
        result = product
      }
      exponent >>= 1
      if exponent > 0 {
        let (square, overflowed) = base.multipliedReportingOverflow(by: base)
        if overflowed { return (0, true) }
        base = square
      }
    }
    return (result, false)
  }

  private func float(
    _ operation: BinaryOperator, _ x: Double, _ y: Double, rightSpan: SourceSpan,
    operatorSpan: SourceSpan
  ) throws -> Double {
    switch operation {
    case .add: return x + y
    case .subtract: return x - y
    case .multiply: return x * y
    case .divide:
      guard y != 0 else { throw divisionByZero(at: rightSpan) }
      return x / y
    case .floorDivide:
      guard y != 0 else { throw divisionByZero(at: rightSpan) }
      return Self.floorDivide(x, y)
    case .modulo:
      guard y != 0 else { throw error("modulo by zero", at: rightSpan) }
      return Self.modulo(x, y)
    case .power:
      try checkPower(x, y, rightSpan: rightSpan)
      return Foundation.pow(x, y)
    }
  }

  /// Python's `x % y` for floats: the result has the sign of `y` (CPython's `float_divmod`).
  static func modulo(_ x: Double, _ y: Double) -> Double {
    var remainder = x.truncatingRemainder(dividingBy: y)
    if remainder != 0 {
      if (y < 0) != (remainder < 0) { remainder += y }
    } else {
      remainder = Double(signOf: y, magnitudeOf: 0)
    }
    return remainder
  }

  /// Python's `x // y` for floats (CPython's `float_divmod`).
  static func floorDivide(_ x: Double, _ y: Double) -> Double {
    let remainder = x.truncatingRemainder(dividingBy: y)
    var quotient = (x - remainder) / y
    if remainder != 0, (y < 0) != (remainder < 0) { quotient -= 1 }
    guard quotient != 0 else { return Double(signOf: x / y, magnitudeOf: 0) }
    var floored = quotient.rounded(.down)
    if quotient - floored > 0.5 { floored += 1 }
    return floored
  }

  private func repeated(_ text: String, _ count: Object, at span: SourceSpan)
    throws -> Object
  {
    guard let times = count.integer else {
      throw error("can't multiply sequence by non-int of type '\(count.typeName)'", at: span)
    }
    guard times > 0 else { return .string("") }
    let (length, overflowed) = text.unicodeScalars.count.multipliedReportingOverflow(by: times)
    guard !overflowed, length <= Limits.maxStringLength else {
      throw error(
        "string too long", at: span,
        notes: ["strings are limited to \(Limits.maxStringLength) characters"])
    }
    try chargeText(length, at: span)
    return .string(String(repeating: text, count: times))
  }

  // MARK: - Values

  /// Arithmetic where at least one side is a `Value`.
  private func valueArithmetic(
    _ operation: BinaryOperator, _ left: Object, _ right: Object, operatorSpan: SourceSpan,
    rightSpan: SourceSpan
  ) throws -> Object {
    enum Operand {
      case value(Value)
      case number(Double)
    }
    func operand(_ object: Object) -> Operand? {
      if case .value(let value) = object { return .value(value) }
      return object.number.map { .number($0.double) }
    }
    guard let a = operand(left), let b = operand(right) else {
      throw unsupported(operation, left, right, at: operatorSpan)
    }
    switch (operation, a, b) {
    case (.floorDivide, _, _), (.modulo, _, _):
      throw unsupported(operation, left, right, at: operatorSpan)
    case (.power, .value(let base), .number(let exponent)):
      try checkPower(base.data, exponent, rightSpan: rightSpan)
      return .value(base ** exponent)
    case (.power, .value(let base), .value(let exponent)):
      try checkValuePower(
        base.data, exponent.data, rightSpan: rightSpan, operatorSpan: operatorSpan)
      return .value(base ** exponent)
    case (.power, .number(let base), .value(let exponent)):
      try checkValuePower(base, exponent.data, rightSpan: rightSpan, operatorSpan: operatorSpan)
      return .value(base ** exponent)
    case (.power, .number, .number):
      throw unsupported(operation, left, right, at: operatorSpan)
    case (.divide, _, .value(let divisor)) where divisor.data == 0:
      throw divisionByZero(at: rightSpan, divisor: divisor)
    case (.divide, _, .number(0)):
      throw divisionByZero(at: rightSpan)
    case (_, .value(let x), .value(let y)):
      return .value(Self.apply(operation, x, y))
    case (_, .value(let x), .number(let y)):
      return .value(Self.apply(operation, x, y))
    case (_, .number(let x), .value(let y)):
      return .value(Self.apply(operation, x, y))
    case (_, .number, .number):
      throw unsupported(operation, left, right, at: operatorSpan)
    }
  }

  private static func apply(_ operation: BinaryOperator, _ x: Value, _ y: Value) -> Value {
    switch operation {
    case .add: x + y
    case .subtract: x - y
    case .multiply: x * y
    default: x / y
    }
  }

  private static func apply(_ operation: BinaryOperator, _ x: Value, _ y: Double) -> Value {
    switch operation {
    case .add: x + y
    case .subtract: x - y
    case .multiply: x * y
    default: x / y
    }
  }

  private static func apply(_ operation: BinaryOperator, _ x: Double, _ y: Value) -> Value {
    switch operation {
    case .add: x + y
    case .subtract: x - y
    case .multiply: x * y
    default: x / y
    }
  }
}
