/// Human-facing facts about each editing operation, as shown by `GET /edit/operations`.
public struct OperationInfo: Sendable, Equatable {
    public let label: String
    public let description: String
    /// Request fields the operation itself always needs (a model may require more).
    public let requires: Set<RequestField>
    /// Request fields the operation can use, for forms.
    public let uses: Set<RequestField>
}

extension ImageOperation {
    public var info: OperationInfo {
        switch self {
        case .generalEdit:
            OperationInfo(label: "General edit", description: "Describe a change in words; the model edits the whole image.",
                          requires: [.prompt], uses: [.prompt, .negativePrompt, .referenceImages])
        case .inpaint:
            OperationInfo(label: "Inpaint", description: "Repaint the white area of a mask from a prompt.",
                          requires: [.prompt], uses: [.prompt, .negativePrompt, .mask])
        case .outpaint:
            OperationInfo(label: "Outpaint", description: "Extend the canvas left, right, up or down.",
                          requires: [.expansion], uses: [.prompt, .expansion])
        case .erase:
            OperationInfo(label: "Erase", description: "Remove what the mask covers and fill it with surroundings.",
                          requires: [.mask], uses: [.mask])
        case .removeBackground:
            OperationInfo(label: "Remove background", description: "Make the background transparent.",
                          requires: [], uses: [])
        case .searchReplace:
            OperationInfo(label: "Search and replace", description: "Find an object by name and replace it from a prompt.",
                          requires: [.prompt, .searchPrompt], uses: [.prompt, .negativePrompt, .searchPrompt])
        case .searchRecolor:
            OperationInfo(label: "Search and recolor", description: "Recolor an object chosen by name or by mask.",
                          requires: [.prompt], uses: [.prompt, .selectPrompt, .mask])
        case .relight:
            OperationInfo(label: "Relight", description: "Change the lighting (and with hosted models the background).",
                          requires: [], uses: [.prompt, .background, .lighting])
        case .upscale:
            OperationInfo(label: "Upscale / resize", description: "Resize the image with a Lanczos kernel.",
                          requires: [], uses: [])
        case .crop:
            OperationInfo(label: "Crop", description: "Cut out a rectangle given in options (left, top, width, height).",
                          requires: [], uses: [])
        case .convert:
            OperationInfo(label: "Convert format", description: "Re-encode as png, jpeg or webp.",
                          requires: [], uses: [])
        case .faceSwap:
            OperationInfo(label: "Face swap", description: "Put the face of a second image onto the person in the image.",
                          requires: [.faceImage], uses: [.faceImage])
        case .generate:
            OperationInfo(label: "Create", description: "Make an image from a prompt.",
                          requires: [.prompt], uses: [.prompt, .negativePrompt])
        case .translate:
            OperationInfo(label: "Translate", description: "Translate the text in the image, keeping its layout.",
                          requires: [.targetLanguage], uses: [.targetLanguage])
        case .imageTo3D:
            OperationInfo(label: "Image to 3D", description: "Make a 3D model (GLB) of the object in the image.",
                          requires: [], uses: [])
        case .character:
            OperationInfo(label: "Character", description: "New images of the character in a reference image, from a prompt.",
                          requires: [.prompt], uses: [.prompt, .negativePrompt])
        }
    }
}
