import DynamoDBTables
import Foundation
import JSONValue
import StatesLanguage
import StepwiseEngine

/// Runs DynamoDB Task states against Stepwise's embedded tables:
/// - `arn:aws:states:::dynamodb:putItem|getItem|updateItem|deleteItem` (the optimized integration):
///   the API response plus `SdkHttpMetadata` and `SdkResponseMetadata`, as AWS answers it; errors are
///   `DynamoDB.<ErrorCode>`.
/// - `arn:aws:states:::aws-sdk:dynamodb:<action>` (the SDK integration): the API response alone;
///   errors are `DynamoDb.<ErrorCode>` (AWS's ServiceName.ErrorName, the service name in PascalCase).
/// Both are request-response only.
package struct DynamoDBTaskRunner: ServiceIntegration {
    package static let optimizedActions: Set<String> = ["putItem", "getItem", "updateItem", "deleteItem"]

    package let service: DynamoDBService
    let requestId: @Sendable () -> String

    package init(service: DynamoDBService, requestId: @escaping @Sendable () -> String = DynamoDBTaskRunner.newRequestId) {
        self.service = service
        self.requestId = requestId
    }

    /// Every pattern of the actions it knows, so that `.sync` or `.waitForTaskToken` is refused here
    /// with a message that says so.
    package func serves(_ resource: TaskResource) -> Bool {
        guard case .service(let type, let fullAction) = resource.kind else { return false }
        let action = resource.pattern == .requestResponse ? fullAction : String(fullAction.dropLast(resource.pattern.rawValue.count))
        switch type {
        case "dynamodb": return Self.optimizedActions.contains(action)
        case "aws-sdk:dynamodb": return DynamoDBService.actionName(action) != nil
        default: return false
        }
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard serves(request.resource), case .service(let type, let action) = request.resource.kind else {
            return .failed(
                error: "States.Runtime", cause: "The resource \(request.resource.arn) is not a DynamoDB integration Stepwise runs")
        }
        guard request.resource.pattern == .requestResponse else {
            return .failed(
                error: "States.Runtime",
                cause: "The resource \(request.resource.arn) is not supported: DynamoDB integrations are request-response only (no \(request.resource.pattern.rawValue))")
        }
        let optimized = type == "dynamodb"
        let id = requestId()
        do {
            let response = try await service.handle(action: action, input: request.parameters)
            return .succeeded(optimized ? withMetadata(response, requestId: id) : response)
        } catch {
            if optimized {
                return .failed(
                    error: "DynamoDB." + error.code,
                    cause: "\(error.message) (Service: AmazonDynamoDBv2; Status Code: \(error.httpStatus); Error Code: \(error.code); Request ID: \(id); Proxy: null)")
            }
            return .failed(
                error: "DynamoDb." + error.code,
                cause: "\(error.message) (Service: DynamoDb, Status Code: \(error.httpStatus), Request ID: \(id))")
        }
    }

    /// The optimized integration's output: the response with the HTTP metadata the AWS Java SDK adds.
    func withMetadata(_ response: JSONValue, requestId: String) -> JSONValue {
        var object = response.objectValue ?? JSONObject()
        let body = Array(response.serialized().utf8)
        let headers: [(String, String)] = [
            ("Connection", "keep-alive"),
            ("Content-Length", String(body.count)),
            ("Content-Type", "application/x-amz-json-1.0"),
            ("Date", Timestamp(seconds: service.clock()).httpDate),
            ("Server", "Server"),
            ("x-amz-crc32", String(CRC32.checksum(body))),
            ("x-amzn-RequestId", requestId),
        ]
        object["SdkHttpMetadata"] = [
            "AllHttpHeaders": .object(JSONObject(headers.map { ($0.0, [.string($0.1)]) })),
            "HttpHeaders": .object(JSONObject(headers.map { ($0.0, .string($0.1)) })),
            "HttpStatusCode": 200,
        ]
        object["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        return .object(object)
    }

    /// A request id shaped like DynamoDB's: 52 upper-case letters and digits.
    package static func newRequestId() -> String {
        let symbols = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<52).map { _ in symbols[Int(generator.next() % UInt64(symbols.count))] })
    }
}

/// IEEE CRC-32, which DynamoDB sends as `x-amz-crc32` over the response body.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in bytes { crc = table[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
