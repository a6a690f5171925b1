import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A response read in full.
package struct HTTPReply: Sendable {
    package var status: Int
    package var reason: String
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]

    /// The first value of a header (names compare case-insensitively).
    package func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Why an exchange produced no response.
package enum HTTPExchangeError: Error, Sendable, Equatable {
    /// No response within the timeout.
    case timedOut(seconds: Double)
    /// The calling task was cancelled.
    case cancelled
    /// The response body is larger than the limit.
    case tooLarge(limit: Int)
    /// The connection failed: refused, reset, bad TLS, unresolvable host, ...
    case failed(String)
}

/// Sends one request on a shared `HTTPClient` and reads the whole response, racing a timeout and
/// ending with the calling task's cancellation.
package enum HTTPExchange {
    /// The client `HTTPInvokeTaskRunner` and `LambdaTaskRunner` are meant to share: it does not
    /// retry failed connection attempts (AsyncHTTPClient's default retries until the request's
    /// deadline, so a refused connection would only fail after the whole timeout) and gives up on
    /// a connection attempt after `connectTimeout`. Whoever makes it shuts it down (`shutdown()`)
    /// after the last task ended.
    /// A URL as messages may show it: without user info and query string, where configured
    /// credentials (`user:pass@`, a connection's `api_key=` parameter) would otherwise appear.
    package static func redacted(_ url: String) -> String {
        var text = url
        if let cut = text.firstIndex(where: { $0 == "?" || $0 == "#" }) { text = String(text[..<cut]) }
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@") {
                text = String(text[..<scheme.upperBound]) + String(rest[rest.index(after: at)...])
            }
        }
        return text
    }

    /// Redirects are not followed: a connection's credentials must not travel to another host, so a
    /// 3xx is the answer (for http:invoke, `States.Http.StatusCode.3xx`).
    package static func makeClient(connectTimeout: TimeAmount = .seconds(10)) -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = connectTimeout
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    package static func send(
        _ request: HTTPClientRequest, on client: HTTPClient, timeout: Duration, maxBodyBytes: Int
    ) async throws(HTTPExchangeError) -> HTTPReply {
        if Task.isCancelled { throw .cancelled }
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        do {
            // AsyncHTTPClient's own timeout ends at the response head; the race also covers the body.
            return try await withThrowingTaskGroup(of: HTTPReply?.self) { group in
                group.addTask {
                    let response = try await client.execute(request, timeout: .nanoseconds(Int64(seconds * 1e9)))
                    let body = try await response.body.collect(upTo: maxBodyBytes)
                    return HTTPReply(
                        status: Int(response.status.code), reason: response.status.reasonPhrase,
                        headers: response.headers.map { ($0.name, $0.value) }, body: Array(body.readableBytesView))
                }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let reply = first else { throw HTTPExchangeError.timedOut(seconds: seconds) }
                return reply
            }
        } catch let error as HTTPExchangeError {
            if Task.isCancelled { throw .cancelled }
            throw error
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: maxBodyBytes)
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            if Task.isCancelled { throw .cancelled }
            throw .timedOut(seconds: seconds)
        } catch {
            if Task.isCancelled || error is CancellationError { throw .cancelled }
            throw .failed("\(error)")
        }
    }

    /// `Basic base64(user:password)`.
    package static func basicAuthorization(_ user: String, _ password: String) -> String {
        "Basic " + base64(Array("\(user):\(password)".utf8))
    }

    package static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
}
