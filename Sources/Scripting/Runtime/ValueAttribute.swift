/// The attributes of a `Value` that scripts can read, and some of them assign.
enum ValueAttribute: String, CaseIterable {
  case data, grad, label
  /// The operation's name, micrograd's `_op`; read-only.
  case op = "_op"
  /// `op`, the same as `_op`.
  case opAlias = "op"

  /// Whether scripts may assign it.
  var isAssignable: Bool {
    switch self {
    case .data, .grad, .label: true
    case .op, .opAlias: false
    }
  }

  /// Every name that `value.NAME` can read: attributes and methods.
  static let memberNames: [String] =
    allCases.map(\.rawValue) + ValueMethod.allCases.map(\.rawValue)
}
