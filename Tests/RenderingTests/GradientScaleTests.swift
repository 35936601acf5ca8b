import Rendering
import Testing

@Suite("gradient colours")
struct GradientScaleTests {
  @Test("four decades per sign, counted down from the largest magnitude")
  func shades() {
    let scale = GradientScale(grads: [250, -0.3, 0, .nan], computed: [true, true, true, true])
    #expect(scale.top == 2)
    #expect(scale.fill(250, computed: true) == GradientScale.Fill(fill: "#b2182b", font: "#ffffff"))
    #expect(scale.fill(100, computed: true)?.fill == "#b2182b")
    #expect(scale.fill(99.9, computed: true)?.fill == "#d6604d")
    #expect(scale.fill(-10, computed: true)?.fill == "#4393c3")
    #expect(scale.fill(-9.99, computed: true)?.fill == "#92c5de")
    #expect(scale.fill(-0.3, computed: true)?.fill == "#d1e5f0")
    #expect(scale.fill(1e-300, computed: true)?.fill == "#fddbc7")
  }

  @Test("zero, NaN, infinities and not computed stand apart")
  func specials() {
    let scale = GradientScale(grads: [1], computed: [true])
    #expect(scale.fill(0, computed: true)?.fill == GradientScale.zero)
    #expect(scale.fill(-0.0, computed: true)?.fill == GradientScale.zero)
    #expect(scale.fill(.nan, computed: true)?.fill == GradientScale.nan)
    #expect(scale.fill(.infinity, computed: true)?.fill == GradientScale.infinite)
    #expect(scale.fill(-.infinity, computed: true)?.fill == GradientScale.infinite)
    #expect(scale.fill(5, computed: false) == nil)
    let fills = Set(
      GradientScale.positive + GradientScale.negative
        + [GradientScale.zero, GradientScale.nan, GradientScale.infinite])
    #expect(fills.count == 11)
  }

  @Test("infinite and uncomputed grads do not set the scale")
  func scaleIgnoresSpecials() {
    #expect(GradientScale(grads: [.infinity, 1e6, 0.5], computed: [true, false, true]).top == -1)
    #expect(GradientScale(grads: [0, .nan], computed: [true, true]).top == nil)
  }

  @Test("the legend names the decades")
  func legend() {
    let html = GradientScale(grads: [0.5], computed: [true]).legendHTML()
    for text in ["+ ≥ 1e-1", "+ 1e-2 to 1e-1", "− &lt; 1e-3", "not computed", "thick border: root"]
    {
      #expect(html.contains(text), "\(text)")
    }
    // Compact: a row per decade for both signs, two rows of special fills, one of borders.
    #expect(html.components(separatedBy: "<TR>").count - 1 == 8)
  }
}
