import AsyncHTTPClient
import Foundation
import JSONValue
import NIOCore
import NIOHTTP1
import StatesLanguage
import StepwiseEngine

/// `arn:aws:states:::http:invoke`: sends the HTTP request a task's parameters describe and returns
/// the response as AWS's HTTP Task does:
/// `{"Headers": {"name": ["value", ...]}, "ResponseBody": <JSON or text>, "StatusCode": 200, "StatusText": "OK"}`
/// with header names lower-cased and each header's values in a list. `ResponseBody` is parsed when
/// the response's content type is JSON (`application/json` or `+json`), else it is the text.
///
/// Errors: a response outside 2xx fails the task with `States.Http.StatusCode.NNN` and, as AWS does,
/// only the status text (`Bad Request`) as the cause: the response body is not kept; no response (refused, reset, timed out) with
/// `States.Http.Socket`; parameters that cannot be used with `States.Runtime`; a connection that
/// is not configured, or whose OAuth token request fails, with `Events.ConnectionResource.*`.
///
/// `Authentication.ConnectionArn` selects a connection of the configuration's `Connections` by
/// name; unlike AWS a task may omit `Authentication` to call an API without credentials.
///
/// The `HTTPClient` belongs to the caller, who shuts it down (if it is not `HTTPClient.shared`)
/// after the last task ended.
package struct HTTPInvokeTaskRunner: ServiceIntegration {
    package static let socketError = "States.Http.Socket"
    package static let statusCodeErrorPrefix = "States.Http.StatusCode."
    package static let connectionNotFound = "Events.ConnectionResource.ResourceNotFound"
    package static let connectionInvalid = "Events.ConnectionResource.InvalidConnectionState"

    package let client: HTTPClient
    package let connections: HTTPConnections
    /// How long one request may take before it fails with `States.Http.Socket` (AWS: 60 seconds).
    package let requestTimeout: Duration
    /// The region named in the `User-Agent`, as AWS sends it.
    package let region: String
    /// Larger responses fail the task with `States.DataLimitExceeded`.
    package let maxResponseBytes: Int
    let tokens: OAuthTokenCache

    package init(
        client: HTTPClient, connections: HTTPConnections = HTTPConnections(), region: String = "us-east-1",
        requestTimeout: Duration = .seconds(60), maxResponseBytes: Int = 10 * 1024 * 1024
    ) {
        self.client = client
        self.connections = connections
        self.region = region
        self.requestTimeout = requestTimeout
        self.maxResponseBytes = maxResponseBytes
        self.tokens = OAuthTokenCache()
    }

    package func serves(_ resource: TaskResource) -> Bool {
        guard case .service(let type, let action) = resource.kind, type == "http" else { return false }
        return action == "invoke" || action.hasPrefix("invoke.")
    }

    package func run(_ request: TaskRequest, context: TaskRunContext) async -> TaskOutcome {
        guard serves(request.resource) else {
            return .failed(error: StatesErrorName.runtime, cause: "The HTTP integration does not serve the resource '\(request.resource.arn)'.")
        }
        guard request.resource.pattern == .requestResponse else {
            return .failed(
                error: StatesErrorName.runtime,
                cause: "The resource '\(request.resource.arn)' is not supported: http:invoke offers only the request-response pattern (arn:aws:states:::http:invoke), not \(request.resource.pattern.rawValue).")
        }
        do throws(Failure) {
            return .succeeded(try await invoke(request.parameters))
        } catch {
            return .failed(error: error.error, cause: error.cause)
        }
    }

    /// A failed task: its error name and cause.
    package struct Failure: Error, Equatable, Sendable {
        package var error: String
        package var cause: String
    }

    /// Sends the request the parameters describe and returns the task's result.
    package func invoke(_ parameters: JSONValue) async throws(Failure) -> JSONValue {
        let invocation: HTTPInvokeParameters
        do throws(HTTPInvokeParameterError) {
            invocation = try HTTPInvokeParameters(parameters)
        } catch {
            throw Failure(error: StatesErrorName.runtime, cause: error.cause)
        }
        var connection: HTTPConnection?
        if let arn = invocation.connectionArn {
            guard let found = connections.connection(forArn: arn) else {
                let known = connections.byName.keys.sorted()
                throw Failure(
                    error: Self.connectionNotFound,
                    cause: "The connection '\(HTTPConnections.name(fromArn: arn))' (\(arn)) is not configured; the Connections section of the configuration has \(known.isEmpty ? "none" : known.joined(separator: ", ")).")
            }
            connection = found
        }
        var outgoing = try build(invocation, connection: connection)
        if let connection { try await authorize(&outgoing, connection) }
        var reply = try await send(outgoing)
        if reply.status == 401, let connection, case .oauthClientCredentials(let oauth) = connection.authorization {
            // The token may have been revoked before its expiry: get a new one and try once more.
            if let used = outgoing.headers.first(name: "Authorization") {
                await tokens.invalidate(String(used.dropFirst("Bearer ".count)), for: connection.name)
            }
            outgoing.headers.replaceOrAdd(name: "Authorization", value: "Bearer " + (try await accessToken(connection.name, oauth)))
            reply = try await send(outgoing)
        }
        guard (200..<300).contains(reply.status) else {
            throw Failure(error: Self.statusCodeErrorPrefix + String(reply.status), cause: reply.reason)
        }
        return Self.result(reply)
    }

    func send(_ request: HTTPClientRequest) async throws(Failure) -> HTTPReply {
        let shown = HTTPExchange.redacted(request.url)
        do throws(HTTPExchangeError) {
            return try await HTTPExchange.send(request, on: client, timeout: requestTimeout, maxBodyBytes: maxResponseBytes)
        } catch {
            switch error {
            case .timedOut(let seconds):
                throw Failure(error: Self.socketError, cause: "The request to \(shown) timed out after \(seconds) seconds.")
            case .cancelled:
                throw Failure(error: StatesErrorName.taskFailed, cause: "The request to \(shown) was cancelled.")
            case .tooLarge(let limit):
                throw Failure(error: StatesErrorName.dataLimitExceeded, cause: "The response from \(shown) is larger than \(limit) bytes.")
            case .failed(let reason):
                throw Failure(error: Self.socketError, cause: "The request to \(shown) failed: \(reason)")
            }
        }
    }

    /// The request with the connection's parameters and credentials merged in (theirs win).
    func build(_ invocation: HTTPInvokeParameters, connection: HTTPConnection?) throws(Failure) -> HTTPClientRequest {
        let extra = connection?.invocationParameters ?? HTTPConnectionParameters()
        let connectionQueryNames = Set(extra.queryString.map(\.key))
        var query = invocation.queryParameters.filter { !connectionQueryNames.contains($0.name) }
        query += extra.queryString.map { ($0.key, $0.value) }
        var url = invocation.apiEndpoint
        if let hash = url.firstIndex(of: "#") { url = String(url[..<hash]) }
        if !query.isEmpty {
            url += (url.contains("?") ? "&" : "?")
                + query.map { FormURLEncoding.percentEncode($0.name) + "=" + FormURLEncoding.percentEncode($0.value) }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: invocation.method)
        for header in invocation.headers { request.headers.add(name: header.name, value: header.value) }
        for header in extra.headers { request.headers.replaceOrAdd(name: header.key, value: header.value) }

        var body = invocation.requestBody
        if !extra.body.isEmpty {
            switch body {
            case nil, .null?: body = .object(JSONObject(extra.body.map { ($0.key, JSONValue.string($0.value)) }))
            case .object(var object)?:
                for parameter in extra.body { object[parameter.key] = .string(parameter.value) }
                body = .object(object)
            default:
                throw Failure(
                    error: StatesErrorName.runtime,
                    cause: "The connection '\(connection?.name ?? "")' adds body parameters, so RequestBody must be an object, not \(body?.typeName ?? "null").")
            }
        }
        if let body, !body.isNull {
            let bytes: String
            let contentType: String
            if let format = invocation.urlEncoding {
                bytes = FormURLEncoding.encode(body.objectValue ?? JSONObject(), arrayFormat: format)
                contentType = "application/x-www-form-urlencoded"
            } else if case .string(let text) = body {
                bytes = text
                contentType = "text/plain; charset=UTF-8"
            } else {
                bytes = body.serialized()
                contentType = "application/json; charset=UTF-8"
            }
            // A URL-encoded body is form data whatever the task says; otherwise the task's type stands.
            if invocation.urlEncoding != nil || !request.headers.contains(name: "Content-Type") {
                request.headers.replaceOrAdd(name: "Content-Type", value: contentType)
            }
            request.body = .bytes(ByteBuffer(string: bytes))
        }
        if !request.headers.contains(name: "User-Agent") {
            request.headers.add(name: "User-Agent", value: "Amazon|StepFunctions|HttpInvoke|\(region)")
        }
        return request
    }

    /// Adds the connection's credentials; OAuth may need a token first.
    func authorize(_ request: inout HTTPClientRequest, _ connection: HTTPConnection) async throws(Failure) {
        switch connection.authorization {
        case .apiKey(let name, let value): request.headers.replaceOrAdd(name: name, value: value)
        case .basic(let user, let password): request.headers.replaceOrAdd(name: "Authorization", value: HTTPExchange.basicAuthorization(user, password))
        case .oauthClientCredentials(let oauth):
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer " + (try await accessToken(connection.name, oauth)))
        }
    }

    /// A cached access token, or a new one from the authorization endpoint (client credentials grant).
    func accessToken(_ connection: String, _ oauth: HTTPConnection.OAuthClientCredentials) async throws(Failure) -> String {
        if let token = await tokens.token(for: connection) { return token }
        var form: [(String, String)] = [("grant_type", "client_credentials")]
        form += oauth.parameters.body.map { ($0.key, $0.value) }
        var query = oauth.parameters.queryString.map { ($0.key, $0.value) }
        if oauth.httpMethod == "GET" { query = form + query }
        func encoded(_ pairs: [(String, String)]) -> String {
            pairs.map { FormURLEncoding.percentEncode($0.0) + "=" + FormURLEncoding.percentEncode($0.1) }.joined(separator: "&")
        }
        var url = oauth.authorizationEndpoint
        if !query.isEmpty { url += (url.contains("?") ? "&" : "?") + encoded(query) }
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: oauth.httpMethod)
        request.headers.add(name: "Authorization", value: HTTPExchange.basicAuthorization(oauth.clientID, oauth.clientSecret))
        request.headers.add(name: "Accept", value: "application/json")
        for header in oauth.parameters.headers { request.headers.replaceOrAdd(name: header.key, value: header.value) }
        if oauth.httpMethod != "GET" {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.body = .bytes(ByteBuffer(string: encoded(form)))
        }
        let reply: HTTPReply
        do throws(HTTPExchangeError) {
            reply = try await HTTPExchange.send(request, on: client, timeout: requestTimeout, maxBodyBytes: 1024 * 1024)
        } catch {
            if error == .cancelled { throw Failure(error: StatesErrorName.taskFailed, cause: "The OAuth token request was cancelled.") }
            throw Failure(
                error: Self.connectionInvalid,
                cause: "The connection '\(connection)' could not get an OAuth access token from \(HTTPExchange.redacted(oauth.authorizationEndpoint)): \(error)")
        }
        guard (200..<300).contains(reply.status), let json = try? JSONValue(parsing: reply.body), let token = json["access_token"]?.stringValue,
            !token.isEmpty
        else {
            throw Failure(
                error: Self.connectionInvalid,
                cause: "The connection '\(connection)' could not get an OAuth access token from \(HTTPExchange.redacted(oauth.authorizationEndpoint)): HTTP \(reply.status) \(String(decoding: reply.body.prefix(1024), as: UTF8.self))")
        }
        let expiresIn = json["expires_in"]?.numberValue.flatMap { Double($0.text) } ?? json["expires_in"]?.stringValue.flatMap(Double.init)
        await tokens.store(token, for: connection, expiresIn: expiresIn)
        return token
    }

    /// The task's result for a response.
    package static func result(_ reply: HTTPReply) -> JSONValue {
        var headers = JSONObject()
        for (name, value) in reply.headers {
            let key = name.lowercased()
            if case .array(var values)? = headers[key] {
                values.append(.string(value))
                headers[key] = .array(values)
            } else {
                headers[key] = .array([.string(value)])
            }
        }
        let text = String(decoding: reply.body, as: UTF8.self)
        var body = JSONValue.string(text)
        if let type = reply.header("Content-Type")?.lowercased(), isJSON(type), !reply.body.isEmpty, let parsed = try? JSONValue(parsing: reply.body) {
            body = parsed
        }
        return .object([
            "Headers": .object(headers), "ResponseBody": body, "StatusCode": .int(reply.status), "StatusText": .string(reply.reason),
        ])
    }

    static func isJSON(_ contentType: String) -> Bool {
        let media = contentType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return media == "application/json" || media.hasSuffix("+json")
    }
}
