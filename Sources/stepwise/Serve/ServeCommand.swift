import Foundation

import Logging
import ServiceLifecycle
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseServer
import StepwiseStoreSQLite

/// Where and how `stepwise serve` runs.
struct ServeOptions: Sendable {
    var host = "127.0.0.1"
    var port = 8083
    var dataDirectory = "stepwise-data"
    var region = "us-east-1"
    var account = "123456789012"
    var logLevel: Logger.Level = .info
}

/// `stepwise serve`: the Step Functions API on a durable SQLite store, until SIGTERM or SIGINT.
enum ServeCommand {
    static func run(_ options: ServeOptions) async throws {
        var logger = Logger(label: "stepwise")
        logger.logLevel = options.logLevel
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: options.dataDirectory + "/stepwise.sqlite")
        let executionLogger = logger
        let backend = EngineBackend(
            resources: store, executions: store, runner: UnavailableIntegrationRunner(),
            context: ARNContext(region: options.region, account: options.account),
            onExecutionStatusChange: { record in
                var line = "execution \(record.executionArn) \(record.status.rawValue)"
                if let error = record.error { line += " error=\(error)" }
                executionLogger.info("\(line)")
            })
        // Executions that were running when the server stopped go on from where they were.
        try await backend.recover()
        let api = StepFunctionsAPI(backend: backend)
        let app = StepwiseServer.application(api: api, host: options.host, port: options.port, logger: logger)
        let services = ServiceGroup(
            configuration: .init(
                services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("Stepwise serves the Step Functions API on http://\(options.host):\(options.port) (data in \(options.dataDirectory))")
        try await services.run()
        await backend.engine.shutdown()
        await store.close()
        logger.info("Stepwise stopped")
    }
}
