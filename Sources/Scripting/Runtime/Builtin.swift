/// The names every script can use without defining them: functions, types, and the
/// activation functions as functions of a `Value` or a number.
enum Builtin: String, CaseIterable {
  /// `Value(data, label='')`: a new leaf of the graph.
  case value = "Value"
  /// `draw_dot(root)`: names the value to draw.
  case drawDot = "draw_dot"
  case print, range, len, sum, min, max, abs, zip, enumerate, sorted, reversed
  case round, pow, any, all, map, filter, repr, isinstance, format
  case list, tuple, float, int, str, bool
  /// `tanh(x)`, `exp(x)`, `relu(x)`, `log(x)`, `sigmoid(x)`: the operation on a `Value`,
  /// or on a number.
  case tanh, exp, relu, log, sigmoid
  /// micrograd's nn: `Neuron(nin, nonlin=True)`, `Layer(nin, nout)`, `MLP(nin, nouts)`.
  case neuron = "Neuron"
  case layer = "Layer"
  case mlp = "MLP"

  /// Whether the name is a type (`Value`, `int`, `list`...), which `isinstance` accepts.
  var isType: Bool {
    switch self {
    case .value, .list, .tuple, .float, .int, .str, .bool, .neuron, .layer, .mlp: true
    default: false
    }
  }

  /// The names of micrograd's nn classes that gradviz provides.
  static let modelClassNames = ["Neuron", "Layer", "MLP"]
}
