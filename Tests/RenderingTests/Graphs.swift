import Autograd

/// The graphs the tests draw, each on a tape of its own.
enum Graphs {
  /// The walkthrough's neuron, `o = tanh(x1*w1 + x2*w2 + b)`, after `o.backward()`.
  static func neuron(backward: Bool = true) -> Value {
    let tape = Tape()
    let x1 = Value(2.0, label: "x1", on: tape)
    let x2 = Value(0.0, label: "x2", on: tape)
    let w1 = Value(-3.0, label: "w1", on: tape)
    let w2 = Value(1.0, label: "w2", on: tape)
    let b = Value(6.8813735870195432, label: "b", on: tape)
    let x1w1 = x1 * w1
    x1w1.label = "x1*w1"
    let x2w2 = x2 * w2
    x2w2.label = "x2*w2"
    let sum = x1w1 + x2w2
    sum.label = "x1*w1 + x2*w2"
    let n = sum + b
    n.label = "n"
    let o = n.tanh()
    o.label = "o"
    if backward { o.backward() }
    return o
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
