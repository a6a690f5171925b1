import DynamoDBTables
import JSONValue

/// The configuration file's `DynamoDB` section: `{"Tables": [<CreateTable input>, ...]}`, the tables
/// created in the embedded store at each start when they do not exist yet.
package enum DynamoDBTablesConfiguration {
    /// The configured tables, each checked as CreateTable checks its input.
    package static func tables(
        in configuration: IntegrationConfiguration, creationDateTime: Double
    ) throws(IntegrationConfigurationError) -> [TableDefinition] {
        guard let section = configuration.section("DynamoDB") else { return [] }
        for key in section.keys where key != "Tables" {
            throw IntegrationConfigurationError(pointer: "/DynamoDB/" + key, message: "Unknown key '\(key)'; the DynamoDB section has Tables")
        }
        guard let tablesJSON = section["Tables"] else { return [] }
        guard let entries = tablesJSON.arrayValue else {
            throw IntegrationConfigurationError(pointer: "/DynamoDB/Tables", message: "Tables must be an array of CreateTable inputs")
        }
        var definitions: [TableDefinition] = []
        var seen: Set<String> = []
        for (i, entry) in entries.enumerated() {
            let pointer = "/DynamoDB/Tables/\(i)"
            var input = entry.objectValue ?? JSONObject()
            // A configuration file need not choose a billing mode: on-demand is the natural default here.
            if entry.objectValue != nil, input["BillingMode"] == nil, input["ProvisionedThroughput"] == nil {
                input["BillingMode"] = "PAY_PER_REQUEST"
            }
            guard entry.objectValue != nil else {
                throw IntegrationConfigurationError(pointer: pointer, message: "A table must be a CreateTable input object")
            }
            let definition: TableDefinition
            do {
                definition = try TableDefinition(createTableInput: .object(input), creationDateTime: creationDateTime)
            } catch {
                throw IntegrationConfigurationError(pointer: pointer, message: error.message)
            }
            guard seen.insert(definition.name).inserted else {
                throw IntegrationConfigurationError(pointer: pointer + "/TableName", message: "The table \(definition.name) is configured twice")
            }
            definitions.append(definition)
        }
        return definitions
    }

    /// Creates the tables that do not exist yet and returns their names; existing tables (and their
    /// items) are left as they are, so running it at every start is harmless.
    @discardableResult
    package static func createMissingTables(
        _ definitions: [TableDefinition], in storage: any TableStorage
    ) async throws(DynamoDBError) -> [String] {
        var created: [String] = []
        for definition in definitions where try await storage.definition(of: definition.name) == nil {
            do {
                try await storage.createTable(definition)
                created.append(definition.name)
            } catch where error.code == "ResourceInUseException" {
                continue  // created meanwhile by another start
            }
        }
        return created
    }
}
