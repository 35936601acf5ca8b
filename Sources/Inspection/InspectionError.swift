import Autograd

/// Why an inspection cannot be made: a value that cannot be found, an expression that does
/// not run, a number that is not a number.
///
/// Each ``description`` says what was asked for and how to fix it.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No value has this label. `labels` are some of the labels there are, to choose from.
  case unknownLabel(String, labels: [String])
  /// Several values have this label: `positions` are those the root depends on, and
  /// `elsewhere` counts the others.
  case ambiguousLabel(String, positions: [Int], elsewhere: Int)
  /// A node name `nN` names no position of the trace, which has `count` values.
  case noSuchPosition(Int, count: Int)
  /// A selector that is empty.
  case emptySelector
  /// An argument of the form `NAME=NUMBER` that is not one; `reason` says what is wrong.
  case invalidAssignment(String, reason: String)
  /// A value whose grad was never computed, so it cannot be used.
  case gradNotComputed(String)
  /// The expression of a derivative failed to run: a script diagnostic, located in the
  /// expression itself.
  case expression(String)
  /// The expression gave something other than a number or a `Value`.
  case notANumber(expression: String, result: String)

  public var description: String {
    switch self {
    case .unknownLabel(let label, let labels):
      let known =
        labels.isEmpty ? "no value has a label" : "labels: " + labels.joined(separator: ", ")
      return "no value is labelled '\(label)' (\(known); or pick a value by its node name, as n3)"
    case .ambiguousLabel(let label, let positions, let elsewhere):
      var places = positions.map(Trace.nodeName)
      if elsewhere > 0 { places.append("\(elsewhere) the root does not depend on") }
      return
        "'\(label)' labels \(positions.count + elsewhere) values (\(places.joined(separator: ", "))): "
        + "pick one by its node name, as \(Trace.nodeName(positions.first ?? 0)) "
        + "(n and the # column of 'gradviz grads')"
    case .noSuchPosition(let position, let count):
      return
        "there is no value \(Trace.nodeName(position)): the root depends on \(count) values, "
        + "n0 to \(Trace.nodeName(count - 1))"
    case .emptySelector:
      return "name a value by its label or by its node name, as n3"
    case .invalidAssignment(let text, let reason):
      return "'\(text)' is not NAME=NUMBER: \(reason)"
    case .gradNotComputed(let name):
      return "\(name).grad was never computed: call backward() in the script, or drop --no-backward"
    case .expression(let diagnostic):
      return diagnostic
    case .notANumber(let expression, let result):
      return "'\(expression)' gives \(result), not a number or a Value"
    }
  }
}
