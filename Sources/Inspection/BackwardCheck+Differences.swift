import Autograd

/// Runs of a script's forward again, with one leaf of its graph nudged: what
/// ``BackwardCheck/checkByDifferences(h:reruns:)`` needs to take central differences of the
/// whole script. The host that runs the script implements it.
public protocol ForwardReruns {
  /// Runs the script again with nothing nudged and says whether its leaves can be nudged:
  /// `nil` when they can, else why not (the run failed, or it does not give the same root
  /// data: the script is not deterministic). Called once, before anything else.
  mutating func start() -> String?

  /// Why the leaf at `position` cannot be nudged where it is made (no class of the script
  /// made it, or its data changed after it was made), or `nil`.
  func obstacle(toNudging position: Int) -> String?

  /// The root's data from a run with the leaf at `position` set to `data` where it is made,
  /// or why that run failed.
  mutating func rootData(nudging position: Int, to data: Double) -> Result<Double, RerunFailure>
}

/// A run of ``ForwardReruns`` that failed.
public struct RerunFailure: Error, Sendable, Equatable {
  /// Why, in a few words: `the re-run raised t.py:4:1: ZeroDivisionError: ...`.
  public let reason: String
  /// Whether no further run is worth trying (Ctrl-C, the timeout): the leaves not yet
  /// checked are not checked.
  public let stopsAll: Bool

  public init(reason: String, stopsAll: Bool = false) {
    self.reason = reason
    self.stopsAll = stopsAll
  }
}

extension BackwardCheck {
  /// The grads of the leaves upstream of ops the engine does not know, checked against the
  /// derivative of the root by central differences of the whole script: the script's forward
  /// run again with one leaf at `x ± step`, `(f(x + step) - f(x - step)) / 2·step` (see
  /// ``DerivativeComparison``, whose second look at a tenth of the step costs two more runs
  /// where they disagree).
  public struct Differences: Sendable {
    /// One leaf.
    public struct Leaf: Sendable {
      /// The leaf's position in topological order.
      public let position: Int
      /// The first op the engine does not know that the leaf reaches the root through.
      public let through: Int
      /// The comparison; `nil` when the leaf was not checked.
      public let comparison: DerivativeComparison?
      /// Why it was not checked, when it was not.
      public let reason: String?
    }

    /// The number of leaves upstream of an op the engine does not know.
    public let leafCount: Int
    /// The leaves checked or tried: all of them when there are at most ``maxCheckedLeaves``,
    /// else that many, evenly spaced; in topological order.
    public let leaves: [Leaf]
    /// The number of runs of the script, the first one (nothing nudged) included.
    public let reruns: Int
    /// Why no leaf could be checked, when none could.
    public let unavailable: String?

    /// The most leaves checked: each costs two runs of the whole script.
    public static let maxCheckedLeaves = 32

    /// The leaves whose grad differs from the differences.
    public var failures: [Leaf] {
      leaves.filter { $0.comparison?.status.isFailure == true }
    }

    /// The leaves that were compared.
    public var checked: [Leaf] { leaves.filter { $0.comparison != nil } }
  }

  /// The leaves upstream of an op the engine does not know, in topological order, each with
  /// the first such op (the lowest position) it reaches the root through.
  ///
  /// - Complexity: O(n + e), one sweep from the root down.
  public var leavesBeforeUnknownOps: [(position: Int, through: Int)] {
    var first = [Int?](repeating: nil, count: graph.count)
    for position in stride(from: graph.root, through: 0, by: -1) {
      var mine = first[position]
      if case .unknown = readings[position] { mine = position }
      guard let mine else { continue }
      for input in graph.inputs[position] {
        first[input] = min(first[input] ?? mine, mine)
      }
    }
    return (0..<graph.count).compactMap { position in
      guard readings[position] == .leaf, let through = first[position] else { return nil }
      return (position, through)
    }
  }

  /// Checks the grads of ``leavesBeforeUnknownOps`` by central differences of the whole
  /// script, and adds what it finds: a leaf whose grad differs is a failure (``failures``,
  /// with ``Failure/Reference/wholeScript``), one that agrees passes.
  ///
  /// Each step is `h · max(1, |x|)`, widened where the root's own rounding would swamp it, as
  /// ``GradientCheck`` steps; the tolerance is ``options``'. At most
  /// ``Differences/maxCheckedLeaves`` leaves are checked, evenly spaced. Nothing is guessed:
  /// a leaf that cannot be nudged, or whose runs fail, is not checked, with the reason.
  ///
  /// - Parameters:
  ///   - h: the step before scaling, > 0.
  ///   - reruns: the runs of the script.
  /// - Complexity: 1 + 2·min(L, 32) runs of the script for L leaves (two more for each leaf
  ///   whose grad does not agree at once), plus O(n + e).
  public mutating func checkByDifferences<Reruns: ForwardReruns>(
    h: Double, reruns: inout Reruns
  ) {
    let before = leavesBeforeUnknownOps
    guard !before.isEmpty else { return }
    let rootData = graph.data[graph.root]
    var runs = 1
    if let reason = reruns.start() {
      differences = Differences(
        leafCount: before.count, leaves: [], reruns: runs, unavailable: reason)
      return
    }
    let stepOptions = GradientCheck.Options(h: h, tolerance: options.tolerance)
    var leaves: [Differences.Leaf] = []
    var stopped: String?
    for index in GradientCheck.sample(before.count, count: Differences.maxCheckedLeaves) {
      let (position, through) = before[index]
      func skip(_ reason: String) {
        leaves.append(.init(position: position, through: through, comparison: nil, reason: reason))
      }
      if let stopped {
        skip(stopped)
        continue
      }
      guard let grad = graph.grads[position] else {
        skip("the script left no grad that is a number")
        continue
      }
      if let obstacle = reruns.obstacle(toNudging: position) {
        skip(obstacle)
        continue
      }
      let x = graph.data[position]
      var failure: RerunFailure?
      let comparison = DerivativeComparison(
        analytic: grad, at: x,
        h: GradientCheck.step(at: x, value: rootData, slope: grad, options: stepOptions),
        tolerance: options.tolerance
      ) { moved in
        if moved == x { return rootData }
        if failure != nil { return .nan }
        runs += 1
        switch reruns.rootData(nudging: position, to: moved) {
        case .success(let value): return value
        case .failure(let error):
          failure = error
          return .nan
        }
      }
      if let failure {
        skip(failure.reason)
        if failure.stopsAll { stopped = failure.reason }
        continue
      }
      leaves.append(
        .init(position: position, through: through, comparison: comparison, reason: nil))
    }
    let found = Differences(
      leafCount: before.count, leaves: leaves, reruns: runs, unavailable: nil)
    differences = found
    for leaf in found.leaves {
      guard let comparison = leaf.comparison else { continue }
      let position = leaf.position
      if comparison.status.isFailure {
        gradStatus[position] = .fail
        let actual = graph.grads[position] ?? .nan
        let numeric = comparison.numeric
        let tolerance = options.tolerance
        let flipped =
          Self.agree(actual, -numeric, tolerance) && !Self.agree(actual, numeric, tolerance)
        failures.append(
          Failure(
            kind: .grad, node: position, actual: actual, expected: numeric,
            culprit: leaf.through, slot: nil, expectedLocal: nil, impliedLocal: nil,
            diagnosis: flipped ? .oppositeSign : nil, reference: .wholeScript))
      } else if comparison.status == .pass {
        if gradStatus[position] != .fail { gradStatus[position] = .pass }
      } else if case .notChecked = gradStatus[position] {
        gradStatus[position] = .notChecked("central differences: \(comparison.status.rawValue)")
      }
    }
  }
}
