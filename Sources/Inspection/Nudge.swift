import Autograd

/// The walkthrough's "slope" for any value: move it a little, and compare the root's change
/// that its grad predicts with the change that running forward again gives.
///
/// ```
/// predicted = Σ grad_i × Δ_i          (the first-order Taylor term)
/// actual    = root(x + Δ) - root(x)   (the recorded operations run again)
/// ```
/// Moved values that are operations keep their moved data: only what is computed from them
/// is run again, as when the walkthrough sets `d.data += h`. Afterwards every value's data is
/// restored to the bit.
public struct Nudge {
  /// One value moved.
  public struct Move {
    public let value: Value
    /// The change Δ added to its data.
    public let delta: Double
    /// Its data before the move.
    public let before: Double
    /// Its grad, the root's derivative with respect to it.
    public let grad: Double
  }

  /// The value whose change is predicted.
  public let root: Value
  public let moves: [Move]
  /// The root's data with nothing moved (the recorded operations run again).
  public let before: Double
  /// The root's data with every value moved.
  public let after: Double

  /// Moves `moves` and runs forward from them.
  ///
  /// - Parameters:
  ///   - root: the value whose change is measured; the grads should come from
  ///     `root.backward()`.
  ///   - moves: the values to move and by how much (finite numbers); each value at most once.
  ///   - names: the trace whose labels and positions name values in errors; the root's when
  ///     `nil`.
  /// - Throws: ``InspectionError/gradNotComputed(_:)`` when a moved value's grad was never
  ///   computed; ``InspectionError/invalidAssignment(_:reason:)`` for a value moved twice or
  ///   by a number that is not finite.
  /// - Complexity: O(n + e) for the n values and e edges the root depends on: two runs of the
  ///   operations.
  public init(root: Value, moves: [(value: Value, delta: Double)], names: Trace? = nil)
    throws(InspectionError)
  {
    let names = names ?? Trace(root: root)
    var seen = Set<Int>()
    for move in moves {
      let name = names.name(of: move.value)
      guard move.delta.isFinite else {
        throw .invalidAssignment(
          "\(name)=\(NumberText.full(move.delta))", reason: "the change must be a finite number")
      }
      guard seen.insert(move.value.id).inserted else {
        throw .invalidAssignment(
          "\(name)=\(NumberText.full(move.delta))", reason: "\(name) is moved twice")
      }
      guard move.value.isGradComputed else { throw .gradNotComputed(name) }
    }
    self.root = root
    self.moves = moves.map {
      Move(value: $0.value, delta: $0.delta, before: $0.value.data, grad: $0.value.grad)
    }
    let tape = root.tape
    let ids = tape.topologicalOrder(from: root.id)
    let snapshot = Replay.Snapshot(tape, through: max(root.id, moves.map(\.value.id).max() ?? 0))
    defer { snapshot.restore() }
    Replay.forward(tape, ids: ids, holding: seen)
    before = root.data
    for move in moves { move.value.data += move.delta }
    Replay.forward(tape, ids: ids, holding: seen)
    after = root.data
  }

  /// The change of the root that the grads predict: `Σ grad × Δ`.
  public var predicted: Double {
    moves.reduce(0) { $0 + $1.grad * $1.delta }
  }

  /// The change that running forward again gives: `after - before`.
  public var actual: Double { after - before }
}

extension Nudge {
  /// Reads a move written `NAME=CHANGE`, as `a=+0.01`, `'x1*w1'=-0.5` or `n3=0.001`: the
  /// selector (a label or a node name `nN`, split at the last `=`) and the change.
  ///
  /// - Throws: ``InspectionError/invalidAssignment(_:reason:)`` when there is no `=`, no
  ///   name, or a change that is not a finite number.
  public static func move(parsing text: String) throws(InspectionError) -> (
    selector: String, delta: Double
  ) {
    guard let equals = text.lastIndex(of: "=") else {
      throw .invalidAssignment(text, reason: "write the value and its change, as a=+0.01")
    }
    let selector = String(text[..<equals])
    let number = String(text[text.index(after: equals)...]).trimmingWhitespace
    guard !selector.isEmpty else {
      throw .invalidAssignment(text, reason: "name the value before '='")
    }
    guard let delta = Double(number), delta.isFinite else {
      throw .invalidAssignment(text, reason: "'\(number)' is not a finite number")
    }
    return (selector, delta)
  }
}
