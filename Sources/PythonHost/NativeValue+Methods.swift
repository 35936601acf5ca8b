import Autograd
import CPython

/// `backward()`, `_backward()` and the activations, as methods of the Python type.
extension NativeValue {
  typealias Method = @convention(c) (Object?, Object?) -> Object?

  @inline(__always)
  static func unary(_ object: Object?, _ body: (Value) throws(DomainError) -> Value) -> Object? {
    guard let object else { return nil }
    do {
      let result = try body(value(object))
      return NativeValue.result(result, run: handle(object).run, flavour: flavour(object))
    } catch {
      return raise(error)
    }
  }

  static let tanh: Method = { object, _ in unary(object) { $0.tanh() } }
  static let exp: Method = { object, _ in unary(object) { $0.exp() } }
  static let relu: Method = { object, _ in unary(object) { $0.relu() } }
  static let sigmoid: Method = { object, _ in unary(object) { $0.sigmoid() } }
  static let log: Method = { object, _ in unary(object) { x throws(DomainError) in try x.log() } }

  /// `v.backward()`: the engine's backward pass from this node (``Value/backward()``).
  static let backward: Method = { object, _ in
    guard let object else { return nil }
    Host.scriptSetGradients = true
    handle(object).run.intGrad.removeAll()
    value(object).backward()
    return Python.newNone()
  }

  /// `v._backward()`: one node's chain-rule step (``Value/backwardStep()``).
  static let backwardStep: Method = { object, _ in
    guard let object else { return nil }
    Host.scriptSetGradients = true
    let v = value(object)
    let run = handle(object).run
    for input in v.inputs { run.intGrad.remove(input.id) }
    v.backwardStep()
    return Python.newNone()
  }
}
