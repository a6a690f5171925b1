import AsyncHTTPClient
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// moto's server (`moto_server`, Python) standing in for AWS: started on a free loopback port for
/// one test and stopped after it.
enum MotoServer {
    /// The `moto_server` executable on PATH, nil when moto is not installed.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/moto_server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static var isInstalled: Bool { executable != nil }

    struct StartError: Error, CustomStringConvertible {
        var description: String
    }

    /// Runs `body` with the base URL of a fresh moto server, which is stopped afterwards.
    static func with<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let executable else { throw StartError(description: "moto_server is not installed") }
        let port = try freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            // SIGKILL: the test runner's children inherit an ignored SIGTERM and SIGINT, and
            // moto keeps nothing that needs a clean shutdown.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let base = "http://127.0.0.1:\(port)"
        try await waitUntilAnswering(base, process: process)
        return try await body(base)
    }

    /// Polls until the server answers HTTP; readiness only, no test outcome depends on timing.
    private static func waitUntilAnswering(_ base: String, process: Process) async throws {
        for _ in 0..<600 {
            guard process.isRunning else { throw StartError(description: "moto_server exited with \(process.terminationStatus)") }
            do {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/moto-api/"), timeout: .seconds(5))
                _ = try await response.body.collect(upTo: 1 << 20)
                return
            } catch {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        throw StartError(description: "moto_server did not answer on \(base) within a minute")
    }

    /// A port nothing listens on right now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw StartError(description: "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw StartError(description: "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A loopback socket that accepts connections (the kernel's backlog does) and never answers.
final class SilentListener: Sendable {
    let port: Int
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0 && listen(fd, 16) == 0
            }
        }
        guard fd >= 0, ok else {
            close(fd)
            throw MotoServer.StartError(description: "Could not listen on a loopback port")
        }
        self.fd = fd
        self.port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit { close(fd) }
}
