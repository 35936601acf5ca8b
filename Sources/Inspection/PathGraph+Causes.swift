import Autograd
import Foundation

extension GradientPaths {
  /// Why a derivative is 0, NaN or infinite.
  public enum Cause {
    /// The root does not depend on the value: there is no path.
    case unreachable
    /// Every path passes through a step whose local derivative is 0 (a dead ReLU, a
    /// saturated tanh, a multiplication by zero): the first of those steps, and how many
    /// more there are.
    case zeroSteps([Step], more: Int)
    /// Some paths carry a product other than 0, and the products cancel.
    case cancellation
    /// The products are too small for a `Double` and round to 0.
    case underflow
    /// The forward pass: the first operation, in the order values were made, that made a
    /// NaN or an infinity from finite operands.
    case nonFiniteData(Value)
    /// The backward pass: the first gradient to become NaN or infinite (nearest the root),
    /// and the step that made it, with the gradient upstream of it.
    case nonFiniteStep(Step, upstream: Double)
    /// The backward pass: the first gradient to become NaN or infinite is a sum of finite
    /// contributions that overflows (or infinities of both signs).
    case nonFiniteSum(Value)
  }
}

extension PathGraph {
  /// Why `derivative` is what it is, when it is 0, NaN or infinite, or there is no path.
  func causes(derivative: Double) -> [GradientPaths.Cause] {
    if ids.isEmpty { return [.unreachable] }
    if derivative == 0 {
      if count(where: { $0.localDerivative != 0 }) == 0 {
        var steps: [GradientPaths.Step] = []
        var more = 0
        for id in ids {
          for edge in edges(from: id) where edge.localDerivative == 0 {
            if steps.count < 10 {
              steps.append(
                GradientPaths.Step(
                  from: Value(tape: tape, id: id), to: Value(tape: tape, id: edge.consumer),
                  slot: edge.slot,
                  localDerivative: 0))
            } else {
              more += 1
            }
          }
        }
        return [.zeroSteps(steps, more: more)]
      }
      return [largestLogProduct < log(Double.leastNonzeroMagnitude) ? .underflow : .cancellation]
    }
    guard !derivative.isFinite else { return [] }
    var causes: [GradientPaths.Cause] = []
    if let origin = firstNonFiniteData { causes.append(.nonFiniteData(origin)) }
    if let step = firstNonFiniteGradient { causes.append(step) }
    return causes
  }

  /// The largest `log |product|` over the paths whose steps are all non-zero.
  private var largestLogProduct: Double {
    let base = source.id
    var best = [Double](repeating: -.infinity, count: root.id - base + 1)
    best[0] = 0
    for id in ids where best[id - base] > -.infinity {
      for edge in edges(from: id) where edge.localDerivative != 0 {
        let candidate = best[id - base] + log(abs(edge.localDerivative))
        if candidate > best[edge.consumer - base] { best[edge.consumer - base] = candidate }
      }
    }
    return best[root.id - base]
  }

  /// The first operation the root depends on, in creation order, whose data is NaN or
  /// infinite while its operands' are finite.
  private var firstNonFiniteData: Value? {
    for id in rootTrace.ids {
      let value = Value(tape: tape, id: id)
      if value.isLeaf || value.data.isFinite { continue }
      if value.inputs.allSatisfy({ $0.data.isFinite }) { return value }
    }
    return nil
  }

  /// In backward's order (from the root down), the first value on a path whose gradient is
  /// NaN or infinite, and what made it so.
  private var firstNonFiniteGradient: GradientPaths.Cause? {
    for id in ids.reversed() where !adjoint(id).isFinite {
      // Contributions arrive from the last-made operation down, as backward adds them.
      for edge in edges(from: id).reversed() {
        let upstream = adjoint(edge.consumer)
        if !(edge.localDerivative * upstream).isFinite {
          let step = GradientPaths.Step(
            from: Value(tape: tape, id: id), to: Value(tape: tape, id: edge.consumer),
            slot: edge.slot,
            localDerivative: edge.localDerivative)
          return .nonFiniteStep(step, upstream: upstream)
        }
      }
      return .nonFiniteSum(Value(tape: tape, id: id))
    }
    return nil
  }
}
