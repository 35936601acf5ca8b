/// A small random number generator that gives the same numbers from the same seed on every
/// platform: Knuth's MMIX linear congruential generator.
///
/// ```
/// state = state · 6364136223846793005 + 1442695040888963407   (mod 2⁶⁴)
/// ```
/// Each call to ``next()`` advances the state and returns it. ``nextSigned()`` turns the top
/// 53 bits into a uniform number in [-1, 1) with one multiplication, exactly as the
/// hand-derived C reference of the benchmark does, so `MLP(inputCount: 2, layerSizes: [16, 16, 1],
/// seed: 1337)` starts from the same weights as that reference.
///
/// It is meant for reproducible initial weights and test data, not for cryptography or
/// statistics that need a long period in the low bits.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
  /// The current state; the next number is derived from it.
  public private(set) var state: UInt64

  /// Creates a generator whose first state is `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Advances the state and returns it.
  public mutating func next() -> UInt64 {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return state
  }

  /// A uniform number in [-1, 1): `(next() >> 11) / 2⁵³ · 2 - 1`.
  ///
  /// The same on every platform (the arithmetic is exact), unlike `Double.random(in:using:)`,
  /// whose algorithm the standard library does not promise to keep.
  public mutating func nextSigned() -> Double {
    Double(next() >> 11) * 0x1p-53 * 2 - 1
  }

  /// A uniform number in [0, 1): `(next() >> 11) / 2⁵³`.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }
}
