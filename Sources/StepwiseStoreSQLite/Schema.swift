import GRDB

/// The store's tables, created and upgraded by GRDB migrations (each runs once per database file).
///
/// Timestamps are two integers (whole epoch seconds, nanosecond of the second) so every instant a
/// `Timestamp` holds round-trips exactly. JSON is stored as text: payloads as `JSONValue.serialized()`,
/// log inputs as `ExecutionInput.json`, history events as `HistoryEvent.awsJSON`.
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: resources, executions, log, history") { db in
            try db.execute(
                sql: """
                    CREATE TABLE state_machines (
                        arn TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        type TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        role_arn TEXT NOT NULL,
                        creation_seconds INTEGER NOT NULL,
                        creation_nanos INTEGER NOT NULL,
                        revision_id TEXT NOT NULL,
                        logging_configuration TEXT,
                        tracing_configuration TEXT,
                        description TEXT
                    );
                    CREATE INDEX state_machines_by_name ON state_machines(name, arn);

                    CREATE TABLE activities (
                        arn TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        creation_seconds INTEGER NOT NULL,
                        creation_nanos INTEGER NOT NULL
                    );
                    CREATE INDEX activities_by_name ON activities(name, arn);

                    -- Tags of any resource (no foreign key: state machines and activities both have them).
                    -- position keeps the order keys were first set in.
                    CREATE TABLE tags (
                        resource_arn TEXT NOT NULL,
                        position INTEGER NOT NULL,
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (resource_arn, key)
                    );
                    CREATE INDEX tags_in_order ON tags(resource_arn, position);

                    CREATE TABLE executions (
                        execution_arn TEXT NOT NULL PRIMARY KEY,
                        name TEXT NOT NULL,
                        state_machine_arn TEXT NOT NULL,
                        state_machine_name TEXT NOT NULL,
                        definition TEXT NOT NULL,
                        role_arn TEXT NOT NULL,
                        region TEXT NOT NULL,
                        input TEXT NOT NULL,
                        start_seconds INTEGER NOT NULL,
                        start_nanos INTEGER NOT NULL,
                        -- The UInt64 seed's bit pattern as a signed 64-bit integer.
                        seed INTEGER NOT NULL,
                        status TEXT NOT NULL,
                        stop_seconds INTEGER,
                        stop_nanos INTEGER,
                        output TEXT,
                        error TEXT,
                        cause TEXT
                    );
                    -- ListExecutions: one state machine's executions, newest first, with or without a status filter.
                    CREATE INDEX executions_by_machine_status_start
                        ON executions(state_machine_arn, status, start_seconds, start_nanos);
                    CREATE INDEX executions_by_machine_start
                        ON executions(state_machine_arn, start_seconds, start_nanos);
                    -- Recovery after a restart: only the running ones.
                    CREATE INDEX executions_running ON executions(execution_arn) WHERE status = 'RUNNING';

                    CREATE TABLE execution_log (
                        execution_arn TEXT NOT NULL REFERENCES executions(execution_arn) ON DELETE CASCADE,
                        sequence INTEGER NOT NULL,
                        time_seconds INTEGER NOT NULL,
                        time_nanos INTEGER NOT NULL,
                        input TEXT NOT NULL,
                        PRIMARY KEY (execution_arn, sequence)
                    );

                    CREATE TABLE history (
                        execution_arn TEXT NOT NULL REFERENCES executions(execution_arn) ON DELETE CASCADE,
                        id INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        event TEXT NOT NULL,
                        PRIMARY KEY (execution_arn, id)
                    );
                    """)
        }
        migrator.registerMigration("v2: the mock test case of an execution") { db in
            try db.execute(sql: "ALTER TABLE executions ADD COLUMN mock_test_case TEXT")
        }
        return migrator
    }
}
