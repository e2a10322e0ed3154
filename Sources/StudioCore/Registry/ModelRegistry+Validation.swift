extension ModelRegistry {
    /// Every problem with the registry's data, as sentences; empty when it is sound.
    public func problems() -> [String] {
        var problems: [String] = []
        var seen: Set<String> = []
        for model in models {
            let at = "model '\(model.id)'"
            if !seen.insert(model.id).inserted { problems.append("\(at) is listed twice") }
            if model.name.isEmpty || model.description.isEmpty { problems.append("\(at) needs a name and a description") }
            if !Self.knownProviders.contains(model.provider) { problems.append("\(at) names unknown provider '\(model.provider)'") }
            if model.providerPath.isEmpty { problems.append("\(at) has no provider path") }
            problems += priceProblems(model).map { "\(at): \($0)" }
            problems += limitProblems(model).map { "\(at): \($0)" }
            problems += shapeProblems(model).map { "\(at): \($0)" }
        }
        return problems
    }

    private func priceProblems(_ model: ModelDescriptor) -> [String] {
        let isLocal = model.provider == "local"
        switch model.price {
        case .free:
            return isLocal ? [] : ["only the local engine is free"]
        case .resolutionBands(let bands) where bands.isEmpty:
            return ["resolution bands are empty"]
        case .byOption(_, let defaultValue, let prices) where prices[defaultValue] == nil:
            return ["default option '\(defaultValue)' has no price"]
        case .qualityBySize(_, let defaultValue, let prices) where prices[defaultValue] == nil:
            return ["default quality '\(defaultValue)' has no price"]
        default:
            var problems = model.price.amounts.contains { $0 <= .zero } ? ["every price must be positive"] : []
            if isLocal { problems.append("the local engine must be free") }
            return problems
        }
    }

    private func limitProblems(_ model: ModelDescriptor) -> [String] {
        var problems: [String] = []
        if model.capabilities.isEmpty { problems.append("has no capabilities") }
        if model.minResolution.width < 1 || model.minResolution.height < 1 { problems.append("min resolution must be positive") }
        if model.minResolution.width > model.maxResolution.width || model.minResolution.height > model.maxResolution.height {
            problems.append("min resolution exceeds max resolution")
        }
        if let minPixels = model.minPixels, let maxPixels = model.maxPixels, minPixels > maxPixels {
            problems.append("min pixels exceed max pixels")
        }
        if !(0...100).contains(model.quality) { problems.append("quality must be 0–100") }
        if (model.tier == .free) != (model.price == .free) { problems.append("tier 'free' goes with a free price and only with it") }
        return problems
    }

    private func shapeProblems(_ model: ModelDescriptor) -> [String] {
        let shape = model.request
        var problems: [String] = []
        let generatesOnly = model.capabilities == [.generate]
        if shape.imageField.isEmpty != generatesOnly {
            problems.append(generatesOnly ? "a text-to-image model takes no image field" : "request shape has no image field")
        }
        if model.can(.faceSwap) != (shape.faceField != nil) { problems.append("face swap models, and only they, name a face field") }
        if model.outputKind == .model3D && model.capabilities != [.imageTo3D] { problems.append("a 3D model output is for image-to-3D only") }
        if model.can(.imageTo3D) && model.outputKind != .model3D { problems.append("image-to-3D models produce a 3D model") }
        if shape.maxReferences < 1 { problems.append("max references must be at least 1") }
        if shape.outputFormats.isEmpty { problems.append("request shape lists no output format") }
        if !shape.outputFormats.contains(shape.defaultOutputFormat) { problems.append("default output format is not among the output formats") }
        if shape.maskConvention != nil, shape.maskField == nil { problems.append("names a mask convention but no mask field") }
        if shape.requires.contains(.mask), shape.maskField == nil { problems.append("requires a mask but names no mask field") }
        if let guidance = shape.guidance, !(guidance.min <= guidance.default && guidance.default <= guidance.max) {
            problems.append("guidance default lies outside its range")
        }
        if model.can(.outpaint), shape.sizing != .expansion, shape.sizing != .size {
            problems.append("outpainting needs expansion or size sizing")
        }
        return problems
    }
}
