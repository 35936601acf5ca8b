/// Iterating over objects, for `for` loops, comprehensions, unpacking and the builtins that
/// take iterables.
extension Evaluator {
  /// Whether `object` can be iterated: a list, tuple, range or string.
  func isIterable(_ object: Object) -> Bool {
    switch object {
    case .list, .tuple, .range, .string: true
    default: false
    }
  }

  /// An iterator over `object`.
  ///
  /// - Throws: `'Value' object is not iterable` for anything else, at `span`.
  func makeIterator(_ object: Object, at span: SourceSpan) throws -> ObjectIterator {
    switch object {
    case .list(let storage), .tuple(let storage): return ObjectIterator(list: storage)
    case .range(let range): return ObjectIterator(range: range)
    case .string(let string): return ObjectIterator(string: string)
    default: throw notIterable(object, at: span)
    }
  }

  func notIterable(_ object: Object, at span: SourceSpan) -> ScriptError {
    var notes: [String] = []
    if case .int = object { notes = ["to loop n times, write range(n)"] }
    if case .model = object { notes = ["its parameters are model.parameters()"] }
    return error("'\(object.typeName)' object is not iterable", at: span, notes: notes)
  }

  /// The elements of an iterable, as an array; each element counts a step, so that a huge
  /// range stops at the step budget rather than filling memory.
  func collect(_ object: Object, at span: SourceSpan) throws -> [Object] {
    switch object {
    case .list(let storage), .tuple(let storage):
      return storage.elements
    default:
      var iterator = try makeIterator(object, at: span)
      var elements: [Object] = []
      while let element = iterator.next() {
        try step(at: span)
        elements.append(element)
      }
      return elements
    }
  }

  /// Checks that a list or string of `length` elements may be made.
  ///
  /// - Throws: `list too long` past ``Limits/maxCollectionLength``.
  func checkLength(_ length: Int, at span: SourceSpan, what: String = "list") throws {
    guard length <= Limits.maxCollectionLength else {
      throw error(
        "\(what) too long", at: span,
        notes: ["gradviz allows at most \(Limits.maxCollectionLength) elements"])
    }
  }

  /// Counts the work of making a string of `length` bytes: a step per 8 bytes past the first
  /// kilobyte, so that the step budget also bounds the memory that text can take.
  func chargeText(_ length: Int, at span: SourceSpan) throws {
    if length > 1_024 { try charge(length / 8, at: span) }
  }

  /// A new list of `elements`.
  func makeList(_ elements: [Object]) -> Object {
    .list(ListStorage(elements))
  }

  /// A new tuple of `elements`.
  func makeTuple(_ elements: [Object]) -> Object {
    .tuple(ListStorage(elements))
  }
}
