/// The methods of a `Value` that scripts can call.
enum ValueMethod: String, CaseIterable {
  case tanh, exp, relu, log, sigmoid
  /// Backpropagation from this value.
  case backward
  /// One node's step of backpropagation, micrograd's `_backward()`.
  case backwardStep = "_backward"

  /// The operations of `Value`, as notes list them.
  static let operationsText = "+ - * / **, tanh(), exp(), relu(), log() and sigmoid()"
}
