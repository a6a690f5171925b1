import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import StepwiseAPI
import StepwiseEngine
import StepwiseServer
import StepwiseTestSupport
import Testing

@Suite("HTTP server")
struct StepwiseServerTests {
    func app() -> some ApplicationProtocol {
        let store = InMemoryStore()
        let backend = EngineBackend(resources: store, executions: store, runner: UnavailableIntegrationRunner())
        return StepwiseServer.application(
            api: StepFunctionsAPI(backend: backend), host: "127.0.0.1", port: 0, logger: Logger(label: "test"))
    }

    @Test("POST / with an X-Amz-Target runs the action and answers AWS JSON 1.0")
    func dispatchesActions() async throws {
        try await app().test(.router) { client in
            let body = #"{"name": "hello", "roleArn": "arn:aws:iam::123456789012:role/r", "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}"#
            try await client.execute(
                uri: "/", method: .post,
                headers: [.contentType: "application/x-amz-json-1.0", HTTPField.Name("X-Amz-Target")!: "AWSStepFunctions.CreateStateMachine"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/x-amz-json-1.0")
                #expect(String(buffer: response.body).contains("arn:aws:states:us-east-1:123456789012:stateMachine:hello"))
            }
        }
    }

    @Test("an unknown action is a 400 with AWS's error shape")
    func unknownAction() async throws {
        try await app().test(.router) { client in
            try await client.execute(
                uri: "/", method: .post, headers: [HTTPField.Name("X-Amz-Target")!: "AWSStepFunctions.Nope"],
                body: ByteBuffer(string: "{}")
            ) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("UnknownOperationException"))
            }
        }
    }

    @Test("GET /health answers ok")
    func health() async throws {
        try await app().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok")
            }
        }
    }
}
