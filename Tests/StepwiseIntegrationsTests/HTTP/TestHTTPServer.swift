import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Synchronization

/// A request the test server received.
struct CapturedRequest: Sendable {
    var method: String
    var path: String
    var query: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
    var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The query (or a form body) as decoded pairs, in order.
    static func pairs(_ text: String) -> [(String, String)] {
        text.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { s.removingPercentEncoding ?? String(s) }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// What the test server answers.
struct TestResponse: Sendable {
    var status: Int = 200
    var headers: [(String, String)] = []
    var body: String = ""

    static func json(_ text: String, status: Int = 200, headers: [(String, String)] = []) -> TestResponse {
        TestResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: text)
    }
}

/// The requests a test server received, and a gate that handlers can wait at until the test ends.
final class RequestLog: Sendable {
    /// What the handlers saw, and the handlers waiting for the end of the test.
    struct State {
        var requests: [CapturedRequest] = []
        var released = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    let state = Mutex(State())

    func append(_ request: CapturedRequest) { state.withLock { $0.requests.append(request) } }
    var requests: [CapturedRequest] { state.withLock { $0.requests } }
    func count(path: String) -> Int { requests.filter { $0.path == path }.count }

    /// Returns once the test is over: a handler that never answers in time.
    func waitForRelease() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.released { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func releaseAll() {
        let waiting = state.withLock { state in
            state.released = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }

    /// Waits until `count` requests for `path` arrived (the server owes them to the test; no time limit decides the outcome).
    func waitFor(path: String, count: Int) async {
        while self.count(path: path) < count, !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }
}

/// The server is stopped by cancellation, which Hummingbird reports at error level.
let quietLogger: Logger = {
    var logger = Logger(label: "test-server")
    logger.logLevel = .critical
    return logger
}()

/// Runs `body` against a real HTTP server on 127.0.0.1 (a free port) that answers with `handler`.
func withTestServer<T: Sendable>(
    _ handler: @escaping @Sendable (CapturedRequest, RequestLog) async throws -> TestResponse,
    _ body: @Sendable (_ baseURL: String, _ log: RequestLog) async throws -> T
) async throws -> T {
    let log = RequestLog()
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let responder = CallbackResponder<BasicRequestContext> { request, _ in
        let bytes = try await request.body.collect(upTo: 16 * 1024 * 1024)
        let captured = CapturedRequest(
            method: request.method.rawValue, path: request.uri.path, query: request.uri.query ?? "",
            headers: request.headers.map { ($0.name.rawName, $0.value) }, body: Array(bytes.readableBytesView))
        log.append(captured)
        let reply = try await handler(captured, log)
        var fields = HTTPFields()
        for (name, value) in reply.headers { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
    let app = Application(
        responder: responder, configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portSink.yield(channel.localAddress?.port ?? 0)
            portSink.finish()
        }, logger: quietLogger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            // A server that cannot start ends the port stream, so the test fails instead of waiting.
            defer { portSink.finish() }
            try await app.runService(gracefulShutdownSignals: [])
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        do {
            let result = try await body("http://127.0.0.1:\(port)", log)
            log.releaseAll()
            group.cancelAll()
            return result
        } catch {
            log.releaseAll()
            group.cancelAll()
            throw error
        }
    }
}
