import Autograd

/// Comparisons with Python's semantics: `==` between any objects (numbers by value, a
/// `Value` by identity, as micrograd's `Value` defines no `__eq__`), ordering between numbers,
/// strings and sequences only, `is` by identity, `in` for lists, tuples, ranges and strings.
extension Evaluator {
  /// `left operation right`.
  func compare(
    _ left: Object, _ operation: ComparisonOperator, _ right: Object, at span: SourceSpan
  ) throws -> Bool {
    switch operation {
    case .equal: return try equal(left, right, at: span)
    case .notEqual: return try !equal(left, right, at: span)
    case .is: return identical(left, right)
    case .isNot: return !identical(left, right)
    case .in: return try contains(right, left, at: span)
    case .notIn: return try !contains(right, left, at: span)
    case .less, .lessEqual, .greater, .greaterEqual:
      let order = try self.order(left, right, operation, at: span)
      switch operation {
      case .less: return order < 0
      case .lessEqual: return order <= 0
      case .greater: return order > 0
      default: return order >= 0
      }
    }
  }

  /// `left == right`.
  func equal(_ left: Object, _ right: Object, at span: SourceSpan, depth: Int = 0) throws -> Bool {
    if let a = left.number, let b = right.number {
      if case .int(let x) = a, case .int(let y) = b { return x == y }
      return a.double == b.double
    }
    switch (left, right) {
    case (.none, .none): return true
    case (.string(let a), .string(let b)): return a.unicodeScalars.elementsEqual(b.unicodeScalars)
    case (.value(let a), .value(let b)): return a == b
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      if a === b { return true }
      guard a.elements.count == b.elements.count else { return false }
      guard depth < Limits.maxObjectDepth else {
        throw error("maximum recursion depth exceeded in comparison", at: span)
      }
      for (x, y) in zip(a.elements, b.elements) {
        guard try equal(x, y, at: span, depth: depth + 1) else { return false }
      }
      return true
    case (.range(let a), .range(let b)):
      return a.count == b.count
        && (a.count == 0 || (a.start == b.start && (a.count == 1 || a.step == b.step)))
    default:
      return identical(left, right)
    }
  }

  /// `left is right`: the same object.
  func identical(_ left: Object, _ right: Object) -> Bool {
    switch (left, right) {
    case (.none, .none): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
    case (.string(let a), .string(let b)): return a == b
    case (.value(let a), .value(let b)): return a == b
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)): return a === b
    case (.function(let a), .function(let b)): return a === b
    case (.builtin(let a), .builtin(let b)): return a == b
    case (.module(let a), .module(let b)): return a == b
    default: return false
    }
  }

  /// The order of `left` and `right`: negative, zero or positive.
  ///
  /// - Throws: `'<' not supported between instances of 'Value' and 'float'` for objects
  ///   without an order.
  private func order(
    _ left: Object, _ right: Object, _ operation: ComparisonOperator, at span: SourceSpan,
    depth: Int = 0
  ) throws -> Int {
    if let a = left.number, let b = right.number {
      if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : x > y ? 1 : 0 }
      let (x, y) = (a.double, b.double)
      if x.isNaN || y.isNaN { return operation == .less || operation == .lessEqual ? 1 : -1 }
      return x < y ? -1 : x > y ? 1 : 0
    }
    switch (left, right) {
    case (.string(let a), .string(let b)):
      if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return 0 }
      return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
        ? -1 : 1
    case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
      guard depth < Limits.maxObjectDepth else {
        throw error("maximum recursion depth exceeded in comparison", at: span)
      }
      for (x, y) in zip(a.elements, b.elements) where try !equal(x, y, at: span) {
        return try order(x, y, operation, at: span, depth: depth + 1)
      }
      return a.elements.count < b.elements.count ? -1 : a.elements.count > b.elements.count ? 1 : 0
    default:
      var notes: [String] = []
      if case .value = left { notes = ["compare the data, as in x.data \(operation.rawValue) 0.5"] }
      if case .value = right, notes.isEmpty {
        notes = ["compare the data, as in 0.5 \(operation.rawValue) x.data"]
      }
      throw error(
        "'\(operation.rawValue)' not supported between instances of '\(left.typeName)' and "
          + "'\(right.typeName)'", at: span, notes: notes)
    }
  }

  /// `element in container`.
  func contains(_ container: Object, _ element: Object, at span: SourceSpan) throws -> Bool {
    switch container {
    case .list(let storage), .tuple(let storage):
      for candidate in storage.elements where try equal(candidate, element, at: span) {
        return true
      }
      return false
    case .range(let range):
      guard let value = element.integer else { return false }
      return range.contains(value)
    case .string(let text):
      guard case .string(let part) = element else {
        throw error(
          "'in <string>' requires string as left operand, not \(element.typeName)", at: span)
      }
      return part.isEmpty || text.contains(part)
    default:
      throw error("argument of type '\(container.typeName)' is not iterable", at: span)
    }
  }
}
