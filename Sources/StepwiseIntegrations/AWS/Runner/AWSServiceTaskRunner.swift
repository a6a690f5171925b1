import AsyncHTTPClient
import JSONValue
import NIOCore
import NIOHTTP1
import StatesLanguage
import StepwiseEngine

/// Calls AWS services (or an AWS-compatible server) for `aws-sdk:SERVICE:action` resources and the
/// optimized `sqs:sendMessage`, `sns:publish`, `events:putEvents` and `dynamodb:*Item` ones,
/// signed with Signature V4, for every service that has an endpoint configured.
///
/// Request-response only: for `.waitForTaskToken` it makes the call and returns its outcome (the
/// router waits for the token); `.sync` is not offered for these, as on AWS.
///
/// By default the runner makes its own HTTP client, which `shutdown()` must close once the runner
/// is no longer used (copies share it; shut down once). It does not retry refused connections, so
/// an unreachable endpoint fails the task at once and the state's `Retry` decides what follows,
/// where `HTTPClient.shared` would keep reconnecting until the request's deadline. A caller that
/// passes its own client keeps ownership of it, and `shutdown()` leaves it alone.
package struct AWSServiceTaskRunner: ServiceIntegration {
    /// A resource resolved to a service call.
    package struct Call: Sendable, Equatable {
        package var service: AWSServiceDescription
        /// camelCase, as in the resource (`sendMessage`).
        package var action: String
        /// True for an optimized integration (`arn:aws:states:::sqs:sendMessage`).
        package var optimized: Bool
        package var endpoint: AWSEndpoint
    }

    package let configuration: AWSConfiguration
    private let client: HTTPClient
    private let ownsClient: Bool
    private let clock: any ExecutionClock
    private let requestTimeout: TimeAmount
    /// Larger answers fail the task rather than fill memory (Step Functions' own limit is 256 KiB).
    private let maxResponseBytes = 16 * 1024 * 1024

    package init(
        configuration: AWSConfiguration, httpClient: HTTPClient? = nil, clock: any ExecutionClock = SystemClock(),
        requestTimeout: TimeAmount = .seconds(60)
    ) {
        self.configuration = configuration
        if let httpClient {
            client = httpClient
            ownsClient = false
        } else {
            client = HTTPExchange.makeClient()
            ownsClient = true
        }
        self.clock = clock
        self.requestTimeout = requestTimeout
    }

    /// Closes the runner's own HTTP client (not one passed to `init`); call once, after the last `run`.
    package func shutdown() async throws {
        if ownsClient { try await client.shutdown() }
    }

    /// The call a resource makes, or nil when it is not this runner's: an unknown service or
    /// action, a `.sync` pattern, or a service without a configured endpoint.
    package func call(for resource: TaskResource) -> Call? {
        guard case .service(let type, let fullAction) = resource.kind else { return nil }
        let action = resource.pattern == .requestResponse ? fullAction : String(fullAction.dropLast(resource.pattern.rawValue.count))
        guard !action.isEmpty, action.allSatisfy({ $0.isLetter || $0.isNumber }) else { return nil }
        if type.hasPrefix("aws-sdk:") {
            guard resource.pattern == .requestResponse || resource.pattern == .waitForTaskToken,
                let service = AWSServiceCatalog.service(named: String(type.dropFirst("aws-sdk:".count))),
                let endpoint = configuration.endpoint(forService: service.name)
            else { return nil }
            return Call(service: service, action: action, optimized: false, endpoint: endpoint)
        }
        guard let service = AWSServiceCatalog.service(optimizedType: type), let optimized = service.optimized,
            let offersCallback = optimized.actions[action],
            resource.pattern == .requestResponse || (resource.pattern == .waitForTaskToken && offersCallback),
            let endpoint = configuration.endpoint(forService: service.name)
        else { return nil }
        return Call(service: service, action: action, optimized: true, endpoint: endpoint)
    }

    package func serves(_ resource: TaskResource) -> Bool { call(for: resource) != nil }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard let call = call(for: request.resource) else {
            return .failed(error: "States.Runtime", cause: "No AWS endpoint serves the resource '\(request.resource.arn)'")
        }
        let parameters: JSONObject
        switch request.parameters {
        case .object(let object): parameters = object
        case .null: parameters = JSONObject()
        default:
            return .failed(
                error: "States.Runtime",
                cause: "The parameters of '\(request.resource.arn)' must be an object, not \(request.parameters.typeName)")
        }
        return await perform(call, parameters: parameters)
    }

    /// Makes the call and maps its answer to the state's result or error.
    package func perform(_ call: Call, parameters: JSONObject) async -> TaskOutcome {
        let resourceType = call.service.optimized?.resourceType ?? call.service.name
        let sent = call.optimized ? OptimizedIntegrations.request(resourceType: resourceType, action: call.action, parameters: parameters) : parameters
        let wireAction = AWSServiceDescription.wireAction(call.action)
        let response: AWSHTTPResponse
        do {
            response = try await send(call, action: wireAction, parameters: sent)
        } catch {
            return .failed(error: "States.TaskFailed", cause: error.description)
        }
        switch AWSWireCodec.decode(service: call.service, action: wireAction, response: response) {
        case .success(let result):
            if call.optimized {
                return .succeeded(OptimizedIntegrations.result(resourceType: resourceType, action: call.action, result))
            }
            return .succeeded(result.output)
        case .failure(let failure):
            let named = call.optimized
                ? AWSErrorNames.optimizedIntegration(call.service.optimized!, failure)
                : AWSErrorNames.sdkIntegration(call.service, failure)
            return .failed(error: named.error, cause: named.cause)
        }
    }

    /// A call that got no answer: no credentials, or the endpoint could not be reached.
    package struct TransportError: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    private func send(_ call: Call, action: String, parameters: JSONObject) async throws(TransportError) -> AWSHTTPResponse {
        guard let credentials = configuration.credentials else {
            throw TransportError(
                description: "No AWS credentials to sign the \(call.service.name) call with: set AccessKeyId and SecretAccessKey "
                    + "in the AWS section of the configuration, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")
        }
        let encoded = AWSWireCodec.encode(service: call.service, action: action, parameters: parameters)
        let unsigned = SignableRequest(
            method: "POST", path: "/", headers: [.init("Host", call.endpoint.host)] + encoded.headers, body: encoded.body)
        let signer = SignatureV4(credentials: credentials, region: configuration.region, service: call.service.signingName)
        let signed = signer.sign(unsigned, at: clock.now())

        var http = HTTPClientRequest(url: call.endpoint.url + "/")
        http.method = .POST
        for header in signed.headers { http.headers.add(name: header.name, value: header.value) }
        http.body = .bytes(ByteBuffer(bytes: signed.body))
        do {
            // AsyncHTTPClient cancels the request when the calling task is cancelled.
            let response = try await client.execute(http, timeout: requestTimeout)
            let body = try await response.body.collect(upTo: maxResponseBytes)
            return AWSHTTPResponse(
                status: Int(response.status.code),
                headers: response.headers.map { SignableRequest.Header($0.name, $0.value) },
                body: Array(body.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw TransportError(
                description: "The \(call.service.name) endpoint \(call.endpoint.url) answered with more than \(maxResponseBytes) bytes")
        } catch {
            if Task.isCancelled {
                throw TransportError(description: "The \(call.service.name) call to \(call.endpoint.url) was cancelled")
            }
            throw TransportError(description: "The \(call.service.name) endpoint \(call.endpoint.url) could not be reached: \(error)")
        }
    }
}
