import Foundation
import GRDB

/// Opens the SQLite databases Stepwise keeps (executions, tables) the same durable way.
enum DurablePool {
    /// Creates the file's folder when missing, opens a WAL pool with `synchronous = FULL` on every
    /// connection, and brings the schema up to date with `migrator`.
    static func open(path: String, label: String, foreignKeys: Bool = false, migrator: DatabaseMigrator) throws -> DatabasePool {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = foreignKeys
        configuration.label = label
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        // The pool switches its writer to WAL after `prepareDatabase` ran, and sets synchronous=NORMAL
        // with it: set FULL again on the writer, which is the connection whose commits must be durable.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        try migrator.migrate(pool)
        return pool
    }
}
