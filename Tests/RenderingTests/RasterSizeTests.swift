import Autograd
import GraphvizBindings
import Rendering
import Testing

/// Bitmaps get a sensible size by default: at most 4,000 pixels on the long side.
@Suite("default bitmap size")
struct RasterSizeTests {
  /// The width and height in a PNG's header.
  func pixels(_ bytes: [UInt8]) -> (width: Int, height: Int) {
    let word = { (i: Int) in bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (word(16), word(20))
  }

  /// A chain of additions drawn left to right: about 330 points per step, so 20 steps are
  /// about 8,800 pixels wide at 96 dpi.
  func wide() -> Value {
    let tape = Tape()
    var x = Value(1.0, label: "x", on: tape)
    for _ in 0..<20 { x = x + 1.0 }
    x.backward()
    return x
  }

  @Test("a wide graph's PNG is scaled down to 4,000 pixels, and the fit says from what")
  func scaledDown() throws {
    let picture = try Drawing(root: wide()).picture(format: "png")
    let fit = try #require(picture.fit)
    let size = pixels(picture.bytes)
    #expect(size.width == fit.width && size.height == fit.height)
    #expect(max(size.width, size.height) == PictureFit.defaultLongSide)
    #expect(fit.naturalWidth > 2 * PictureFit.defaultLongSide)
    #expect(fit.description.contains("pixels, scaled down from "))
    // The natural size, which --scale 1 asks for, is the one the fit names.
    let natural = try Drawing(root: wide(), options: DrawingOptions(scale: 1)).picture(
      format: "png")
    #expect(natural.fit == nil)
    let full = pixels(natural.bytes)
    #expect(full.width == fit.naturalWidth && full.height == fit.naturalHeight)
  }

  @Test("--size and --scale set the size themselves; small bitmaps and vector formats keep theirs")
  func untouched() throws {
    let sized = try Drawing(root: wide(), options: DrawingOptions(size: PictureSize("60")))
      .picture(format: "png")
    #expect(sized.fit == nil)
    #expect(pixels(sized.bytes).width > PictureFit.defaultLongSide)
    let small = try Drawing(root: Graphs.neuron()).picture(format: "png")
    #expect(small.fit == nil && pixels(small.bytes).width < PictureFit.defaultLongSide)
    for format in ["svg", "pdf", "dot"] {
      #expect(try Drawing(root: wide()).picture(format: format).fit == nil, "\(format)")
    }
  }
}
