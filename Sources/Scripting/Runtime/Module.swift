/// A module a script can import: Python's `math` and `random`.
enum Module: String {
  case math, random

  /// The names the module has.
  var memberNames: [String] {
    switch self {
    case .math: MathFunction.allCases.map(\.rawValue) + ["pi", "e", "tau", "inf", "nan"]
    case .random: RandomFunction.allCases.map(\.rawValue)
    }
  }
}

extension Module {
  /// The functions of the `math` module, on numbers.
  enum MathFunction: String, CaseIterable {
    case exp, log, log2, log10, sqrt, tanh, sinh, cosh, sin, cos, tan, atan, asin, acos
    case floor, ceil, fabs, pow, isclose, isnan, isinf, isfinite, erf, atan2, hypot
  }

  /// The functions of the `random` module, which give CPython's numbers for the same seed.
  enum RandomFunction: String, CaseIterable {
    case seed, random, uniform, gauss, randint, randrange, choice, shuffle
  }
}
