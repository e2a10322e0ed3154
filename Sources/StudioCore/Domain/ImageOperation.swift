/// Every operation the studio knows. Which ones a model can do is registry data.
public enum ImageOperation: String, CaseIterable, Sendable, Codable, Hashable {
    case generalEdit = "general_edit"
    case inpaint
    case outpaint
    case erase
    case removeBackground = "remove_background"
    case searchReplace = "search_replace"
    case searchRecolor = "search_recolor"
    case relight
    case upscale
    case crop
    case convert
    case faceSwap = "face_swap"
    case generate
    case translate
    case imageTo3D = "image_to_3d"
    case character

    /// The operations `/edit/process` serves: one input image in, one image out.
    public static var editing: [ImageOperation] {
        [.generalEdit, .inpaint, .outpaint, .erase, .removeBackground, .searchReplace, .searchRecolor,
         .relight, .upscale, .crop, .convert]
    }

    public var isEditing: Bool { Self.editing.contains(self) }

    /// Every operation but generation starts from an input image.
    public var takesInputImage: Bool { self != .generate }

    /// The family a plan counts this operation in.
    public var family: OperationFamily {
        switch self {
        case .generate, .character: .generation
        case .faceSwap: .faceSwap
        case .translate: .translation
        case .imageTo3D: .imageTo3D
        default: .editing
        }
    }
}

/// Plans limit operations per family, each with its own monthly count.
public enum OperationFamily: String, Sendable, Codable, CaseIterable, Hashable {
    case editing
    case generation
    case faceSwap = "face_swap"
    case translation
    case imageTo3D = "image_to_3d"
}
