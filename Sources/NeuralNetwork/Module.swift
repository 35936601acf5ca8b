import Autograd

/// A part of a model that owns parameters: a ``Neuron``, a ``Layer`` or an ``MLP``, as in
/// micrograd's `nn.Module`.
public protocol Module {
  /// The module's parameters in micrograd's order: layer by layer, neuron by neuron, each
  /// neuron's weights and then its bias. Weights can be exchanged with micrograd in this order.
  func parameters() -> [Value]
}

extension Module {
  /// Sets the gradient of every parameter to 0, micrograd's `zero_grad()`.
  ///
  /// Parameters are leaves, so ``/Autograd/Value/backward()`` adds to their gradients; call
  /// this before each backward pass of a training step.
  ///
  /// - Complexity: O(number of parameters).
  public func zeroGrad() {
    for parameter in parameters() { parameter.grad = 0 }
  }

  /// Sets the parameters' data, in the order of ``parameters()``.
  ///
  /// - Parameter values: one number per parameter, such as micrograd's
  ///   `[p.data for p in model.parameters()]`.
  /// - Throws: ``ParameterCountError`` when the count differs; nothing is changed then.
  /// - Complexity: O(number of parameters).
  public func load(_ values: [Double]) throws(ParameterCountError) {
    let parameters = parameters()
    guard values.count == parameters.count else {
      throw ParameterCountError(expected: parameters.count, actual: values.count)
    }
    for (parameter, value) in zip(parameters, values) { parameter.data = value }
  }
}

/// A list of parameter values does not fit a model.
public struct ParameterCountError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The number of parameters the model has.
  public let expected: Int
  /// The number of values given.
  public let actual: Int

  /// Creates the error for a model of `expected` parameters given `actual` values.
  public init(expected: Int, actual: Int) {
    self.expected = expected
    self.actual = actual
  }

  public var description: String {
    "the model has \(expected) parameters, but \(actual) values were given"
  }
}
