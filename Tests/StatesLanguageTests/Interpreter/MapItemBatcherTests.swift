import JSONValue
import StatesLanguage
import Testing

@Suite("Map ItemBatcher and S3-only fields")
struct MapItemBatcherTests {
    func run(_ definition: String, input: JSONValue) throws -> Interpreter {
        let machine = try StateMachineParser().parse(try JSONValue(parsing: definition))
        let identity = ExecutionIdentity(
            stateMachineName: "m", executionName: "e", input: input, startTime: Timestamp(seconds: 1_700_000_000))
        let interpreter = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: 1))
        _ = interpreter.start()
        return interpreter
    }

    @Test("ItemBatcher gives each iteration {BatchInput, Items} cut by MaxItemsPerBatch, after ItemSelector")
    func batchesItems() throws {
        let interpreter = try run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "ItemsPath": "$.xs",
              "ItemSelector": {"v.$": "$$.Map.Item.Value"},
              "ItemBatcher": {"MaxItemsPerBatch": 2, "BatchInput": {"run.$": "$.run"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """, input: ["xs": [1, 2, 3], "run": "r1"])
        #expect(interpreter.status == .succeeded)
        #expect(
            interpreter.output == [
                ["BatchInput": ["run": "r1"], "Items": [["v": 1], ["v": 2]]],
                ["BatchInput": ["run": "r1"], "Items": [["v": 3]]],
            ])
    }

    @Test("ResultWriter, which needs S3, fails the Map with States.ResultWriterFailed instead of being ignored")
    func resultWriterRefused() throws {
        let interpreter = try run(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map",
              "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "b", "Prefix": "p"}},
              "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
              "End": true}}}
            """, input: [1])
        #expect(interpreter.status == .failed)
        #expect(interpreter.error == "States.ResultWriterFailed")
    }
}
