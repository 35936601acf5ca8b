/// A derivative computed analytically (by the chain rule) and numerically (by finite
/// differences), and whether they agree.
///
/// The numeric derivative is the central difference, with the steps that `x ± h` really
/// take in floating point:
/// ```
/// numeric = (f(x + h) - f(x - h)) / ((x + h) - (x - h))        error O(h²)
/// left    = (f(x) - f(x - h)) / (x - (x - h))                   one-sided, error O(h)
/// right   = (f(x + h) - f(x)) / ((x + h) - x)
/// ```
/// Errors, with a = analytic and n = numeric:
/// ```
/// absolute error = |a - n|
/// relative error = |a - n| / max(1, |a|, |n|)
/// ```
/// The relative error is scaled by at least 1, so for derivatives smaller than 1 it is the
/// absolute error: a derivative of 0 is then checkable (a purely relative error of 0 against
/// rounding noise would be 1). The pair passes when the relative error is at most the
/// tolerance. Where it does not, two more looks tell a wrong derivative from a difference
/// that cannot resolve it, and only the first fails:
///
/// - The central difference at h/10 is taken. If it is at least five times closer to the
///   analytic derivative, the differences converge to it and only h is too large (strong
///   curvature, or a kink within h of x): flagged ``Status/stepTooLarge``. A wrong derivative
///   stays as far off at any step, so it is not hidden this way unless its error is smaller
///   than the difference's own error at h.
/// - If the one-sided slopes differ by more than the tolerance, and by as much at h/10 (a
///   smooth function's differ ten times less there), and the analytic derivative lies between
///   them, x is a kink (relu at 0): flagged ``Status/notDifferentiable``.
public struct DerivativeComparison: Sendable, Equatable {
  /// The outcome of a comparison.
  public enum Status: String, Sendable, CaseIterable {
    /// The two derivatives agree within the tolerance.
    case pass
    /// They disagree: the analytic derivative is wrong, or the script set it by hand.
    case fail
    /// The function is not differentiable at the point (a kink, such as relu at 0): the
    /// one-sided slopes differ, whatever the step, and the analytic derivative lies between
    /// them.
    case notDifferentiable = "not differentiable"
    /// The differences converge to the analytic derivative as the step shrinks, but not within
    /// the tolerance at h: the function curves strongly, or has a kink, within h.
    case stepTooLarge = "h too large"
    /// A derivative or a function value is NaN or infinite, so they cannot be compared.
    case notFinite = "not finite"
    /// `x + h` or `x - h` rounds to `x`: h is too small for the size of x.
    case stepTooSmall = "h too small"
    /// The analytic derivative (a grad) was never computed.
    case notComputed = "not computed"

    /// Whether the outcome counts as a failure: anything but a pass, a kink or a step too
    /// large to resolve a right derivative.
    public var isFailure: Bool {
      self != .pass && self != .notDifferentiable && self != .stepTooLarge
    }
  }

  /// The derivative by the chain rule; `nil` when it was never computed.
  public let analytic: Double?
  /// The central difference.
  public let numeric: Double
  /// The one-sided difference from below, `(f(x) - f(x - h)) / h`.
  public let left: Double
  /// The one-sided difference from above, `(f(x + h) - f(x)) / h`.
  public let right: Double
  /// `|analytic - numeric|`; NaN when there is no analytic derivative.
  public let absoluteError: Double
  /// `|analytic - numeric| / max(1, |analytic|, |numeric|)`; NaN when there is no analytic
  /// derivative.
  public let relativeError: Double
  /// Whether they agree.
  public let status: Status

  /// Compares `analytic` with finite differences of `f` at `x`.
  ///
  /// - Parameters:
  ///   - analytic: the derivative to check, or `nil` when it was never computed.
  ///   - x: the point.
  ///   - h: the step, > 0.
  ///   - tolerance: the largest relative error that passes.
  ///   - f: the function; called at `x + h`, `x - h` and `x`, in that order, then at
  ///     `x + h/10` and `x - h/10` when the derivatives do not agree.
  package init(
    analytic: Double?, at x: Double, h: Double, tolerance: Double, _ f: (Double) -> Double
  ) {
    let above = x + h
    let below = x - h
    let fAbove = f(above)
    let fBelow = f(below)
    let fx = f(x)
    numeric = (fAbove - fBelow) / (above - below)
    left = (fx - fBelow) / (x - below)
    right = (fAbove - fx) / (above - x)
    self.analytic = analytic
    guard let a = analytic else {
      absoluteError = .nan
      relativeError = .nan
      status = .notComputed
      return
    }
    absoluteError = abs(a - numeric)
    relativeError = absoluteError / max(1, abs(a), abs(numeric))
    if above == x || below == x {
      status = .stepTooSmall
    } else if !a.isFinite || !numeric.isFinite {
      status = .notFinite
    } else if relativeError <= tolerance {
      status = .pass
    } else {
      // A second look at a tenth of the step.
      let small = h / 10
      let nearAbove = x + small
      let nearBelow = x - small
      guard nearAbove != x, nearBelow != x else {
        status = .fail
        return
      }
      let fNearAbove = f(nearAbove)
      let fNearBelow = f(nearBelow)
      let nearNumeric = (fNearAbove - fNearBelow) / (nearAbove - nearBelow)
      let nearJump = (fNearAbove - fx) / (nearAbove - x) - (fx - fNearBelow) / (x - nearBelow)
      if abs(a - nearNumeric) <= absoluteError / 5 {
        status = .stepTooLarge
      } else if Self.isKink(a, left: left, right: right, nearJump: nearJump, tolerance: tolerance) {
        status = .notDifferentiable
      } else {
        status = .fail
      }
    }
  }

  /// Whether the one-sided slopes differ by more than the tolerance, as much at a tenth of
  /// the step (a smooth function's differ ten times less), with `a` between them.
  private static func isKink(
    _ a: Double, left: Double, right: Double, nearJump: Double, tolerance: Double
  ) -> Bool {
    guard left.isFinite, right.isFinite, nearJump.isFinite else { return false }
    let scale = max(1, abs(left), abs(right))
    let jump = right - left
    guard abs(jump) > tolerance * scale, abs(nearJump) >= abs(jump) / 2 else { return false }
    let slack = tolerance * scale
    return a >= min(left, right) - slack && a <= max(left, right) + slack
  }
}
