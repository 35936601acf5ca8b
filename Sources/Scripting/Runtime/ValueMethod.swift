/// The methods of a `Value` that scripts can call.
enum ValueMethod: String, CaseIterable {
  case tanh, exp, relu
  /// Backpropagation from this value.
  case backward
  /// One node's step of backpropagation, micrograd's `_backward()`.
  case backwardStep = "_backward"
}
