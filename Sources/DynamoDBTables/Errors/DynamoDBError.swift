/// A DynamoDB API error: the AWS error code (`__type` without its namespace), the message AWS gives,
/// and for a failed condition with `ReturnValuesOnConditionCheckFailure: ALL_OLD` the item as it was.
package struct DynamoDBError: Error, Equatable, Sendable, CustomStringConvertible {
    package var code: String
    package var message: String
    /// The item that failed the condition, when the request asked for it.
    package var item: Item?

    package init(code: String, message: String, item: Item? = nil) {
        self.code = code
        self.message = message
        self.item = item
    }

    package var description: String { "\(code): \(message)" }

    /// The HTTP status DynamoDB answers this error with.
    package var httpStatus: Int { code == "InternalServerError" ? 500 : 400 }

    package static func validation(_ message: String) -> DynamoDBError {
        DynamoDBError(code: "ValidationException", message: message)
    }

    /// A parameter value DynamoDB rejects with its "One or more parameter values were invalid" prefix.
    package static func invalidParameter(_ detail: String) -> DynamoDBError {
        .validation("One or more parameter values were invalid: " + detail)
    }

    package static func conditionFailed(item: Item? = nil) -> DynamoDBError {
        DynamoDBError(code: "ConditionalCheckFailedException", message: "The conditional request failed", item: item)
    }

    /// An item operation on a table that does not exist.
    package static let resourceNotFound = DynamoDBError(
        code: "ResourceNotFoundException", message: "Requested resource not found")

    /// DescribeTable or DeleteTable of a table that does not exist.
    package static func tableNotFound(_ name: String) -> DynamoDBError {
        DynamoDBError(code: "ResourceNotFoundException", message: "Requested resource not found: Table: \(name) not found")
    }

    package static func tableExists(_ name: String) -> DynamoDBError {
        DynamoDBError(code: "ResourceInUseException", message: "Table already exists: \(name)")
    }

    /// A storage failure: the store could not read or write.
    package static func internalError(_ message: String) -> DynamoDBError {
        DynamoDBError(code: "InternalServerError", message: message)
    }
}
