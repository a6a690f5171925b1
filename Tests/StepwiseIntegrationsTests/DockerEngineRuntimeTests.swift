import Foundation
import StepwiseIntegrations
import Testing

/// Against the real engine scripts/docker-setup starts; skipped (saying why) when there is none.
@Suite struct DockerEngineRuntimeTests {
    static let engineReachable: Bool = {
        let reachable = FileManager.default.fileExists(atPath: "/var/run/docker.sock")
        if !reachable { print("DockerEngineRuntimeTests skipped: no Docker engine at /var/run/docker.sock (run scripts/docker-setup)") }
        return reachable
    }()

    @Test(.enabled(if: engineReachable, "needs a Docker engine at /var/run/docker.sock"))
    func aContainerRunsOnceByNameReportsItsExitCodeOutputAndResultFileAndIsRemoved() async throws {
        let runtime = DockerEngineRuntime()
        let name = "stepwise-runtime-test-\(UUID().uuidString.prefix(8))"
        let spec = ContainerSpec(
            name: name, image: "stepwise-test-busybox:latest",
            command: ["sh", "-c", #"echo out; echo err >&2; echo '{"a":1}' > /tmp/stepwise-result.json; exit 3"#])
        #expect(try await runtime.start(spec) == nil)
        let status = try await runtime.waitForExit(name: name)
        #expect(status.exitCode == 3)
        // Starting the same name again finds the exited container instead of running it twice.
        #expect(try await runtime.start(spec)?.exitCode == 3)
        let logs = try await runtime.logs(name: name, limit: 1024)
        #expect(logs.stdout == "out\n" && logs.stderr == "err\n")
        #expect(try await runtime.readFile(name: name, path: runtime.resultFilePath(for: name)) == Array("{\"a\":1}\n".utf8))
        try await runtime.remove(name: name)
        #expect(try await runtime.inspect(name: name) == nil)
    }

    @Test(.enabled(if: engineReachable, "needs a Docker engine at /var/run/docker.sock"))
    func anImageThatIsNotThereIsReportedAsSuch() async throws {
        let runtime = DockerEngineRuntime()
        let spec = ContainerSpec(name: "stepwise-runtime-test-missing-\(UUID().uuidString.prefix(8))", image: "stepwise-no-such-image:1")
        await #expect(throws: ContainerRuntimeError.self) { try await runtime.start(spec) }
    }
}
