/// Indexing and slicing lists, tuples, strings and ranges, with Python's negative indexes.
extension Evaluator {
  /// `container[index]`, where `index` is an integer or a slice.
  func item(_ index: Object, of container: Object, at span: SourceSpan, indexSpan: SourceSpan)
    throws -> Object
  {
    if case .slice = index {
      return try slice(container, index, at: span, indexSpan: indexSpan)
    }
    switch container {
    case .list(let storage), .tuple(let storage):
      let position = try resolve(index, count: storage.elements.count, of: container, at: indexSpan)
      return storage.elements[position]
    case .string(let text):
      let scalars = Array(text.unicodeScalars)
      let position = try resolve(index, count: scalars.count, of: container, at: indexSpan)
      return .string(String(Character(scalars[position])))
    case .range(let range):
      guard range.exactCount <= UInt(Int.max) else {
        throw error("the range has more than \(Int.max) elements", at: span)
      }
      let position = try resolve(index, count: range.count, of: container, at: indexSpan)
      return .int(range.element(position))
    default:
      throw notSubscriptable(container, at: span)
    }
  }

  /// `container[index] = object`.
  func setItem(
    _ index: Object, of container: Object, to object: Object, at span: SourceSpan,
    indexSpan: SourceSpan
  ) throws {
    guard case .list(let storage) = container else {
      if case .tuple = container {
        throw error("'tuple' object does not support item assignment", at: span)
      }
      if case .string = container {
        throw error("'str' object does not support item assignment", at: span)
      }
      throw notSubscriptable(container, at: span)
    }
    if case .slice = index {
      throw error("assigning to a slice is not supported", at: indexSpan)
    }
    let position = try resolve(index, count: storage.elements.count, of: container, at: indexSpan)
    storage.elements[position] = object
  }

  /// `del container[index]`.
  func deleteItem(_ index: Object, of container: Object, at span: SourceSpan, indexSpan: SourceSpan)
    throws
  {
    guard case .list(let storage) = container else {
      throw error("'\(container.typeName)' object doesn't support item deletion", at: span)
    }
    if case .slice = index {
      throw error("deleting a slice is not supported", at: indexSpan)
    }
    let position = try resolve(index, count: storage.elements.count, of: container, at: indexSpan)
    storage.elements.remove(at: position)
  }

  private func notSubscriptable(_ container: Object, at span: SourceSpan) -> ScriptError {
    var notes: [String] = []
    if case .value = container { notes = ["a Value is one number; its number is x.data"] }
    return error("'\(container.typeName)' object is not subscriptable", at: span, notes: notes)
  }

  /// The position in `0..<count` that `index` denotes, counting from the end when negative.
  private func resolve(_ index: Object, count: Int, of container: Object, at span: SourceSpan)
    throws -> Int
  {
    guard let value = index.integer else {
      throw error(
        "\(container.typeName) indices must be integers or slices, not \(index.typeName)",
        at: span)
    }
    let position = value < 0 ? value &+ count : value
    guard position >= 0, position < count else {
      let valid =
        count == 0 ? "it is empty" : "valid indexes are 0 to \(count - 1), or -\(count) to -1"
      throw error(
        "\(container.typeName) index out of range", at: span,
        notes: ["the \(container.typeName) has \(count) element\(count == 1 ? "" : "s"); \(valid)"])
    }
    return position
  }

  // MARK: - Slices

  /// `container[start:stop:step]`.
  private func slice(
    _ container: Object, _ index: Object, at span: SourceSpan, indexSpan: SourceSpan
  )
    throws -> Object
  {
    guard case .slice(let bounds) = index else { return .none }
    switch container {
    case .list(let storage), .tuple(let storage):
      let positions = try indices(bounds, count: storage.elements.count, at: indexSpan)
      let elements = positions.map { storage.elements[$0] }
      if case .list = container { return makeList(elements) }
      return makeTuple(elements)
    case .string(let text):
      let scalars = Array(text.unicodeScalars)
      let positions = try indices(bounds, count: scalars.count, at: indexSpan)
      var result = String.UnicodeScalarView()
      for position in positions { result.append(scalars[position]) }
      return .string(String(result))
    case .range(let range):
      let positions = try indices(bounds, count: range.count, at: indexSpan)
      guard let first = positions.first else { return .range(IntRange(start: 0, stop: 0, step: 1)) }
      let step = range.step &* bounds.step
      return .range(
        IntRange(
          start: range.element(first), stop: range.element(first) &+ step &* positions.count,
          step: step))
    default:
      throw notSubscriptable(container, at: span)
    }
  }

  /// The positions a slice selects from a sequence of `count` elements, as Python's
  /// `slice.indices` computes them.
  private func indices(_ bounds: SliceBounds, count: Int, at span: SourceSpan) throws -> [Int] {
    let step = bounds.step
    guard step != 0 else { throw error("slice step cannot be zero", at: span) }
    func clamp(_ value: Int?, default fallback: Int) -> Int {
      guard var value else { return fallback }
      if value < 0 {
        value = value &+ count
        if value < 0 { value = step < 0 ? -1 : 0 }
      } else if value >= count {
        value = step < 0 ? count - 1 : count
      }
      return value
    }
    let start = clamp(bounds.start, default: step < 0 ? count - 1 : 0)
    let stop = clamp(bounds.stop, default: step < 0 ? -1 : count)
    let positions = Array(stride(from: start, to: stop, by: step))
    try charge(positions.count, at: span)
    return positions
  }
}

/// The evaluated parts of a slice; missing parts are `nil`, a missing step is 1.
struct SliceBounds {
  var start: Int?
  var stop: Int?
  var step: Int
}
