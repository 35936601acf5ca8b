import Foundation

/// The random number generator of Python's `random` module: MT19937, seeded as CPython seeds
/// it, so that a script gives the same numbers as Python for the same seed.
///
/// ```
/// random.seed(1337); random.uniform(-1, 1)    # the same in gradviz and CPython
/// ```
/// The algorithm is Matsumoto and Nishimura's (1998); seeding from an integer follows
/// CPython's `random_seed` (`init_by_array` with the integer's 32-bit words, least
/// significant first), and `random()` its `random_random` (53 bits from two draws).
/// A script that never calls `random.seed` starts from seed 0, so every run is the same.
struct MersenneTwister {
  private var state = [UInt32](repeating: 0, count: 624)
  private var index = 625
  /// The second number of the last Box-Muller pair, which `gauss` returns next.
  var nextGauss: Double?

  /// A generator seeded with `seed`, as `random.seed(seed)` does.
  init(seed: Int) {
    self.seed(seed)
  }

  /// Reseeds as `random.seed(seed)` does for an integer: with its absolute value's 32-bit
  /// words.
  mutating func seed(_ seed: Int) {
    var magnitude = seed.magnitude
    var key: [UInt32] = []
    repeat {
      key.append(UInt32(truncatingIfNeeded: magnitude))
      magnitude >>= 32
    } while magnitude > 0
    initialize(by: key)
    nextGauss = nil
  }

  private mutating func initialize(_ seed: UInt32) {
    state[0] = seed
    for i in 1..<624 {
      state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
    }
    index = 624
  }

  private mutating func initialize(by key: [UInt32]) {
    initialize(19_650_218)
    var i = 1
    var j = 0
    for _ in 0..<max(624, key.count) {
      state[i] =
        (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
      i += 1
      j += 1
      if i >= 624 {
        state[0] = state[623]
        i = 1
      }
      if j >= key.count { j = 0 }
    }
    for _ in 0..<623 {
      state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
      i += 1
      if i >= 624 {
        state[0] = state[623]
        i = 1
      }
    }
    state[0] = 0x8000_0000
  }

  /// The next 32 random bits.
  mutating func next32() -> UInt32 {
    if index >= 624 { twist() }
    var y = state[index]
    index += 1
    y ^= y >> 11
    y ^= (y << 7) & 0x9D2C_5680
    y ^= (y << 15) & 0xEFC6_0000
    y ^= y >> 18
    return y
  }

  private mutating func twist() {
    for i in 0..<624 {
      let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
      state[i] = state[(i + 397) % 624] ^ (y >> 1) ^ (y & 1 == 0 ? 0 : 0x9908_B0DF)
    }
    index = 0
  }

  /// A uniform number in [0, 1) with 53 random bits: `random.random()`.
  mutating func random() -> Double {
    let a = Double(next32() >> 5)
    let b = Double(next32() >> 6)
    return (a * 67_108_864 + b) * (1.0 / 9_007_199_254_740_992)
  }

  /// `k` random bits, `random.getrandbits(k)` for `k` in 1...64.
  mutating func bits(_ k: Int) -> UInt64 {
    if k <= 32 { return UInt64(next32() >> (32 - k)) }
    let low = UInt64(next32())
    let high = UInt64(next32() >> (64 - k))
    return high << 32 | low
  }

  /// A uniform integer in `0..<n`, as CPython's `_randbelow` draws it (rejection sampling
  /// over `n.bit_length()` bits).
  mutating func below(_ n: Int) -> Int {
    precondition(n > 0, "below(0)")
    let k = Int.bitWidth - n.leadingZeroBitCount
    var r = bits(k)
    while r >= UInt64(n) { r = bits(k) }
    return Int(r)
  }

  /// A normal number with mean `mu` and standard deviation `sigma`: `random.gauss`, by
  /// CPython's Box-Muller with the second number of each pair kept for the next call.
  mutating func gauss(_ mu: Double, _ sigma: Double) -> Double {
    var z: Double
    if let saved = nextGauss {
      z = saved
      nextGauss = nil
    } else {
      let angle = random() * 2 * Double.pi
      let radius = (-2 * Foundation.log(1 - random())).squareRoot()
      z = Foundation.cos(angle) * radius
      nextGauss = Foundation.sin(angle) * radius
    }
    return mu + z * sigma
  }
}
