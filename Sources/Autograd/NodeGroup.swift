/// Where in a model a value was made: which layer, and which neuron of it.
///
/// The nn types tag every value they create, so pictures can draw one cluster or one summary
/// node per neuron or layer. Values made outside any model have no group.
public struct NodeGroup: Hashable, Sendable, CustomStringConvertible {
  /// The layer's position in its model, from 0.
  public let layer: Int
  /// The neuron's position in its layer, from 0; `nil` for values that belong to the layer as
  /// a whole.
  public let neuron: Int?

  public init(layer: Int, neuron: Int? = nil) {
    self.layer = layer
    self.neuron = neuron
  }

  /// `layer 1`, `layer 1 neuron 3`.
  public var description: String {
    neuron.map { "layer \(layer) neuron \($0)" } ?? "layer \(layer)"
  }
}

extension Tape {
  /// Records every value created by `body` as part of `group`.
  ///
  /// Groups do not nest: inside `body`, the innermost call wins.
  ///
  /// - Returns: what `body` returns.
  public func withGroup<T>(_ group: NodeGroup, _ body: () throws -> T) rethrows -> T {
    let saved = currentGroup
    currentGroup = groupIndex(of: group)
    defer { currentGroup = saved }
    return try body()
  }

  /// The index of `group` in `groupTable`, added if it is not there yet; what
  /// `currentGroup` holds while new nodes join the group.
  ///
  /// - Complexity: O(number of groups on the tape).
  package func groupIndex(of group: NodeGroup) -> Int32 {
    if let index = groupTable.firstIndex(of: group) { return Int32(index) }
    groupTable.append(group)
    return Int32(groupTable.count - 1)
  }

  /// The group node `id` was made in, if any.
  ///
  /// - Complexity: O(log(number of group changes on the tape)).
  public func group(of id: Int) -> NodeGroup? {
    check(id)
    let index = groupRuns[id]
    return index < 0 ? nil : groupTable[Int(index)]
  }
}

extension Value {
  /// The layer and neuron that made this value, if a model made it.
  public var group: NodeGroup? { tape.group(of: id) }
}
