import StepwiseAPI
import Testing

@Suite("ARNs")
struct ARNTests {
    let context = ARNContext(partition: "aws-cn", region: "cn-north-1", account: "210987654321")

    @Test("ARNs are built from the configured partition, region and account")
    func building() {
        #expect(ARNContext.default.stateMachine("M").description == "arn:aws:states:us-east-1:123456789012:stateMachine:M")
        #expect(context.stateMachine("M").description == "arn:aws-cn:states:cn-north-1:210987654321:stateMachine:M")
        #expect(context.execution(stateMachine: "M", name: "e").description == "arn:aws-cn:states:cn-north-1:210987654321:execution:M:e")
        #expect(
            context.expressExecution(stateMachine: "M", name: "e", id: "u-1").description
                == "arn:aws-cn:states:cn-north-1:210987654321:express:M:e:u-1")
        #expect(context.activity("a").description == "arn:aws-cn:states:cn-north-1:210987654321:activity:a")
        #expect(context.mapRun(stateMachine: "M", label: "L", id: "u").description == "arn:aws-cn:states:cn-north-1:210987654321:mapRun:M/L:u")
    }

    @Test("each kind parses back to its parts and prints unchanged", arguments: [
        "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld",
        "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld:3",
        "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld:PROD",
        "arn:aws:states:us-east-1:123456789012:stateMachine:HelloWorld/Map1",
    ])
    func stateMachineRoundTrip(_ text: String) throws {
        #expect(try StateMachineARN(parsing: text).description == text)
    }

    @Test("state machine qualifiers: version number, alias, map label")
    func qualifiers() throws {
        #expect(try StateMachineARN(parsing: smArn + ":3").qualifier == .version(3))
        #expect(try StateMachineARN(parsing: smArn + ":PROD").qualifier == .alias("PROD"))
        let labelled = try StateMachineARN(parsing: smArn + "/Map1")
        #expect(labelled.label == "Map1")
        #expect(labelled.unqualified.description == smArn)
        #expect(throws: APIError.self) { try StateMachineARN(parsing: smArn + ":0") }
    }

    @Test("execution ARNs: standard, express with UUID, map-run child")
    func executions() throws {
        let standard = try ExecutionARN(parsing: execArn)
        #expect(standard.stateMachineName == "HelloWorld")
        #expect(standard.name == "run1")
        #expect(!standard.isExpress)
        #expect(standard.stateMachine.description == smArn)
        let expressText = "arn:aws:states:us-east-1:123456789012:express:HelloWorld:run1:8b0c2a4e-1111-2222-3333-444455556666"
        let express = try ExecutionARN(parsing: expressText)
        #expect(express.expressID == "8b0c2a4e-1111-2222-3333-444455556666")
        #expect(express.description == expressText)
        let childText = "arn:aws:states:us-east-1:123456789012:execution:HelloWorld/Map1:child-1"
        let child = try ExecutionARN(parsing: childText)
        #expect(child.label == "Map1")
        #expect(child.description == childText)
    }

    @Test("activities, map runs and taggable resources")
    func others() throws {
        #expect(try ActivityARN(parsing: activityArn).name == "worker")
        let run = try MapRunARN(parsing: "arn:aws:states:us-east-1:123456789012:mapRun:HelloWorld/Map1:9f0e")
        #expect(run.label == "Map1")
        #expect(run.id == "9f0e")
        #expect(try TaggableARN(parsing: activityArn) == .activity(try ActivityARN(parsing: activityArn)))
        #expect(try TaggableARN(parsing: smArn) == .stateMachine(try StateMachineARN(parsing: smArn)))
    }

    @Test("malformed ARNs give InvalidArn with AWS's texts", arguments: [
        ("abc", "Invalid Arn: 'Invalid ARN prefix: abc'"),
        ("arn:aws:states:us-east-1:123456789012:execution:M:e", "Invalid Arn: 'Resource type not valid in this context: execution'"),
        ("arn:aws:states:us-east-1:123456789012:activity:a", "Invalid Arn: 'Resource type not valid in this context: activity'"),
        ("arn:aws:lambda:us-east-1:123456789012:function:f", "Invalid Arn: 'arn:aws:lambda:us-east-1:123456789012:function:f'"),
        ("arn:aws:states:us-east-1:123456789012", "Invalid Arn: 'arn:aws:states:us-east-1:123456789012'"),
        ("arn:aws:states:us-east-1:123456789012:stateMachine:", "Invalid Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:'"),
        ("arn:aws:states:us-east-1:123456789012:stateMachine:a b", "Invalid Arn: 'arn:aws:states:us-east-1:123456789012:stateMachine:a b'"),
        ("arn:aws:states::123456789012:stateMachine:M", "Invalid Arn: 'arn:aws:states::123456789012:stateMachine:M'"),
    ])
    func malformed(_ text: String, _ message: String) {
        #expect(throws: APIError(.invalidArn, message)) { try StateMachineARN(parsing: text) }
    }

    @Test("an execution ARN with the wrong number of parts is InvalidArn")
    func executionParts() {
        #expect(throws: APIError.self) { try ExecutionARN(parsing: "arn:aws:states:us-east-1:123456789012:execution:M") }
        #expect(throws: APIError.self) { try ExecutionARN(parsing: "arn:aws:states:us-east-1:123456789012:express:M:e") }
        #expect(throws: APIError.self) { try ExecutionARN(parsing: "arn:aws:states:us-east-1:123456789012:execution:M:e:x") }
    }
}
