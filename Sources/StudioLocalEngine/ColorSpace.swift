/// HSV helpers for the recolor operation (hue in degrees, saturation and value 0…1).
struct HSV: Equatable {
    var h: Double, s: Double, v: Double

    init(h: Double, s: Double, v: Double) { self.h = h; self.s = s; self.v = v }

    init(r: UInt8, g: UInt8, b: UInt8) {
        let (r, g, b) = (Double(r) / 255, Double(g) / 255, Double(b) / 255)
        let high = max(r, g, b), low = min(r, g, b), delta = high - low
        v = high
        s = high == 0 ? 0 : delta / high
        if delta == 0 { h = 0 }
        else if high == r { h = 60 * ((g - b) / delta).truncatingRemainder(dividingBy: 6) }
        else if high == g { h = 60 * ((b - r) / delta + 2) }
        else { h = 60 * ((r - g) / delta + 4) }
        if h < 0 { h += 360 }
    }

    var rgb: (UInt8, UInt8, UInt8) {
        let c = v * s, x = c * (1 - abs((h / 60).truncatingRemainder(dividingBy: 2) - 1)), m = v - c
        let (r, g, b): (Double, Double, Double)
        switch h {
        case ..<60: (r, g, b) = (c, x, 0)
        case ..<120: (r, g, b) = (x, c, 0)
        case ..<180: (r, g, b) = (0, c, x)
        case ..<240: (r, g, b) = (0, x, c)
        case ..<300: (r, g, b) = (x, 0, c)
        default: (r, g, b) = (c, 0, x)
        }
        func byte(_ value: Double) -> UInt8 { UInt8(max(0, min(255, ((value + m) * 255).rounded()))) }
        return (byte(r), byte(g), byte(b))
    }
}

/// Colours the recolor operation understands, by name or as #RRGGBB.
enum ColorName {
    static let table: [(String, HSV)] = [
        ("red", HSV(h: 0, s: 0.85, v: 0.85)), ("orange", HSV(h: 30, s: 0.9, v: 0.95)),
        ("yellow", HSV(h: 55, s: 0.85, v: 0.95)), ("green", HSV(h: 120, s: 0.7, v: 0.7)),
        ("teal", HSV(h: 175, s: 0.7, v: 0.6)), ("cyan", HSV(h: 185, s: 0.8, v: 0.9)),
        ("blue", HSV(h: 220, s: 0.8, v: 0.8)), ("navy", HSV(h: 230, s: 0.8, v: 0.4)),
        ("purple", HSV(h: 280, s: 0.7, v: 0.6)), ("violet", HSV(h: 270, s: 0.6, v: 0.8)),
        ("magenta", HSV(h: 300, s: 0.85, v: 0.85)), ("pink", HSV(h: 330, s: 0.45, v: 0.95)),
        ("brown", HSV(h: 25, s: 0.7, v: 0.45)), ("white", HSV(h: 0, s: 0, v: 0.97)),
        ("grey", HSV(h: 0, s: 0, v: 0.5)), ("gray", HSV(h: 0, s: 0, v: 0.5)), ("black", HSV(h: 0, s: 0, v: 0.08)),
    ]

    static func parse(_ text: String) -> HSV? {
        let lower = text.lowercased()
        if let hex = lower.split(whereSeparator: { !$0.isHexDigit && $0 != "#" }).first(where: { $0.hasPrefix("#") && $0.count == 7 }),
           let value = UInt32(hex.dropFirst(), radix: 16) {
            return HSV(r: UInt8(value >> 16 & 0xFF), g: UInt8(value >> 8 & 0xFF), b: UInt8(value & 0xFF))
        }
        let words = Set(lower.split(whereSeparator: { !$0.isLetter }).map(String.init))
        return table.first { words.contains($0.0) }?.1
    }
}
