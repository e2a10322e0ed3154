extension StudioError {
    /// The stable, machine-readable code of each error, shared by every API and the CLI.
    public var code: String {
        switch self {
        case .invalidRequest: "invalid_request"
        case .invalidBase64: "invalid_base64"
        case .invalidImage: "invalid_image"
        case .imageTooLarge: "image_too_large"
        case .payloadTooLarge: "payload_too_large"
        case .maskSizeMismatch: "mask_size_mismatch"
        case .unknownOperation: "unknown_operation"
        case .unknownModel: "unknown_model"
        case .unsupportedOperation: "unsupported_operation"
        case .missingField(let field, _): "\(field.rawValue)_required"
        case .invalidOption: "invalid_option"
        case .imageDoesNotFit: "image_does_not_fit"
        case .noModelAvailable: "no_model_available"
        case .providerNotConfigured: "provider_not_configured"
        case .quotaExceeded: "quota_exceeded"
        case .budgetExceeded: "budget_exceeded"
        case .provider(let error):
            switch error.kind {
            case .invalidInput: "provider_rejected_input"
            case .contentPolicy: "content_policy_violation"
            case .rateLimited: "provider_rate_limited"
            case .unavailable: "provider_unavailable"
            case .timeout: "provider_timeout"
            case .malformedResponse: "provider_bad_response"
            case .authentication: "provider_authentication_failed"
            case .billing: "provider_billing_error"
            case .ambiguous: "provider_submit_ambiguous"
            case .taskFailed: "provider_task_failed"
            case .engineFailure: "engine_failure"
            }
        case .notFound: "not_found"
        case .storage: "storage_error"
        case .cancelled: "cancelled"
        case .conflict: "conflict"
        }
    }
}
