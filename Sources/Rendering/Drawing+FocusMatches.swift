import Autograd

extension Drawing {
  /// The node names (`n12`) of the values that ``DrawingOptions/focus`` names, when its
  /// label is on more than one value; empty when it names one value, or no focus is set.
  ///
  /// A focus label on several values draws the surroundings of all of them; a program can
  /// say so, and name each value by its node name, which is unique.
  ///
  /// - Complexity: O(n) in ``valueCount``.
  public var ambiguousFocusMatches: [String] {
    guard let focus = options.focus,
      let centres = try? Selection.centres(named: focus.name, in: self), centres.count > 1
    else { return [] }
    return centres.map(Trace.nodeName)
  }
}
