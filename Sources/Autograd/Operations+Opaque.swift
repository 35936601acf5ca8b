extension Operations {
  /// An operation of a script's own class that the engine knows only by name, such as a
  /// `max` or `abs` its `Value` defines: the node's data and grad are the script's, as
  /// traced.
  ///
  /// It has no forward formula and no local derivative here: forward replay keeps the data
  /// the script computed, backward passes nothing through it to its inputs, and its
  /// ``Tape/localDerivatives(of:)`` are NaN (not known). Its name is the script's, kept in the
  /// tape's op names; the rule's own symbol `?` stands for a name not given.
  package enum Opaque: OperationRule {
    package static let name = "?"
    package static let displayName = "operation of the script's own"
    package static let arity = Operation.Arity.any
    package static let keepsData = true
    package static let hasPartials = false

    /// Not used: replay keeps the node's data. NaN, as nothing here can compute it.
    @inline(__always)
    package static func forward(_ x: some OperandData, operand: Double) -> Double { .nan }

    /// No local derivative is known: reports none.
    @inline(__always)
    package static func partials(
      _ x: some OperandData, operand: Double, output: Double, _ body: (Int, Double) -> Void
    ) {}
  }
}
