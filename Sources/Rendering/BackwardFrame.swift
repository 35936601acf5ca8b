/// One picture of backpropagation: the step it shows and what happened in it.
///
/// Frame 0 shows the root's gradient set to 1; each later frame shows one value passing its
/// gradient to its inputs (micrograd's `_backward()` of that value), in the order backward
/// visits them, reverse topological order.
public struct BackwardFrame: Sendable, Equatable {
  /// The frame's position, from 0.
  public let index: Int
  /// The trace position (`n12` in DOT) of the value processed in this step.
  public let value: Int
  /// What the step does, in words: `o = tanh(n): n.grad += 0.5000`.
  public let caption: String
}
