/// The record of one computation: every ``Value`` created, in creation order.
///
/// A tape stores its nodes as parallel columns (struct of arrays): the data, the gradient, the
/// operation, its number operand and the positions of each node's inputs. A node can only
/// take inputs that already exist, so creation order is a topological order, and every walk
/// over the graph (backward, forward replay, trace) is a loop over indices: no recursion, no
/// per-node heap object, and freeing a tape of any depth costs a few deallocations.
///
/// Memory: 30 bytes per node plus 4 per input edge (a chain of unary operations: 34 bytes per
/// node), plus room to grow (capacity doubles when full; ``reserve(_:inputs:)`` avoids it).
/// Labels are kept only for the nodes that have one, groups as runs of consecutive nodes.
///
/// A tape is not thread-safe, and so not `Sendable`: it and its values stay on the thread or
/// task that made them, and a computation on another thread uses a tape of its own. There is
/// no process-wide tape: pass one explicitly (`Value(_:label:on:)`), or open a scope with
/// ``withCurrent(_:_:)`` in which `Value(_:label:)` records onto the scope's tape. A tape is
/// freed when nothing refers to it any more, neither a `Value` nor a scope.
public final class Tape {
  /// The number of nodes recorded.
  @exclusivity(unchecked) public internal(set) var count = 0
  /// The number of nodes there is room for.
  @exclusivity(unchecked) package private(set) var capacity = 0
  /// The number of input edges recorded, and the room for them.
  @exclusivity(unchecked) package internal(set) var inputCount = 0
  @exclusivity(unchecked) package private(set) var inputCapacity = 0

  @exclusivity(unchecked) package private(set) var data: Column<Double>
  /// The gradient of each node. Past ``count`` the memory holds 0 (it is set to 0 when
  /// allocated and when nodes are removed), so recording a node need not write it.
  @exclusivity(unchecked) package private(set) var grad: Column<Double>
  /// Whether a gradient has been computed or set for each node; false past ``count``, as
  /// ``grad`` is 0 there.
  @exclusivity(unchecked) package private(set) var gradKnown: Column<Bool>
  @exclusivity(unchecked) package private(set) var kinds: Column<Operation.Kind>
  /// The number operand of each node: the exponent of `**`, the value of a constant. Only
  /// the rules of those kinds read it, and every node of those kinds writes it; the memory is
  /// kept initialized (0 when allocated), so other nodes may leave an old value in place.
  @exclusivity(unchecked) package private(set) var operands: Column<Double>
  /// The group of each node, as runs of consecutive nodes; see ``group(of:)``.
  package let groupRuns = GroupRuns()
  /// `inputIDs[inputStarts[i] ..< inputStarts[i + 1]]` are the inputs of node `i`, in order
  /// (`capacity + 1` entries).
  @exclusivity(unchecked) package private(set) var inputStarts: Column<Int32>
  @exclusivity(unchecked) package private(set) var inputIDs: Column<Int32>
  /// Every node made by an operation from this id on has gradient 0 and has not had its
  /// gradient written since it was recorded, so ``backward(from:)`` need not set it to 0
  /// first. Backward, ``Value/grad``, ``truncate(to:)`` and ``zeroGrad()`` keep it true.
  @exclusivity(unchecked) package internal(set) var gradsZeroFrom = 0
  /// The labels of the nodes that have one.
  package var labels = Labels()
  /// The names of operations as a script wrote them, for the nodes whose name differs from
  /// the engine's own (``Operation/opaque`` nodes, or a traced `relu` shown as written).
  package var opNames = Labels()
  package var groupTable: [NodeGroup] = []
  /// The group that new nodes join (an index into `groupTable`, or -1); see
  /// ``withGroup(_:_:)``.
  @exclusivity(unchecked) package var currentGroup: Int32 = -1

  /// Creates an empty tape.
  ///
  /// - Parameter capacity: the number of nodes to reserve space for (and twice as many input
  ///   edges).
  public init(capacity: Int = 0) {
    let nodes = Swift.max(capacity, 16)
    let edges = 2 * nodes
    data = Column(capacity: nodes)
    grad = Column(capacity: nodes)
    grad.fill(from: 0, count: nodes, with: 0)
    gradKnown = Column(capacity: nodes)
    gradKnown.fill(from: 0, count: nodes, with: false)
    kinds = Column(capacity: nodes)
    operands = Column(capacity: nodes)
    operands.fill(from: 0, count: nodes, with: 0)
    inputStarts = Column(capacity: nodes + 1)
    inputIDs = Column(capacity: edges)
    inputStarts[0] = 0
    self.capacity = nodes
    inputCapacity = edges
  }

  deinit {
    data.deallocate()
    grad.deallocate()
    gradKnown.deallocate()
    kinds.deallocate()
    operands.deallocate()
    inputStarts.deallocate()
    inputIDs.deallocate()
  }

  /// Reserves space for `nodes` nodes and `inputs` input edges in all, so that recording up
  /// to that size allocates nothing.
  ///
  /// - Parameters:
  ///   - nodes: the number of nodes to make room for.
  ///   - inputs: the number of input edges to make room for; twice `nodes` when `nil`.
  /// - Complexity: O(``count``) when the tape grows, else O(1).
  public func reserve(_ nodes: Int, inputs: Int? = nil) {
    if nodes > capacity { growNodes(to: nodes) }
    let edges = inputs ?? 2 * nodes
    if edges > inputCapacity { growInputs(to: edges) }
  }

  /// Removes every node recorded after the first `count`, keeping the memory for reuse.
  ///
  /// A training loop records one step's graph after the model's parameters, then truncates
  /// back to the parameters, so that each step reuses the same memory:
  /// ```swift
  /// let mark = tape.count
  /// let loss = ...            // record the step
  /// loss.backward()
  /// tape.truncate(to: mark)   // forget the step's graph
  /// ```
  /// Values that refer to removed nodes must not be used again; their accessors stop the
  /// program while the tape is shorter than their id.
  ///
  /// - Precondition: `0 <= count <= self.count`.
  /// - Complexity: O(number of nodes removed): their gradients are set to 0.
  public func truncate(to count: Int) {
    precondition(
      count >= 0 && count <= self.count, "cannot truncate a tape of \(self.count) nodes to \(count)"
    )
    guard count < self.count else { return }
    labels.removeAll(from: count)
    opNames.removeAll(from: count)
    groupRuns.removeAll(from: count)
    grad.fill(from: count, count: self.count - count, with: 0)
    gradKnown.fill(from: count, count: self.count - count, with: false)
    inputCount = Int(inputStarts[count])
    self.count = count
    gradsZeroFrom = Swift.min(gradsZeroFrom, count)
  }

  /// The positions of the inputs of node `id` in `inputIDs`.
  @inline(__always)
  package func inputRange(_ id: Int) -> Range<Int> {
    Int(inputStarts[id])..<Int(inputStarts[id + 1])
  }

  /// The inputs of node `id`, in order (an input used twice appears twice).
  package func inputs(of id: Int) -> NodeInputs {
    NodeInputs(tape: self, range: inputRange(id))
  }

  /// Stops the program unless `id` is a node on this tape.
  @inline(__always)
  package func check(_ id: Int) {
    precondition(id >= 0 && id < count, "no node \(id) on this tape (it has \(count))")
  }

  // MARK: - Recording

  /// Starts a node of `kind` with `inputCount` inputs still to be written at
  /// `inputIDs[inputCount ...]`; returns its id. ``finish(_:)`` completes it.
  @inline(__always)
  package func start(_ kind: Operation.Kind, data value: Double, operand: Double, inputs: Int)
    -> Int
  {
    let id = count
    if id == capacity { growNodes(to: 2 * capacity) }
    if inputCount + inputs > inputCapacity {
      growInputs(to: Swift.max(2 * inputCapacity, inputCount + inputs))
    }
    data[id] = value
    kinds[id] = kind
    operands[id] = operand
    groupRuns.note(id, currentGroup)
    return id
  }

  /// Completes node `id` after its `inputs` inputs were written.
  @inline(__always)
  package func finish(_ id: Int, inputs: Int) {
    inputCount += inputs
    inputStarts[id + 1] = Int32(truncatingIfNeeded: inputCount)
    count = id + 1
  }

  /// Appends a node with no inputs (a leaf or a constant) and returns its id.
  @inline(__always)
  package func appendLeaf(_ kind: Operation.Kind, data value: Double, label: String = "") -> Int {
    let id = start(kind, data: value, operand: kind == .constant ? value : 0, inputs: 0)
    finish(id, inputs: 0)
    if !label.isEmpty { labels[id] = label }
    return id
  }

  /// Appends a node with one input and returns its id.
  @inline(__always)
  package func append(_ kind: Operation.Kind, data value: Double, operand: Double = 0, input: Int)
    -> Int
  {
    let id = start(kind, data: value, operand: operand, inputs: 1)
    inputIDs[inputCount] = Int32(truncatingIfNeeded: input)
    finish(id, inputs: 1)
    return id
  }

  /// Appends a node with two inputs and returns its id.
  @inline(__always)
  package func append(_ kind: Operation.Kind, data value: Double, inputs first: Int, _ second: Int)
    -> Int
  {
    let id = start(kind, data: value, operand: 0, inputs: 2)
    inputIDs[inputCount] = Int32(truncatingIfNeeded: first)
    inputIDs[inputCount + 1] = Int32(truncatingIfNeeded: second)
    finish(id, inputs: 2)
    return id
  }

  func growNodes(to nodes: Int) {
    precondition(nodes < Int(Int32.max), "a tape holds at most \(Int32.max - 1) nodes")
    data.grow(keeping: count, to: nodes)
    grad.grow(keeping: count, to: nodes)
    grad.fill(from: count, count: nodes - count, with: 0)
    gradKnown.grow(keeping: count, to: nodes)
    gradKnown.fill(from: count, count: nodes - count, with: false)
    kinds.grow(keeping: count, to: nodes)
    operands.grow(keeping: count, to: nodes)
    operands.fill(from: count, count: nodes - count, with: 0)
    inputStarts.grow(keeping: count + 1, to: nodes + 1)
    capacity = nodes
  }

  func growInputs(to edges: Int) {
    precondition(edges < Int(Int32.max), "a tape holds at most \(Int32.max - 1) input edges")
    inputIDs.grow(keeping: inputCount, to: edges)
    inputCapacity = edges
  }
}

/// The inputs of one node, in operand order: ids of earlier nodes on the same tape.
package struct NodeInputs: RandomAccessCollection {
  let tape: Tape
  let range: Range<Int>

  package var startIndex: Int { range.lowerBound }
  package var endIndex: Int { range.upperBound }

  package subscript(position: Int) -> Int32 {
    precondition(range.contains(position), "input position out of range")
    return tape.inputIDs[position]
  }
}

/// The labels of a tape's nodes, kept only for the nodes that have one (most have none).
package struct Labels: Sendable {
  private var table: [Int: String] = [:]

  /// The label of node `id`; empty when it has none.
  package subscript(id: Int) -> String {
    get { table[id] ?? "" }
    set { table[id] = newValue.isEmpty ? nil : newValue }
  }

  /// Forgets the labels of nodes `start` and later.
  mutating func removeAll(from start: Int) {
    if table.keys.contains(where: { $0 >= start }) {
      table = table.filter { $0.key < start }
    }
  }
}

extension Tape {
  /// The tape's columns as plain pointers, for a loop in another target of this package:
  /// reading a tape's stored properties from another module checks each access for overlap
  /// at run time, while these are read once. Valid until the tape next records a node or
  /// grows.
  package var columns: Columns {
    Columns(
      count: count, data: data.base, grad: grad.base, gradKnown: gradKnown.base,
      kinds: kinds.base, operands: operands.base, inputStarts: inputStarts.base,
      inputIDs: inputIDs.base)
  }

  /// See ``columns``.
  package struct Columns {
    package let count: Int
    package let data: UnsafeMutablePointer<Double>
    package let grad: UnsafeMutablePointer<Double>
    package let gradKnown: UnsafeMutablePointer<Bool>
    package let kinds: UnsafeMutablePointer<Operation.Kind>
    package let operands: UnsafeMutablePointer<Double>
    package let inputStarts: UnsafeMutablePointer<Int32>
    package let inputIDs: UnsafeMutablePointer<Int32>

    /// The inputs of node `id`: positions in ``inputIDs``.
    @inline(__always)
    package func inputRange(_ id: Int) -> Range<Int> {
      Int(inputStarts[id])..<Int(inputStarts[id + 1])
    }
  }
}
