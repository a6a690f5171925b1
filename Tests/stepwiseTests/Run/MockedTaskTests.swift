import Foundation
import JSONValue
import StatesLanguage
import Testing

@testable import stepwise

struct MockedTaskTests {
    @Test("a Task is answered from a short-form mock file ({\"State\": {\"Return\": ...}})")
    func shortForm() async throws {
        let (report, console) = await run(options("charge.json") { $0.mocksPath = Fixtures.path("mocks-short.json") })
        #expect(report.exitCode == 0, "\(console.stderr)")
        #expect(try JSONValue(parsing: console.stdout) == ["receipt": "R-1"])
    }

    @Test("an AWS-format mock file's test case answers each invocation in turn: the retry gets the 2nd response")
    func awsFormRetry() async throws {
        let (report, console) = await run(
            options("charge.json") {
                $0.mocksPath = Fixtures.path("mocks-aws.json")
                $0.testCase = "RetryThenSucceed"
                $0.virtualTime = true
            })
        #expect(report.exitCode == 0, "\(console.stderr)")
        #expect(try JSONValue(parsing: console.stdout) == ["receipt": "R-2"])
        let types = try #require(report.result).history.map(\.type)
        #expect(types.filter { $0 == .taskScheduled }.count == 2)
        let failed = try #require(types.firstIndex(of: .taskFailed))
        let succeeded = try #require(types.firstIndex(of: .taskSucceeded))
        #expect(failed < succeeded)
    }

    @Test("a mocked error that outlasts the retries fails the execution with the mocked error and cause")
    func retriesExhausted() async {
        let (report, console) = await run(
            options("charge.json") {
                $0.mocksPath = Fixtures.path("mocks-aws.json")
                $0.testCase = "AlwaysDown"
                $0.virtualTime = true
            })
        #expect(report.exitCode == 1)
        #expect(console.stderr == "error: Lambda.ServiceException\ncause: Service unavailable\n")
    }

    @Test("without --mocks a Task fails with the runner's message naming the state to mock")
    func noMocks() async {
        let (report, console) = await run(options("charge.json"))
        #expect(report.exitCode == 1)
        #expect(console.stderr.hasPrefix("error: States.TaskFailed\ncause: No mocked response for the Task state 'Charge'"))
    }

    @Test("a mock file with several test cases and no --test-case is reported with the file and the JSON pointer")
    func testCaseMissing() async {
        let mocks = Fixtures.path("mocks-aws.json")
        let (report, console) = await run(options("charge.json") { $0.mocksPath = mocks })
        #expect(report.exitCode == 1)
        #expect(report.result == nil)
        #expect(console.stderr.hasPrefix("\(mocks) at /StateMachines/charge/TestCases: Several test cases"))
    }

    @Test("the only state machine of a mock file is used whatever its name; an unknown test case is named")
    func unknownTestCase() async throws {
        let temp = try TemporaryDirectory()
        // The definition is called "payment", the mock file's machine "charge".
        let definition = try temp.write("payment.json", try String(contentsOfFile: Fixtures.path("charge.json"), encoding: .utf8))
        var options = RunOptions(definitionPath: definition)
        options.mocksPath = Fixtures.path("mocks-aws.json")
        options.testCase = "Nope"
        let (report, console) = await run(options)
        #expect(report.exitCode == 1)
        #expect(console.stderr.contains("mocks-aws.json at /StateMachines/charge/TestCases: No test case named 'Nope'"))
    }
}
