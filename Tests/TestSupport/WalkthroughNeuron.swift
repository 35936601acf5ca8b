import Autograd

/// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, on a tape of its own, with every
/// value labelled as the walkthrough labels it.
///
/// ```
/// x1 = 2.0   x2 = 0.0   w1 = -3.0   w2 = 1.0   b = 6.8813735870195432
/// n = x1*w1 + x2*w2 + b = 0.8813735870195432    o = tanh(n) = 0.7071067811865477
/// ```
public struct WalkthroughNeuron {
  /// The inputs.
  public let x1: Value, x2: Value
  /// The weights.
  public let w1: Value, w2: Value
  /// The bias, chosen so that `o` is `1/√2`.
  public let b: Value
  /// The products `x1*w1` and `x2*w2`.
  public let x1w1: Value, x2w2: Value
  /// `x1*w1 + x2*w2`.
  public let sum: Value
  /// The pre-activation, `sum + b`.
  public let n: Value
  /// The output, `tanh(n)`.
  public let o: Value

  /// Builds the neuron on a new tape, then runs `o.backward()` when `backward` is true.
  public init(backward: Bool = true) {
    let tape = Tape()
    x1 = Value(2.0, label: "x1", on: tape)
    x2 = Value(0.0, label: "x2", on: tape)
    w1 = Value(-3.0, label: "w1", on: tape)
    w2 = Value(1.0, label: "w2", on: tape)
    b = Value(6.8813735870195432, label: "b", on: tape)
    x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    sum = x1w1 + x2w2
    sum.label = "x1*w1 + x2*w2"
    n = sum + b
    n.label = "n"
    o = n.tanh()
    o.label = "o"
    if backward { o.backward() }
  }
}
