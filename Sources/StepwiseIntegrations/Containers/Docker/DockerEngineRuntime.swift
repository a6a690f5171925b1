import AsyncHTTPClient
import Foundation
import JSONValue
import NIOCore
import NIOHTTP1

/// Containers on a Docker engine, through its HTTP API (v1.41) on a unix socket.
///
/// Every container runs with `Init: true` (a tiny init reaps zombies and forwards SIGTERM to the
/// command) and without network unless host networking is configured. Images must be in the
/// engine's image store already: Stepwise pulls from no registry.
package struct DockerEngineRuntime: ContainerRuntime {
    /// The network a container gets.
    package enum NetworkMode: String, Sendable {
        /// No network at all (Docker's `--network none`).
        case none
        /// The host's network: the container reaches services on 127.0.0.1 (the Stepwise API).
        case host
    }

    package let socketPath: String
    package let networkMode: NetworkMode
    /// Where containers find STEPWISE_RESULT_FILE (read back through the archive API after exit).
    package let resultPath: String
    let client: HTTPClient

    package init(socketPath: String = "/var/run/docker.sock", networkMode: NetworkMode = .none, resultPath: String = "/tmp/stepwise-result.json") {
        self.socketPath = socketPath
        self.networkMode = networkMode
        self.resultPath = resultPath
        // The process-wide client: it never needs shutting down. Its 90-second read timeout only
        // ends idle long polls, which `waitForExit` renews.
        self.client = HTTPClient.shared
    }

    package var kind: String { "docker" }

    package func resultFilePath(for name: String) -> String { resultPath }

    // MARK: Calls

    struct Reply {
        var status: Int
        var body: [UInt8]
        var json: JSONValue? { try? JSONValue(parsing: body) }
        /// Docker's `{"message": ...}`, or the body as text.
        var message: String {
            json?["message"]?.stringValue ?? String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static let apiVersion = "v1.41"
    /// Replies larger than this are cut (logs are asked for with a tail; a result file is bounded).
    static let maxReplyBytes = 8 * 1024 * 1024

    func call(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil, operation: String, container: String) async throws(ContainerRuntimeError) -> Reply {
        let host = socketPath.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketPath
        var request = HTTPClientRequest(url: "http+unix://\(host)/\(Self.apiVersion)\(path)")
        request.method = method
        // HTTP/1.1 needs a Host; a unix socket URL gives none, and the engine refuses requests without it.
        request.headers.replaceOrAdd(name: "Host", value: "docker")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.serialized()))
        }
        do {
            let response = try await client.execute(request, timeout: .hours(24 * 365))
            let buffer = try await response.body.collect(upTo: Self.maxReplyBytes)
            return Reply(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch let error as HTTPClientError where error == .readTimeout {
            throw .unreachable(endpoint: socketPath, reason: "read timeout")
        } catch is CancellationError {
            throw .refused(operation: operation, container: container, status: 0, message: "cancelled")
        } catch {
            if Task.isCancelled { throw .refused(operation: operation, container: container, status: 0, message: "cancelled") }
            throw .unreachable(endpoint: socketPath, reason: "\(error)")
        }
    }

    func refused(_ reply: Reply, _ operation: String, _ name: String) -> ContainerRuntimeError {
        .refused(operation: operation, container: name, status: reply.status, message: reply.message)
    }

    static func escape(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(["/", "&", "=", "?", "+"])) ?? s }

    // MARK: ContainerRuntime

    package func start(_ spec: ContainerSpec) async throws(ContainerRuntimeError) -> ContainerStatus? {
        if let existing = try await inspect(name: spec.name) {
            // Created but never started (the process stopped in between): start it now.
            if existing.phase == .created { try await startCreated(spec.name) }
            return existing.phase == .created ? nil : existing
        }
        // Never AutoRemove: an exited container is how a relaunch after a crash knows its task ran.
        var host: JSONObject = ["Init": true, "NetworkMode": .string(networkMode.rawValue), "AutoRemove": false]
        if let cpu = spec.cpu, cpu > 0 { host.append("NanoCpus", .int(cpu * 1_000_000_000 / 1024)) }
        if let memory = spec.memoryMiB, memory > 0 { host.append("Memory", .int(memory * 1024 * 1024)) }
        var body: JSONObject = [
            "Image": .string(spec.image),
            "Env": .array(spec.environment.map { .string("\($0.name)=\($0.value)") }),
            "Labels": .object(JSONObject(spec.labels.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) })),
            "HostConfig": .object(host),
        ]
        if let entryPoint = spec.entryPoint { body.append("Entrypoint", .array(entryPoint.map { .string($0) })) }
        if let command = spec.command { body.append("Cmd", .array(command.map { .string($0) })) }
        if let dir = spec.workingDirectory { body.append("WorkingDir", .string(dir)) }
        if let user = spec.user { body.append("User", .string(user)) }
        let reply = try await call(.POST, "/containers/create?name=\(Self.escape(spec.name))", body: .object(body), operation: "create", container: spec.name)
        switch reply.status {
        case 201: break
        case 404: throw .imageNotFound(image: spec.image, message: reply.message)
        case 409:
            // Created by a concurrent relaunch of the same task: that one is the container.
            return try await inspect(name: spec.name)
        default: throw refused(reply, "create", spec.name)
        }
        try await startCreated(spec.name)
        return nil
    }

    func startCreated(_ name: String) async throws(ContainerRuntimeError) {
        let reply = try await call(.POST, "/containers/\(Self.escape(name))/start", operation: "start", container: name)
        guard reply.status == 204 || reply.status == 304 else { throw refused(reply, "start", name) }
    }

    package func list() async throws(ContainerRuntimeError) -> [ContainerListing] {
        let filters = JSONValue.object(["label": .array([.string(ContainerNaming.taskLabel)])]).serialized()
        let reply = try await call(.GET, "/containers/json?all=1&filters=\(Self.escape(filters))", operation: "list", container: "*")
        guard reply.status == 200, case .array(let items)? = reply.json else { throw refused(reply, "list", "*") }
        return items.compactMap { item in
            guard let name = item["Names"]?[0]?.stringValue else { return nil }
            var labels: [String: String] = [:]
            if case .object(let object)? = item["Labels"] {
                for (key, value) in object.members { labels[key] = value.stringValue }
            }
            return ContainerListing(name: name.hasPrefix("/") ? String(name.dropFirst()) : name, labels: labels)
        }
    }

    package func inspect(name: String) async throws(ContainerRuntimeError) -> ContainerStatus? {
        let reply = try await call(.GET, "/containers/\(Self.escape(name))/json", operation: "inspect", container: name)
        if reply.status == 404 { return nil }
        guard reply.status == 200, let state = reply.json?["State"] else { throw refused(reply, "inspect", name) }
        let phase: ContainerStatus.Phase
        switch state["Status"]?.stringValue {
        case "created": phase = .created
        case "running", "paused", "restarting": phase = .running
        default: phase = .exited
        }
        var reason: String?
        if state["OOMKilled"]?.boolValue == true { reason = "OutOfMemoryError: Container killed due to memory usage" }
        if let error = state["Error"]?.stringValue, !error.isEmpty { reason = error }
        return ContainerStatus(
            phase: phase, exitCode: phase == .exited ? state["ExitCode"]?.numberValue?.intValue : nil,
            startedAt: Self.seconds(state["StartedAt"]?.stringValue), finishedAt: phase == .exited ? Self.seconds(state["FinishedAt"]?.stringValue) : nil,
            reason: reason)
    }

    /// Docker's RFC 3339 times with nanoseconds; its zero time ("0001-01-01T00:00:00Z") is unknown.
    static func seconds(_ text: String?) -> Double? {
        guard let text, !text.hasPrefix("0001-") else { return nil }
        var main = text
        var fraction = 0.0
        if let dot = text.firstIndex(of: ".") {
            let end = text[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) ?? text.endIndex
            fraction = Double("0" + text[dot..<end]) ?? 0
            main = String(text[..<dot]) + text[end...]
        }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: main) else { return nil }
        return date.timeIntervalSince1970 + fraction
    }

    package func waitForExit(name: String) async throws(ContainerRuntimeError) -> ContainerStatus {
        while true {
            guard let status = try await inspect(name: name) else {
                throw .refused(operation: "wait for", container: name, status: 404, message: "No such container: \(name)")
            }
            if status.phase == .exited || Task.isCancelled { return status }
            do throws(ContainerRuntimeError) {
                let reply = try await call(.POST, "/containers/\(Self.escape(name))/wait?condition=not-running", operation: "wait for", container: name)
                if reply.status == 404 { throw refused(reply, "wait for", name) }
            } catch {
                // A cancelled wait ends the HTTP call too; the caller only needs to know it did not exit.
                if Task.isCancelled { return status }
                // An idle long poll ended: ask again.
                guard case .unreachable(_, "read timeout") = error else { throw error }
            }
        }
    }

    package func stop(name: String, gracePeriod: Int) async throws(ContainerRuntimeError) {
        let reply = try await call(.POST, "/containers/\(Self.escape(name))/stop?t=\(max(0, gracePeriod))", operation: "stop", container: name)
        guard [204, 304, 404].contains(reply.status) else { throw refused(reply, "stop", name) }
    }

    package func remove(name: String) async throws(ContainerRuntimeError) {
        let reply = try await call(.DELETE, "/containers/\(Self.escape(name))?force=true&v=true", operation: "remove", container: name)
        // 409: a removal already in progress.
        guard [204, 404, 409].contains(reply.status) else { throw refused(reply, "remove", name) }
    }

    package func logs(name: String, limit: Int) async throws(ContainerRuntimeError) -> ContainerLogs {
        let reply = try await call(.GET, "/containers/\(Self.escape(name))/logs?stdout=1&stderr=1&tail=2000", operation: "read the logs of", container: name)
        if reply.status == 404 { return ContainerLogs() }
        guard reply.status == 200 else { throw refused(reply, "read the logs of", name) }
        return DockerLogStream.demultiplex(reply.body, limit: limit)
    }

    package func readFile(name: String, path: String) async throws(ContainerRuntimeError) -> [UInt8]? {
        let reply = try await call(.GET, "/containers/\(Self.escape(name))/archive?path=\(Self.escape(path))", operation: "read a file of", container: name)
        if reply.status == 404 { return nil }
        guard reply.status == 200 else { throw refused(reply, "read a file of", name) }
        return TarArchive.firstFile(in: reply.body)
    }
}
