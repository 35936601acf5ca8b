/// The record of one computation: every ``Value`` created, in creation order.
///
/// A tape stores its nodes as parallel arrays (struct of arrays): the data, the gradient, the
/// operation and the positions of each node's inputs. A node can only take inputs that already
/// exist, so creation order is a topological order, and every walk over the graph (backward,
/// trace, output) is a loop over indices: no recursion, no per-node heap object, and freeing a
/// tape of any depth costs a few array deallocations.
///
/// A tape is not thread-safe. Use one tape per thread or task; bind it with
/// `Tape.$current.withValue(tape) { ... }` so that `Value(_:)` records onto it.
public final class Tape: @unchecked Sendable {
  /// The tape that `Value(_:label:)` records onto in the current task.
  ///
  /// Outside any binding this is one process-wide tape, which grows for the life of the
  /// process; bind a fresh tape for each independent computation.
  @TaskLocal public static var current = Tape()

  package var data: [Double] = []
  package var grad: [Double] = []
  /// Whether a gradient has been computed or set for each node.
  package var gradKnown: [Bool] = []
  package var kinds: [Operation.Kind] = []
  /// The number operand of each node: the exponent of `**`, the value of a constant.
  package var operands: [Double] = []
  /// `inputs[inputEnds[i - 1] ..< inputEnds[i]]` are the inputs of node `i`, in order.
  package var inputEnds: [Int32] = []
  package var inputIDs: [Int32] = []
  package var labels: [String] = []
  /// Per node, an index into `groupTable`, or -1.
  package var groupIDs: [Int32] = []
  package var groupTable: [NodeGroup] = []
  /// The group that new nodes join; see ``withGroup(_:_:)``.
  package var currentGroup: Int32 = -1

  /// Creates an empty tape.
  ///
  /// - Parameter capacity: the number of nodes to reserve space for.
  public init(capacity: Int = 0) {
    if capacity > 0 { reserve(capacity) }
  }

  /// The number of nodes recorded.
  public var count: Int { data.count }

  /// Reserves space for `capacity` nodes in all.
  public func reserve(_ capacity: Int) {
    data.reserveCapacity(capacity)
    grad.reserveCapacity(capacity)
    gradKnown.reserveCapacity(capacity)
    kinds.reserveCapacity(capacity)
    operands.reserveCapacity(capacity)
    inputEnds.reserveCapacity(capacity)
    inputIDs.reserveCapacity(2 * capacity)
    labels.reserveCapacity(capacity)
    groupIDs.reserveCapacity(capacity)
  }

  /// The positions of the inputs of node `id` in `inputIDs`.
  @inline(__always)
  package func inputRange(_ id: Int) -> Range<Int> {
    let start = id == 0 ? 0 : Int(inputEnds[id - 1])
    return start..<Int(inputEnds[id])
  }

  /// The inputs of node `id`, in order (an input used twice appears twice).
  package func inputs(of id: Int) -> ArraySlice<Int32> {
    inputIDs[inputRange(id)]
  }

  /// Appends a node and returns its id.
  @inline(__always)
  package func append(
    _ kind: Operation.Kind, data value: Double, operand: Double = 0, inputs first: Int = -1,
    _ second: Int = -1, label: String = ""
  ) -> Int {
    if first >= 0 { inputIDs.append(Int32(truncatingIfNeeded: first)) }
    if second >= 0 { inputIDs.append(Int32(truncatingIfNeeded: second)) }
    data.append(value)
    grad.append(0)
    gradKnown.append(false)
    kinds.append(kind)
    operands.append(operand)
    inputEnds.append(Int32(truncatingIfNeeded: inputIDs.count))
    labels.append(label)
    groupIDs.append(currentGroup)
    return data.count - 1
  }
}
