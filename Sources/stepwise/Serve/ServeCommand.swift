import Foundation

import Logging
import ServiceLifecycle
import StatesLanguage
import StepwiseAPI
import StepwiseEngine
import StepwiseIntegrations
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
    var containers = ContainerOptions()
    /// The integration configuration file (connections, Lambda functions, tables, AWS endpoints, mocks).
    var configurationPath: String?
    /// A mock configuration in AWS Step Functions Local's format (as SFN_MOCK_CONFIG names it there).
    var mockConfigurationPath: String?
}

/// Which runtime runs `ecs:runTask` tasks, and how.
struct ContainerOptions: Sendable {
    enum Runtime: String, Sendable, CaseIterable {
        /// ECS tasks fail, saying that no runtime is configured.
        case none
        case docker
        case process
    }

    var runtime = Runtime.none
    var dockerSocket = "/var/run/docker.sock"
    var network = DockerEngineRuntime.NetworkMode.none
    var stopGracePeriod = 30
    /// A folder of RegisterTaskDefinition JSON files registered at start (a new revision only when changed).
    var taskDefinitionsFolder: String?
}

/// `stepwise serve`: the Step Functions API on a durable SQLite store, until SIGTERM or SIGINT.
enum ServeCommand {
    static func run(_ options: ServeOptions) async throws {
        var logger = Logger(label: "stepwise")
        logger.logLevel = options.logLevel
        try FileManager.default.createDirectory(atPath: options.dataDirectory, withIntermediateDirectories: true)
        let store = try SQLiteStore(path: options.dataDirectory + "/stepwise.sqlite")
        let definitions = TaskDefinitionStore(
            directory: options.dataDirectory + "/task-definitions", region: options.region, account: options.account)
        if let folder = options.containers.taskDefinitionsFolder {
            for definition in try TaskDefinitionFolder.register(folder, into: definitions) {
                logger.info("task definition \(definition.arn(region: options.region, account: options.account)) registered from \(folder)")
            }
        }
        let configuration = try IntegrationConfigurationLoader.configuration(atPath: options.configurationPath)
        let mocks = try IntegrationConfigurationLoader.mocks(
            atPath: options.mockConfigurationPath, configuration: configuration, configurationPath: options.configurationPath)
        let callbacks = CallbackTaskRegistry()
        let integrations: ServeIntegrations
        do {
            integrations = try ServeIntegrations(
                options: options, configuration: configuration, mocks: mocks, definitions: definitions, callbacks: callbacks)
        } catch let error as IntegrationConfigurationError {
            throw InputFileError(file: options.configurationPath ?? "--config", place: .pointer(error.pointer), message: error.message)
        }
        // On every way out, what was opened is closed (an HTTP client left open traps in debug builds).
        var started: EngineBackend?
        do {
            let backend = try await start(options, store: store, integrations: integrations, callbacks: callbacks, mocks: mocks, logger: logger)
            started = backend
            try await recover(backend, integrations: integrations)
            try await serve(options, backend: backend, integrations: integrations, logger: logger)
        } catch {
            await started?.shutdown()
            await integrations.shutdown()
            await store.close()
            throw error
        }
        // Containers and child executions keep running through a restart; the relaunched tasks find them.
        integrations.detach()
        await started?.shutdown()
        await integrations.shutdown()
        await store.close()
        logger.info("Stepwise stopped")
    }

    /// Creates the configured tables and the backend, connected to the integrations.
    static func start(
        _ options: ServeOptions, store: SQLiteStore, integrations: ServeIntegrations, callbacks: CallbackTaskRegistry, mocks: MockLibrary?,
        logger: Logger
    ) async throws -> EngineBackend {
        for table in try await integrations.createConfiguredTables() {
            logger.info("table \(table) created in the embedded DynamoDB store")
        }
        let executionLogger = logger
        let backend = EngineBackend(
            resources: store, executions: store, runner: integrations.runner, callbacks: callbacks,
            context: ARNContext(region: options.region, account: options.account), mocks: mocks,
            onExecutionStatusChange: { record in
                var line = "execution \(record.executionArn) \(record.status.rawValue)"
                if let error = record.error { line += " error=\(error)" }
                executionLogger.info("\(line)")
            })
        integrations.attach(backend)
        return backend
    }

    /// Executions that were running when the server stopped go on from where they were.
    static func recover(_ backend: EngineBackend, integrations: ServeIntegrations) async throws {
        // Listed before recovery relaunches anything: of these, the tasks recovery does not relaunch are over.
        let leftovers = await integrations.containers?.existingTasks() ?? []
        let relaunched = try await backend.recover()
        integrations.containers?.retireLeftovers(leftovers, relaunched: relaunched)
    }

    /// Serves the API until SIGTERM or SIGINT, with the integrations' background work beside it.
    static func serve(_ options: ServeOptions, backend: EngineBackend, integrations: ServeIntegrations, logger: Logger) async throws {
        let api = StepFunctionsAPI(backend: backend)
        let app = StepwiseServer.application(api: api, host: options.host, port: options.port, logger: logger)
        let services = ServiceGroup(
            configuration: .init(
                services: [.init(service: app)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info("container tasks run on: \(integrations.containers?.runtime.kind ?? "nothing (--container-runtime none)")")
        logger.info("Stepwise serves the Step Functions API on http://\(options.host):\(options.port) (data in \(options.dataDirectory))")
        // The reaper and Lambda's Event invocations live as long as the server.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await integrations.runBackgroundWork() }
            do {
                try await services.run()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    static func makeContainerRunner(_ options: ServeOptions, definitions: TaskDefinitionStore, callbacks: CallbackTaskRegistry) -> ContainerTaskRunner? {
        let runtime: any ContainerRuntime
        switch options.containers.runtime {
        case .none: return nil
        case .docker: runtime = DockerEngineRuntime(socketPath: options.containers.dockerSocket, networkMode: options.containers.network)
        case .process: runtime = ProcessRuntime(directory: options.dataDirectory + "/processes")
        }
        let configuration = ContainerTaskConfiguration(
            region: options.region, account: options.account, stopGracePeriod: options.containers.stopGracePeriod,
            apiEndpoint: "http://\(options.host == "0.0.0.0" ? "127.0.0.1" : options.host):\(options.port)")
        return ContainerTaskRunner(runtime: runtime, definitions: definitions, callbacks: callbacks, configuration: configuration)
    }
}
