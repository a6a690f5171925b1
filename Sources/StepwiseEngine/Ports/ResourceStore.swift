import JSONValue
import StatesLanguage

/// A state machine as stored: its current definition and settings.
package struct StateMachineRecord: Sendable, Equatable {
    package var arn: String
    package var name: String
    package var type: StateMachineType
    package var definition: String
    package var roleArn: String
    package var creationDate: Timestamp
    /// Changes with every update (AWS's `revisionId`).
    package var revisionId: String
    package var loggingConfiguration: JSONValue?
    package var tracingConfiguration: JSONValue?
    package var description: String?

    package init(
        arn: String, name: String, type: StateMachineType, definition: String, roleArn: String, creationDate: Timestamp,
        revisionId: String
    ) {
        self.arn = arn
        self.name = name
        self.type = type
        self.definition = definition
        self.roleArn = roleArn
        self.creationDate = creationDate
        self.revisionId = revisionId
    }
}

/// An activity as stored.
package struct ActivityRecord: Sendable, Equatable {
    package var arn: String
    package var name: String
    package var creationDate: Timestamp

    package init(arn: String, name: String, creationDate: Timestamp) {
        self.arn = arn
        self.name = name
        self.creationDate = creationDate
    }
}

/// Durable storage of the resources the API manages besides executions: state machines,
/// activities and their tags. Lists are ordered by name (state machines, activities).
package protocol ResourceStore: Sendable {
    /// Inserts unless a state machine with this ARN exists; returns the stored one either way.
    func insertStateMachine(_ record: StateMachineRecord) async throws(StoreError) -> (record: StateMachineRecord, created: Bool)
    func updateStateMachine(_ record: StateMachineRecord) async throws(StoreError)
    func deleteStateMachine(arn: String) async throws(StoreError)
    func stateMachine(arn: String) async throws(StoreError) -> StateMachineRecord?
    func stateMachines() async throws(StoreError) -> [StateMachineRecord]

    func insertActivity(_ record: ActivityRecord) async throws(StoreError) -> (record: ActivityRecord, created: Bool)
    func deleteActivity(arn: String) async throws(StoreError)
    func activity(arn: String) async throws(StoreError) -> ActivityRecord?
    func activities() async throws(StoreError) -> [ActivityRecord]

    /// Tags in the order they were first set; setting an existing key replaces its value.
    func tags(resourceArn: String) async throws(StoreError) -> [(key: String, value: String)]
    func setTags(resourceArn: String, tags: [(key: String, value: String)]) async throws(StoreError)
    func removeTags(resourceArn: String, keys: [String]) async throws(StoreError)

    /// Executions of one state machine, newest first, optionally of one status.
    func executions(stateMachineArn: String, status: ExecutionStatus?) async throws(StoreError) -> [ExecutionRecord]
}
