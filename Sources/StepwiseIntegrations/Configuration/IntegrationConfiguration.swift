import JSONValue

/// A configuration file that cannot be used: where in it (a JSON pointer) and what is wrong.
package struct IntegrationConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    package var pointer: String
    package var message: String

    package init(pointer: String, message: String) {
        self.pointer = pointer
        self.message = message
    }

    package var description: String { "\(message) (at \(pointer.isEmpty ? "/" : pointer))" }
}

/// How a deployment reaches the services its Task states call (`stepwise serve --config FILE`):
/// one top-level section per integration, each read by that integration.
///
/// - `Connections`: HTTP connections by name, as EventBridge's CreateConnection describes them
///   (`AuthorizationType`, `AuthParameters`), for `http:invoke`'s `Authentication.ConnectionArn`.
/// - `LambdaFunctions`: functions by name, each an HTTP `Url` or a local `Command`.
/// - `DynamoDB`: `Tables` (CreateTable inputs) created in the embedded store at start.
/// - `AWS`: an endpoint (per service or for all), region and credentials for AWS service calls.
/// - `Mocks`: a mock configuration in AWS Step Functions Local's format, used by executions whose
///   state machine ARN names a test case (`...:stateMachine:Name#TestCase`).
package struct IntegrationConfiguration: Sendable, Equatable {
    package static let sectionNames: [String] = ["Connections", "LambdaFunctions", "DynamoDB", "AWS", "Mocks"]

    package var sections: JSONObject

    package init() { sections = JSONObject() }

    package init(json: JSONValue) throws(IntegrationConfigurationError) {
        guard let object = json.objectValue else {
            throw IntegrationConfigurationError(pointer: "", message: "The configuration must be a JSON (or YAML) object")
        }
        for key in object.keys where !Self.sectionNames.contains(key) {
            throw IntegrationConfigurationError(
                pointer: "/" + key,
                message: "Unknown section '\(key)'; the sections are \(Self.sectionNames.joined(separator: ", "))")
        }
        for key in object.keys where object[key]?.objectValue == nil {
            throw IntegrationConfigurationError(pointer: "/" + key, message: "The section '\(key)' must be an object")
        }
        sections = object
    }

    /// The section's object, nil when the file has none.
    package func section(_ name: String) -> JSONObject? { sections[name]?.objectValue }
}
