import Autograd
import NeuralNetwork

/// micrograd's nn in scripts: `Neuron`, `Layer` and `MLP`, built on the NeuralNetwork
/// library, with their weights drawn from the script's `random` module as micrograd draws
/// them, so that `random.seed(1337); model = MLP(2, [16, 16, 1])` starts from micrograd's
/// weights.
extension Evaluator {
  /// `Neuron(nin, nonlin=True)`, `Layer(nin, nout, nonlin=True)` or `MLP(nin, nouts)`.
  func makeModel(_ builtin: Builtin, _ arguments: [CallArgument], span: SourceSpan) throws
    -> Object
  {
    let name = builtin.rawValue
    switch builtin {
    case .neuron:
      let checked = try check(arguments, name, 1...2, keywords: ["nonlin"], at: span)
      let inputs = try size(checked[0], of: name)
      let nonlinear =
        (checked.count == 2 ? checked[1] : checked.keywords["nonlin"])?.object.isTruthy ?? true
      try chargeParameters([inputs, 1], at: span)
      var generator = SeededGenerator(seed: 0)
      let neuron = Neuron(inputCount: inputs, nonlinear: nonlinear, on: tape, using: &generator)
      drawWeights(neuron.parameters(), neurons: [inputs])
      return .model(ModelObject(.neuron(neuron)))
    case .layer:
      let checked = try check(arguments, name, 2...3, keywords: ["nonlin"], at: span)
      let inputs = try size(checked[0], of: name)
      let outputs = try size(checked[1], of: name)
      let nonlinear =
        (checked.count == 3 ? checked[2] : checked.keywords["nonlin"])?.object.isTruthy ?? true
      try chargeParameters([inputs, outputs], at: span)
      var generator = SeededGenerator(seed: 0)
      let layer = Layer(
        inputCount: inputs, outputCount: outputs, nonlinear: nonlinear, on: tape, using: &generator)
      drawWeights(layer.parameters(), neurons: Array(repeating: inputs, count: outputs))
      return .model(ModelObject(.layer(layer)))
    default:
      let checked = try check(arguments, name, 2...2, at: span)
      let inputs = try size(checked[0], of: name)
      guard isIterable(checked[1].object) else {
        throw error(
          "MLP() needs a list of layer sizes, such as [4, 4, 1], not '\(checked[1].object.typeName)'",
          at: checked[1].span)
      }
      let sizes = try collect(checked[1].object, at: checked[1].span).map {
        try size(CallArgument(object: $0, span: checked[1].span), of: name)
      }
      guard !sizes.isEmpty else {
        throw error("an MLP needs at least one layer", at: checked[1].span)
      }
      try chargeParameters([inputs] + sizes, at: span)
      var generator = SeededGenerator(seed: 0)
      let mlp = MLP(inputCount: inputs, layerSizes: sizes, on: tape, using: &generator)
      let fanIns = zip([inputs] + sizes, sizes).flatMap { Array(repeating: $0.0, count: $0.1) }
      drawWeights(mlp.parameters(), neurons: fanIns)
      return .model(ModelObject(.mlp(mlp)))
    }
  }

  /// A layer size: a positive integer.
  private func size(_ argument: CallArgument, of name: String) throws -> Int {
    guard let value = argument.object.integer, value >= 1 else {
      throw error(
        "\(name)() sizes must be positive integers, not \(try repr(of: argument.object, at: argument.span))",
        at: argument.span)
    }
    return value
  }

  /// Counts a step per parameter of a model whose layers have `sizes` (inputs first), before
  /// anything is made, so that a huge model stops at the step budget instead of filling
  /// memory.
  private func chargeParameters(_ sizes: [Int], at span: SourceSpan) throws {
    var total = 0
    for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
      let (weights, overflow) = (inputs + 1).multipliedReportingOverflow(by: outputs)
      guard !overflow, total <= Limits.maxModelParameters else {
        total = Int.max
        break
      }
      total += weights
    }
    guard total <= Limits.maxModelParameters else {
      throw error(
        "the model is too large", at: span,
        notes: ["gradviz allows at most \(Limits.maxModelParameters) parameters"])
    }
    try charge(total, at: span)
  }

  /// Sets the weights as micrograd draws them: for each neuron in order, `random.uniform(-1,
  /// 1)` for each input, from the script's `random`; biases 0.
  ///
  /// - Parameters:
  ///   - parameters: the weights then the bias of each neuron, in order.
  ///   - neurons: the number of inputs of each neuron.
  private func drawWeights(_ parameters: [Value], neurons: [Int]) {
    var index = 0
    for inputs in neurons {
      for _ in 0..<inputs {
        parameters[index].data = -1 + 2 * random.random()
        index += 1
      }
      parameters[index].data = 0
      index += 1
    }
  }

  // MARK: - Using a model

  /// `model(x)`: the outputs for the inputs `x`, a list of `Value`s or numbers. As in
  /// micrograd, a layer of one neuron (and an MLP whose last layer has one) gives a `Value`
  /// rather than a list.
  func callModel(_ model: ModelObject, _ arguments: [CallArgument], span: SourceSpan) throws
    -> Object
  {
    let checked = try check(arguments, model.typeName, 1...1, at: span)
    let argument = checked[0]
    guard isIterable(argument.object), !isString(argument.object) else {
      throw error(
        "\(model.typeName) needs a list of \(model.inputCount) inputs, not '\(argument.object.typeName)'",
        at: argument.span)
    }
    let elements = try collect(argument.object, at: argument.span)
    guard elements.count == model.inputCount else {
      throw error(
        "\(model.typeName == "MLP" ? "an" : "a") \(model.typeName) of \(model.inputCount) inputs was given \(elements.count)",
        at: argument.span)
    }
    var inputs: [Value] = []
    for element in elements {
      switch element {
      case .value(let value): inputs.append(value)
      default:
        guard let number = element.number else {
          throw error(
            "a \(model.typeName)'s inputs must be Values or numbers, not '\(element.typeName)'",
            at: argument.span)
        }
        inputs.append(Value.constant(number.double, on: tape))
      }
    }
    try charge(model.parameters.count, at: span)
    let outputs: [Value]
    switch model.kind {
    case .neuron(let neuron): return .value(neuron(inputs))
    case .layer(let layer): outputs = layer(inputs)
    case .mlp(let mlp): outputs = mlp(inputs)
    }
    return outputs.count == 1 ? .value(outputs[0]) : makeList(outputs.map { .value($0) })
  }

  private func isString(_ object: Object) -> Bool {
    if case .string = object { return true }
    return false
  }

  /// `model.w`, `model.b`, `model.neurons`, `model.layers`, `model.nonlin`, and the methods
  /// `parameters` and `zero_grad`.
  func attribute(_ name: String, of model: ModelObject, object: Object) -> Object? {
    switch (name, model.kind) {
    case ("parameters", _), ("zero_grad", _):
      return .method(object, name: name)
    case ("w", .neuron(let neuron)):
      return makeList(neuron.weights.map { .value($0) })
    case ("b", .neuron(let neuron)):
      return .value(neuron.bias)
    case ("nonlin", .neuron(let neuron)):
      return .bool(neuron.nonlinear)
    case ("neurons", .layer(let layer)):
      return makeList(layer.neurons.map { .model(ModelObject(.neuron($0))) })
    case ("layers", .mlp(let mlp)):
      return makeList(mlp.layers.map { .model(ModelObject(.layer($0))) })
    default:
      return nil
    }
  }

  /// The names `attribute(_:of:object:)` answers for `model`.
  static func memberNames(of model: ModelObject) -> [String] {
    switch model.kind {
    case .neuron: ["parameters", "zero_grad", "w", "b", "nonlin"]
    case .layer: ["parameters", "zero_grad", "neurons"]
    case .mlp: ["parameters", "zero_grad", "layers"]
    }
  }

  /// `model.parameters()` or `model.zero_grad()`.
  func callMethod(
    _ name: String, of model: ModelObject, _ arguments: [CallArgument], span: SourceSpan
  )
    throws -> Object
  {
    _ = try check(arguments, name, 0...0, at: span)
    let parameters = model.parameters
    try charge(parameters.count, at: span)
    if name == "parameters" { return makeList(parameters.map { .value($0) }) }
    for parameter in parameters { parameter.grad = 0 }
    scriptSetGradients = true
    return .none
  }
}
