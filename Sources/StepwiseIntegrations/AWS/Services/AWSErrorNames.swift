/// The `Error` and `Cause` a failed call reports, named as AWS Step Functions names them.
///
/// AWS SDK integrations (`aws-sdk:SERVICE:action`): `<SdkServiceName>.<ErrorName>`, both
/// PascalCase, the error name always ending in `Exception` even where the service's own code does
/// not (S3's `NoSuchKey` is `S3.NoSuchKeyException`), and the cause as AWS SDK for Java 2.x
/// prints it: `<message> (Service: Sfn, Status Code: 400, Request ID: ...)`.
/// (docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html)
///
/// Optimized integrations (`sqs:sendMessage`, `dynamodb:putItem`, ...) run on AWS SDK for Java 1.x:
/// `DynamoDB.ConditionalCheckFailedException`, `SQS.QueueDoesNotExistException`, and
/// `SQS.AmazonSQSException` when the answer carries no code; causes read
/// `<message> (Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ...; Request ID: ...; Proxy: null)`.
package enum AWSErrorNames {
    /// `Foo` becomes `FooException`; `FooException` stays.
    package static func exceptionName(_ code: String) -> String {
        code.hasSuffix("Exception") ? code : code + "Exception"
    }

    package static func sdkIntegration(_ service: AWSServiceDescription, _ failure: AWSServiceFailure) -> (error: String, cause: String) {
        let name = failure.code.isEmpty ? service.sdkName + "Exception" : exceptionName(failure.code)
        let cause = "\(failure.message) (Service: \(service.sdkName), Status Code: \(failure.status), Request ID: \(failure.requestId ?? "null"))"
        return ("\(service.sdkName).\(name)", cause)
    }

    package static func optimizedIntegration(
        _ integration: AWSServiceDescription.OptimizedIntegration, _ failure: AWSServiceFailure
    ) -> (error: String, cause: String) {
        let name = failure.code.isEmpty ? integration.baseException : exceptionName(failure.code)
        let cause = "\(failure.message) (Service: \(integration.causeServiceName); Status Code: \(failure.status); "
            + "Error Code: \(failure.code.isEmpty ? "null" : failure.code); Request ID: \(failure.requestId ?? "null"); Proxy: null)"
        return ("\(integration.errorPrefix).\(name)", cause)
    }
}
