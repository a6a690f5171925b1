import JSONValue

/// The one error type of the API layer: what a client sees as `{"__type": code, "message": ...}`.
///
/// ASL runtime errors are not API errors (they travel in history events); this type is only for a
/// request the service refuses. Backends throw it too, so every refusal is worded in one place.
package struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    package var code: Code
    package var message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The HTTP status AWS answers with: every modelled Step Functions error is a 400 client error;
    /// only the service's own failures are 5xx.
    package var status: Int { code.status }

    package var description: String { "\(code.rawValue): \(message)" }

    /// The body AWS JSON 1.0 clients parse: botocore reads the code from `__type` (taking what
    /// follows any `#`) and the text from `message`.
    package var json: JSONValue {
        var o = JSONObject(minimumCapacity: 2)
        o.append("__type", .string(code.rawValue))
        o.append("message", .string(message))
        return .object(o)
    }

    /// AWS's error names (the `__type` value): Step Functions' modelled errors and the protocol's own.
    package enum Code: String, Sendable, CaseIterable {
        // Step Functions (service-2.json error shapes)
        case activityAlreadyExists = "ActivityAlreadyExists"
        case activityDoesNotExist = "ActivityDoesNotExist"
        case activityLimitExceeded = "ActivityLimitExceeded"
        case activityWorkerLimitExceeded = "ActivityWorkerLimitExceeded"
        case conflictException = "ConflictException"
        case executionAlreadyExists = "ExecutionAlreadyExists"
        case executionDoesNotExist = "ExecutionDoesNotExist"
        case executionLimitExceeded = "ExecutionLimitExceeded"
        case executionNotRedrivable = "ExecutionNotRedrivable"
        case invalidArn = "InvalidArn"
        case invalidDefinition = "InvalidDefinition"
        case invalidEncryptionConfiguration = "InvalidEncryptionConfiguration"
        case invalidExecutionInput = "InvalidExecutionInput"
        case invalidLoggingConfiguration = "InvalidLoggingConfiguration"
        case invalidName = "InvalidName"
        case invalidOutput = "InvalidOutput"
        case invalidToken = "InvalidToken"
        case invalidTracingConfiguration = "InvalidTracingConfiguration"
        case missingRequiredParameter = "MissingRequiredParameter"
        case resourceNotFound = "ResourceNotFound"
        case serviceQuotaExceededException = "ServiceQuotaExceededException"
        case stateMachineAlreadyExists = "StateMachineAlreadyExists"
        case stateMachineDeleting = "StateMachineDeleting"
        case stateMachineDoesNotExist = "StateMachineDoesNotExist"
        case stateMachineLimitExceeded = "StateMachineLimitExceeded"
        case stateMachineTypeNotSupported = "StateMachineTypeNotSupported"
        case taskDoesNotExist = "TaskDoesNotExist"
        case taskTimedOut = "TaskTimedOut"
        case tooManyTags = "TooManyTags"
        case validationException = "ValidationException"
        // The AWS JSON protocol's own (not in the service model)
        case unknownOperationException = "UnknownOperationException"
        case serializationException = "SerializationException"
        case invalidParameterValue = "InvalidParameterValue"
        case internalFailure = "InternalFailure"
        case serviceUnavailable = "ServiceUnavailable"

        package var status: Int {
            switch self {
            case .internalFailure: 500
            case .serviceUnavailable: 503
            // The model documents these two codes explicitly.
            case .conflictException: 409
            case .serviceQuotaExceededException: 402
            default: 400
            }
        }
    }
}

// MARK: AWS's wording

/// Constructors with AWS's messages, so backends and this layer phrase each refusal the same way.
extension APIError {
    package static func stateMachineDoesNotExist(_ arn: String) -> APIError {
        APIError(.stateMachineDoesNotExist, "State Machine Does Not Exist: '\(arn)'")
    }

    package static func stateMachineAlreadyExists(_ arn: String) -> APIError {
        APIError(.stateMachineAlreadyExists, "State Machine Already Exists: '\(arn)'")
    }

    package static func stateMachineDeleting(_ arn: String) -> APIError {
        APIError(.stateMachineDeleting, "State machine is being deleted: '\(arn)'")
    }

    package static func executionDoesNotExist(_ arn: String) -> APIError {
        APIError(.executionDoesNotExist, "Execution Does Not Exist: '\(arn)'")
    }

    package static func executionAlreadyExists(_ arn: String) -> APIError {
        APIError(.executionAlreadyExists, "Execution Already Exists: '\(arn)'")
    }

    package static func activityDoesNotExist(_ arn: String) -> APIError {
        APIError(.activityDoesNotExist, "Activity Does Not Exist: '\(arn)'")
    }

    package static func resourceNotFound(_ arn: String) -> APIError {
        APIError(.resourceNotFound, "Resource not found: '\(arn)'")
    }

    package static func invalidName(_ name: String) -> APIError {
        APIError(.invalidName, "Invalid Name: '\(name)'")
    }

    package static func invalidArn(_ detail: String) -> APIError {
        APIError(.invalidArn, "Invalid Arn: '\(detail)'")
    }

    package static func invalidToken(_ detail: String) -> APIError {
        APIError(.invalidToken, "Invalid Token: '\(detail)'")
    }

    package static func invalidExecutionInput(_ detail: String) -> APIError {
        APIError(.invalidExecutionInput, "Invalid State Machine Execution Input: '\(detail)'")
    }

    package static func invalidOutput(_ detail: String) -> APIError {
        APIError(.invalidOutput, "Invalid Output: '\(detail)'")
    }

    /// A task token that names no open task: AWS answers TaskDoesNotExist for a token it never issued.
    package static func taskDoesNotExist() -> APIError {
        APIError(.taskDoesNotExist, "Task Does Not Exist")
    }

    /// A token whose task already finished (or timed out): AWS says TaskTimedOut, not TaskDoesNotExist.
    package static func taskTimedOut() -> APIError {
        APIError(.taskTimedOut, "Task Timed Out: 'Provided task does not exist anymore'")
    }

    package static func tooManyTags(_ arn: String) -> APIError {
        APIError(.tooManyTags, "Too many tags: '\(arn)'")
    }

    package static func unknownOperation(_ target: String?) -> APIError {
        APIError(.unknownOperationException, target.map { "Unknown operation: '\($0)'" } ?? "Missing X-Amz-Target header")
    }

    package static func internalFailure(_ detail: String) -> APIError {
        APIError(.internalFailure, detail)
    }

    /// Constraint violations as AWS's request validator reports them: counted, then joined by "; ".
    package static func validation(_ violations: [String]) -> APIError {
        let count = violations.count
        let head = count == 1 ? "1 validation error detected: " : "\(count) validation errors detected: "
        return APIError(.validationException, head + violations.joined(separator: "; "))
    }
}
