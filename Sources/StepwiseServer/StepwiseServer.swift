import HTTPTypes
import Hummingbird
import Logging
import StepwiseAPI

/// The Step Functions endpoint over HTTP: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>`
/// answered by `StepFunctionsAPI`, and `GET /health` for probes. Any Host header is accepted, so
/// the `sync-` host prefix SDKs add for StartSyncExecution reaches the same handler.
package enum StepwiseServer {
    /// The largest request body accepted: AWS's 256 KiB payloads, escaped inside a JSON request, and then some.
    static let maxBodyBytes = 2 * 1024 * 1024
    static let targetHeader = HTTPField.Name("X-Amz-Target")!

    package static func router<Backend: StepFunctionsBackend>(api: StepFunctionsAPI<Backend>) -> Router<BasicRequestContext> {
        let router = Router()
        router.addMiddleware {
            LogRequestsMiddleware(.debug)
        }
        router.post("/") { request, context -> Response in
            let body = try await request.body.collect(upTo: maxBodyBytes)
            let target = request.headers[Self.targetHeader]
            let response = await api.handle(target: target, body: Array(buffer: body))
            return Response(
                status: HTTPResponse.Status(code: response.status),
                headers: [.contentType: APIResponse.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: response.body)))
        }
        router.get("/health") { _, _ -> String in "ok" }
        return router
    }

    /// The application on `host:port`.
    package static func application<Backend: StepFunctionsBackend>(
        api: StepFunctionsAPI<Backend>, host: String, port: Int, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(api: api),
            configuration: .init(address: .hostname(host, port: port), serverName: "Stepwise"),
            logger: logger)
    }
}
