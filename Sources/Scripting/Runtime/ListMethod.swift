/// The methods of lists (and, for `count` and `index`, tuples) that scripts can call.
enum ListMethod: String, CaseIterable {
  case append, extend, insert, pop, remove, clear, index, count, reverse, sort, copy

  /// Whether a tuple has the method too.
  var isTupleMethod: Bool { self == .index || self == .count }
}
