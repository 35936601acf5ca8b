import Autograd
import TestSupport

/// The graphs the tests draw, each on a tape of its own.
enum Graphs {
  /// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, after `o.backward()`.
  static func neuron(backward: Bool = true) -> Value {
    WalkthroughNeuron(backward: backward).o
  }

  /// `y = x * x`, after `y.backward()`: two edges from `x` to the `*` node.
  static func square() -> Value {
    let tape = Tape()
    let x = Value(3.0, label: "x", on: tape)
    let y = x * x
    y.label = "y"
    y.backward()
    return y
  }

  /// `b = a + a`, after `b.backward()`.
  static func double() -> Value {
    let tape = Tape()
    let a = Value(-2.0, label: "a", on: tape)
    let b = a + a
    b.label = "b"
    b.backward()
    return b
  }

  /// Labels that need escaping, one leaf each, summed.
  static func nastyLabels() -> Value {
    let tape = Tape()
    var total = Value(0.0, label: Escaping.nasty[0], on: tape)
    for (index, label) in Escaping.nasty.enumerated().dropFirst() {
      let leaf = Value(Double(index), label: label, on: tape)
      total = total + leaf
    }
    total.label = "total"
    total.backward()
    return total
  }

  /// A chain `x = x + 1` of `steps` additions: 2 · steps + 1 values and `steps` op nodes.
  static func chain(_ steps: Int) -> Value {
    let tape = Tape(capacity: 2 * steps + 1)
    var x = Value(1, label: "x", on: tape)
    for _ in 0..<steps { x = x + 1 }
    return x
  }
}

/// Labels and how they are escaped.
enum Escaping {
  /// Labels that Graphviz would misread if they were not escaped.
  static let nasty = [
    "x|y", "{w}", "<c>", "say \"hi\"", #"back\slash"#, "a & b", "two\nlines", "tab\there",
    "  lead", "trail  ", "a   b", "数据 梯度", "", #"\N \G \l"#, "&lt;",
  ]
}

extension Graphs {
  /// The hinge loss of a small ReLU `MLP(2, hidden + [1])` on `samples` fixed points, plus
  /// `1e-4 · Σ p²`, with every neuron's parameters and arithmetic tagged with its
  /// ``NodeGroup`` (as the nn types tag them); after `loss.backward()`.
  ///
  /// `mlp(hidden: [8, 8], samples: 15)` has about 3,000 values.
  static func mlp(hidden: [Int] = [4], samples: Int = 2) -> Value {
    let tape = Tape()
    let sizes = [2] + hidden + [1]
    var seed = 0.5
    func next() -> Double {  // a fixed, spread sequence in [-1, 1)
      seed = (seed * 9301 + 0.49297).truncatingRemainder(dividingBy: 1)
      return seed * 2 - 1
    }
    var model: [[(w: [Value], b: Value)]] = []
    for layer in 0..<(sizes.count - 1) {
      model.append(
        (0..<sizes[layer + 1]).map { neuron in
          tape.withGroup(NodeGroup(layer: layer, neuron: neuron)) {
            let w = (0..<sizes[layer]).map { i in Value(next(), label: "w\(i)", on: tape) }
            return (w, Value(0, label: "b", on: tape))
          }
        })
    }
    var losses: [Value] = []
    for s in 0..<samples {
      var x = [Value(next(), label: "x0", on: tape), Value(next(), label: "x1", on: tape)]
      for (layer, neurons) in model.enumerated() {
        let isLast = layer == model.count - 1
        x = neurons.enumerated().map { neuron, p in
          tape.withGroup(NodeGroup(layer: layer, neuron: neuron)) {
            var act = p.b
            for (wi, xi) in zip(p.w, x) { act = act + wi * xi }
            return isLast ? act : act.relu()
          }
        }
      }
      let y = s % 2 == 0 ? 1.0 : -1.0
      let margin = (1 + -y * x[0]).relu()
      margin.label = "margin\(s)"
      losses.append(margin)
    }
    var total = losses[0]
    for l in losses.dropFirst() { total = total + l }
    let parameters = model.flatMap { $0.flatMap { $0.w + [$0.b] } }
    var squares = parameters[0] * parameters[0]
    for p in parameters.dropFirst() { squares = squares + p * p }
    let loss = total * (1.0 / Double(samples)) + 1e-4 * squares
    loss.label = "loss"
    loss.backward()
    return loss
  }
}

extension Graphs {
  /// `y = exp(a) * 0 + b / 0 - c / 0` style values: data inf, NaN and -inf, after backward.
  static func nonFinite() -> Value {
    let tape = Tape()
    let big = Value(1000, label: "big", on: tape).exp()  // inf
    big.label = "huge"
    let zero = Value(0, label: "zero", on: tape)
    let nan = zero / zero
    nan.label = "nan"
    let negative = -big
    negative.label = "negative"
    let y = big + nan + negative
    y.label = "y"
    y.backward()
    return y
  }
}
