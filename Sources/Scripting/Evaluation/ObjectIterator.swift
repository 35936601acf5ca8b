/// Walks the elements of an iterable object: a list (live, as Python's list iterator sees
/// elements appended during the loop), a tuple, a range (never materialised) or a string
/// (one string per Unicode scalar).
struct ObjectIterator {
  private enum Source {
    case storage(ListStorage)
    case range(IntRange)
    case scalars([Unicode.Scalar])
  }

  private let source: Source
  private var index = 0

  init(list storage: ListStorage) {
    source = .storage(storage)
  }

  init(range: IntRange) {
    source = .range(range)
  }

  init(string: String) {
    source = .scalars(Array(string.unicodeScalars))
  }

  /// The next element, or `nil` at the end.
  mutating func next() -> Object? {
    defer { index += 1 }
    switch source {
    case .storage(let storage):
      return index < storage.elements.count ? storage.elements[index] : nil
    case .range(let range):
      return index < range.count ? .int(range.element(index)) : nil
    case .scalars(let scalars):
      return index < scalars.count ? .string(String(Character(scalars[index]))) : nil
    }
  }
}
