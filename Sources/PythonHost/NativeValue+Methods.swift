import Autograd
import CPython

/// `backward()`, `_backward()` and the activations, as methods of the Python type.
extension NativeValue {
  typealias Method = @convention(c) (Object?, Object?) -> Object?

  /// A one-input operation of the engine on this value's node.
  @inline(__always)
  static func unary(_ object: Object?, _ kind: Autograd.Operation.Kind) -> Object? {
    guard let object else { return nil }
    let flavour = flavour(object)
    return withHandle(object) { run, node -> Object? in
      do throws(DomainError) {
        try kind.checkDomain(run.tape.columns.data[node], 0, operand: 0)
      } catch {
        return raise(error)
      }
      let id = run.tape.recordUnary(kind, node)
      if flavour == .micrograd, kind == .relu || !run.intData.isEmpty {
        run.markIntegerData(from: id, exponentIsInt: false)
      }
      return NativeValue.object(for: id, on: run, flavour: flavour)
    }
  }

  static let tanh: Method = { object, _ in unary(object, .tanh) }
  static let exp: Method = { object, _ in unary(object, .exp) }
  static let relu: Method = { object, _ in unary(object, .relu) }
  static let sigmoid: Method = { object, _ in unary(object, .sigmoid) }
  static let log: Method = { object, _ in unary(object, .log) }
  static let sin: Method = { object, _ in unary(object, .sin) }

  /// `v.backward()`: the engine's backward pass from this node (``Value/backward()``).
  static let backward: Method = { object, _ in
    guard let object else { return nil }
    Host.scriptSetGradients = true
    let (run, node) = handle(object)
    if flavour(object) == .micrograd {
      run.backwardKeepingIntegers(from: node)
    } else {
      value(object).backward()
    }
    return Python.newNone()
  }

  /// `v._backward()`: one node's chain-rule step (``Value/backwardStep()``).
  static let backwardStep: Method = { object, _ in
    guard let object else { return nil }
    Host.scriptSetGradients = true
    let v = value(object)
    if flavour(object) == .micrograd {
      handle(object).run.backwardStepKeepingIntegers(v.id)
    } else {
      v.backwardStep()
    }
    return Python.newNone()
  }
}
