/// Input fields of an edit request that operations and models can require.
public enum RequestField: String, Sendable, Codable, CaseIterable, Hashable {
    case prompt
    case negativePrompt = "negative_prompt"
    case mask
    case searchPrompt = "search_prompt"
    case selectPrompt = "select_prompt"
    case background
    case lighting
    case expansion
    case referenceImages = "reference_images"
    /// Face swap: the face to put in (the second image).
    case faceImage = "face_image"
    /// Translation: the language to translate the image's text into (`options.target_language`).
    case targetLanguage = "target_language"
}
