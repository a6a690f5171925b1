import Foundation
import JSONValue
import StepwiseIntegrations
import Testing

@Suite struct TaskDefinitionStoreTests {
    func temporaryStore() -> TaskDefinitionStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stepwise-td-\(UUID().uuidString)").path
        return TaskDefinitionStore(directory: dir, region: "eu-west-1", account: "111122223333")
    }

    let worker: JSONValue = [
        "family": "worker",
        "containerDefinitions": [["name": "main", "image": "busybox", "command": ["sh", "-c", "exit 0"], "environment": [["name": "A", "value": "1"]]]],
    ]

    @Test func registeringTwiceMakesRevisionsOneAndTwoAndTheFamilyResolvesToTheLatest() throws {
        let store = temporaryStore()
        #expect(try store.register(worker).revision == 1)
        #expect(try store.register(worker).revision == 2)
        #expect(try store.resolve("worker").revision == 2)
        #expect(try store.resolve("worker:1").revision == 1)
        #expect(try store.resolve("arn:aws:ecs:eu-west-1:111122223333:task-definition/worker:1").revision == 1)
        #expect(try store.resolve("worker:1").containers[0].environment.map(\.value) == ["1"])
    }

    @Test func anUnchangedRegistrationFromTheConfigFolderKeepsTheLatestRevision() throws {
        let store = temporaryStore()
        _ = try store.register(worker, unlessUnchanged: true)
        #expect(try store.register(worker, unlessUnchanged: true).revision == 1)
    }

    @Test func unknownReferencesAreNotFoundAsECSSaysIt() throws {
        let store = temporaryStore()
        _ = try store.register(worker)
        for reference in ["other", "worker:9", "worker:x", "arn:aws:ecs:us-east-1:111122223333:task-definition/worker:1", "../worker"] {
            #expect(throws: TaskDefinitionError.notFound(reference: reference)) { try store.resolve(reference) }
        }
    }

    @Test func invalidRegistrationsAreRefusedAndStoreNothing() throws {
        let store = temporaryStore()
        let bad: [JSONValue] = [
            ["containerDefinitions": [["name": "a", "image": "b"]]],
            ["family": "f", "containerDefinitions": []],
            ["family": "f", "containerDefinitions": [["name": "a"]]],
            ["family": "f", "containerDefinitions": [["name": "a", "image": "b"], ["name": "a", "image": "c"]]],
            ["family": "f", "containerDefinitions": [["name": "a", "image": "b", "essential": false]]],
            ["family": "f/../x", "containerDefinitions": [["name": "a", "image": "b"]]],
        ]
        for json in bad {
            #expect(throws: TaskDefinitionError.self) { try store.register(json) }
        }
        #expect(try store.all().isEmpty)
    }
}
