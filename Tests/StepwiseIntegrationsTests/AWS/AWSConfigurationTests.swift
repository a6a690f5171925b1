import AsyncHTTPClient
import JSONValue
import StatesLanguage
import Testing

@testable import StepwiseIntegrations

/// The `AWS` section: endpoints per service or for all, credentials from the file or the environment,
/// bad entries named by JSON pointer, and which resources the runner then claims.
@Suite struct AWSConfigurationTests {
    @Test func perServiceEndpointsOverrideTheDefaultOne() throws {
        let configuration = try AWSConfiguration(
            section: [
                "Endpoint": "http://127.0.0.1:5000/", "Region": "eu-west-1", "AccessKeyId": "AK", "SecretAccessKey": "SK",
                "Services": ["dynamodb": "http://localhost:8000", "states": "aws"],
            ], environment: [:])
        #expect(configuration.region == "eu-west-1")
        #expect(configuration.credentials == AWSCredentials(accessKeyId: "AK", secretAccessKey: "SK"))
        #expect(configuration.endpoint(forService: "sqs")?.url == "http://127.0.0.1:5000")
        #expect(configuration.endpoint(forService: "sqs")?.host == "127.0.0.1:5000")
        #expect(configuration.endpoint(forService: "dynamodb")?.url == "http://localhost:8000")
        #expect(configuration.endpoint(forService: "sfn")?.url == "https://states.eu-west-1.amazonaws.com")
        #expect(configuration.endpoint(forService: "sfn")?.host == "states.eu-west-1.amazonaws.com")
        #expect(configuration.endpoint(forService: "unknown") == nil)
    }

    @Test func theAWSSectionOfAConfigurationFileIsRead() throws {
        let file = try IntegrationConfiguration(json: ["AWS": ["Endpoint": "http://127.0.0.1:4566", "AccessKeyId": "A", "SecretAccessKey": "S"]])
        let configuration = try AWSConfiguration(from: file, environment: ["AWS_REGION": "eu-central-1"])
        #expect(configuration.endpoint(forService: "events")?.url == "http://127.0.0.1:4566")
        #expect(configuration.region == "eu-central-1")
        #expect(try AWSConfiguration(from: IntegrationConfiguration(), environment: [:]).endpoint(forService: "sqs") == nil)
    }

    @Test func withoutAnEndpointNoServiceIsReachable() throws {
        let configuration = try AWSConfiguration(section: ["Services": ["sqs": "http://127.0.0.1:1"]], environment: [:])
        #expect(configuration.endpoint(forService: "sqs") != nil)
        #expect(configuration.endpoint(forService: "dynamodb") == nil)
        #expect(try AWSConfiguration(section: nil, environment: [:]).endpoint(forService: "sqs") == nil)
    }

    @Test func credentialsAndRegionFallBackToTheEnvironment() throws {
        let configuration = try AWSConfiguration(
            section: nil,
            environment: ["AWS_ACCESS_KEY_ID": "EK", "AWS_SECRET_ACCESS_KEY": "ES", "AWS_SESSION_TOKEN": "ET", "AWS_REGION": "ap-south-1"])
        #expect(configuration.credentials == AWSCredentials(accessKeyId: "EK", secretAccessKey: "ES", sessionToken: "ET"))
        #expect(configuration.region == "ap-south-1")
        #expect(try AWSConfiguration(section: nil, environment: [:]).credentials == nil)
        #expect(try AWSConfiguration(section: nil, environment: [:]).region == "us-east-1")
    }

    @Test func badEntriesAreNamedByPointer() {
        func error(_ section: JSONObject) -> IntegrationConfigurationError? {
            do {
                _ = try AWSConfiguration(section: section, environment: [:])
                return nil
            } catch { return error }
        }
        #expect(error(["Endpoint": "ftp://x"])?.pointer == "/AWS/Endpoint")
        #expect(error(["Endpoint": "http://host/path"])?.pointer == "/AWS/Endpoint")
        #expect(error(["Region": 3])?.pointer == "/AWS/Region")
        #expect(error(["AccessKeyId": "A"])?.pointer == "/AWS/SecretAccessKey")
        #expect(error(["Services": ["nosuch": "http://x"]])?.pointer == "/AWS/Services/nosuch")
        #expect(error(["Services": ["sqs": 1]])?.pointer == "/AWS/Services/sqs")
        #expect(error(["Services": "http://x"])?.pointer == "/AWS/Services")
        #expect(error(["Bogus": true])?.pointer == "/AWS/Bogus")
    }

    @Test func runnerClaimsOnlyServicesWithAnEndpointAndOnlyOfferedPatterns() throws {
        let configuration = try AWSConfiguration(
            section: ["Services": ["sqs": "http://127.0.0.1:1", "sfn": "http://127.0.0.1:1", "sns": "http://127.0.0.1:1"]],
            environment: [:])
        // Only `serves` is asked: the shared client, which needs no shutdown, is enough.
        let runner = AWSServiceTaskRunner(configuration: configuration, httpClient: .shared)
        func serves(_ arn: String) -> Bool { runner.serves(TaskResource(arn: arn)) }
        #expect(serves("arn:aws:states:::sqs:sendMessage"))
        #expect(serves("arn:aws:states:::sqs:sendMessage.waitForTaskToken"))
        #expect(serves("arn:aws:states:::aws-sdk:sqs:receiveMessage"))
        #expect(serves("arn:aws:states:::aws-sdk:sfn:listStateMachines.waitForTaskToken"))
        #expect(serves("arn:aws:states:::sns:publish"))
        #expect(!serves("arn:aws:states:::sqs:receiveMessage"))
        #expect(!serves("arn:aws:states:::aws-sdk:sqs:sendMessage.sync"))
        #expect(!serves("arn:aws:states:::dynamodb:putItem"))
        #expect(!serves("arn:aws:states:::aws-sdk:dynamodb:putItem"))
        #expect(!serves("arn:aws:states:::aws-sdk:nosuchservice:doIt"))
        #expect(!serves("arn:aws:states:::states:startExecution"))
        #expect(!serves("arn:aws:states:::lambda:invoke"))
        #expect(runner.call(for: TaskResource(arn: "arn:aws:states:::sqs:sendMessage.waitForTaskToken"))?.action == "sendMessage")
    }
}
