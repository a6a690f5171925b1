import ArgumentParser
import DynamoDBTables
import Foundation
import StepwiseStoreSQLite
import Testing

@testable import stepwise

@Suite("stepwise table")
struct TableCommandTests {
    static let createTable = #"{"TableName":"Locks","KeySchema":[{"AttributeName":"LockName","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"LockName","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#

    @Test("table create stores the table in the data folder's tables.sqlite; a second create fails with exit code 1")
    func createThenCreateAgain() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-tables-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/locks.json"
        try Self.createTable.write(toFile: file, atomically: true, encoding: .utf8)

        var create = try TableSubcommand.Create.parse(["--definition", file, "--data", folder + "/data"])
        try await create.run()
        let storage = try SQLiteTableStorage(dataDirectory: folder + "/data")
        #expect(try await storage.tableNames() == ["Locks"])
        storage.close()

        var again = try TableSubcommand.Create.parse(["--definition", file, "--data", folder + "/data"])
        await #expect(throws: ExitCode(1)) { try await again.run() }
        var missing = try TableSubcommand.Describe.parse(["Nope", "--data", folder + "/data"])
        await #expect(throws: ExitCode(1)) { try await missing.run() }
    }

    @Test("table create refuses a file that is not JSON, naming the file")
    func notJSON() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-table-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "TableName: x".write(toFile: file, atomically: true, encoding: .utf8)
        var create = try TableSubcommand.Create.parse(["--definition", file, "--data", "/nonexistent-stepwise-data"])
        await #expect(throws: ValidationError.self) { try await create.run() }
    }
}
