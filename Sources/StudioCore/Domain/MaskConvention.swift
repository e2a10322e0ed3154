/// How a mask marks the area to edit.
public enum MaskConvention: String, Sendable, Codable, Hashable {
    /// White pixels are edited, black kept (ours, and most providers').
    case whiteEdits = "white_edits"
    /// Fully transparent pixels are edited (OpenAI's convention).
    case transparentEdits = "transparent_edits"
}
