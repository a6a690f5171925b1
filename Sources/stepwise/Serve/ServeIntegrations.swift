import AsyncHTTPClient
import DynamoDBTables
import Foundation
import JSONValue
import StepwiseAPI
import StepwiseEngine
import StepwiseIntegrations
import StepwiseStoreSQLite

/// The integrations `stepwise serve` runs Task states with, built from its options and its
/// integration configuration file, and what they need at start and at shutdown.
struct ServeIntegrations {
    let containers: ContainerTaskRunner?
    let childExecutions: StartExecutionIntegration
    let lambda: LambdaTaskRunner
    /// The embedded DynamoDB tables (DATA/tables.sqlite) and the tables the configuration declares.
    let tableStorage: SQLiteTableStorage
    let configuredTables: [DynamoDBTables.TableDefinition]
    /// The HTTP client of http:invoke, Lambda URLs and AWS calls; shut down after the engine.
    let httpClient: HTTPClient
    let mocks: MockLibrary?
    /// Every Task state that is not an activity goes here (mocked states first, then the integrations).
    let runner: any TaskRunner

    init(
        options: ServeOptions, configuration: IntegrationConfiguration, mocks: MockLibrary?, definitions: TaskDefinitionStore,
        callbacks: CallbackTaskRegistry
    ) throws {
        let connections = try HTTPConnections(section: configuration.section("Connections"))
        let functions = try LambdaFunctions(section: configuration.section("LambdaFunctions"))
        let aws = try AWSConfiguration(from: configuration)
        configuredTables = try DynamoDBTablesConfiguration.tables(in: configuration, creationDateTime: Date().timeIntervalSince1970)
        tableStorage = try SQLiteTableStorage(dataDirectory: options.dataDirectory)
        let tables = DynamoDBService(
            storage: tableStorage, region: options.region, account: options.account, clock: { Date().timeIntervalSince1970 })
        containers = ServeCommand.makeContainerRunner(options, definitions: definitions, callbacks: callbacks)
        childExecutions = StartExecutionIntegration()
        httpClient = HTTPExchange.makeClient()
        lambda = LambdaTaskRunner(client: httpClient, functions: functions, region: options.region, account: options.account)
        // AWS calls first: they claim DynamoDB only when the configuration gives it an endpoint.
        var integrations: [any ServiceIntegration] = [
            childExecutions, AWSServiceTaskRunner(configuration: aws, httpClient: httpClient), DynamoDBTaskRunner(service: tables),
            HTTPInvokeTaskRunner(client: httpClient, connections: connections, region: options.region), lambda,
        ]
        if let containers { integrations.append(containers) }
        let routing = IntegrationRoutingRunner(integrations: integrations, callbacks: callbacks, hasContainerRuntime: containers != nil)
        self.mocks = mocks
        // Even without mocks: executions stored with a test case must not reach real services.
        runner = MockedExecutionsRunner(library: mocks, other: routing)
    }

    /// Creates the configured tables that the embedded store does not have yet; returns their names.
    func createConfiguredTables() async throws(DynamoDBError) -> [String] {
        try await DynamoDBTablesConfiguration.createMissingTables(configuredTables, in: tableStorage)
    }

    /// What runs as long as the server does: the container reaper, Lambda's `Event` invocations.
    func runBackgroundWork() async {
        await withDiscardingTaskGroup { group in
            if let containers { group.addTask { await containers.runReaper() } }
            group.addTask { await lambda.runEventInvocations() }
        }
    }

    /// After the engine shut down: nothing calls out any more.
    func shutdown() async {
        try? await httpClient.shutdown()
        tableStorage.close()
    }

    /// Connects the integrations that call back into the API (child executions).
    func attach(_ backend: EngineBackend) {
        childExecutions.attach(backend)
    }

    /// Called before the engine shuts down: what the cancelled runs started keeps running, for the
    /// relaunch after the restart.
    func detach() {
        containers?.detach()
        childExecutions.detach()
    }
}

/// Reads `--config` and `--mock-config` files.
enum IntegrationConfigurationLoader {
    static func configuration(atPath path: String?) throws(InputFileError) -> IntegrationConfiguration {
        guard let path else { return IntegrationConfiguration() }
        do {
            return try IntegrationConfiguration(json: try DocumentReader.document(atPath: path))
        } catch let error as IntegrationConfigurationError {
            throw InputFileError(file: path, place: .pointer(error.pointer), message: error.message)
        } catch let error as InputFileError {
            throw error
        } catch {
            throw InputFileError(file: path, place: .file, message: "\(error)")
        }
    }

    /// The mock configuration of `--mock-config` (or SFN_MOCK_CONFIG), else the configuration's `Mocks` section.
    static func mocks(atPath path: String?, configuration: IntegrationConfiguration, configurationPath: String?) throws(InputFileError) -> MockLibrary? {
        let (document, file, pointerPrefix): (JSONValue, String, String)
        if let path {
            (document, file, pointerPrefix) = (try DocumentReader.document(atPath: path), path, "")
        } else if let section = configuration.section("Mocks") {
            (document, file, pointerPrefix) = (.object(section), configurationPath ?? "--config", "/Mocks")
        } else {
            return nil
        }
        do {
            return try MockLibrary(document: document)
        } catch {
            throw InputFileError(file: file, place: .pointer(pointerPrefix + error.pointer), message: error.message)
        }
    }
}
