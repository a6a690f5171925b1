import Foundation
import JSONValue

/// Where a service is reached: a base URL and the Host header SigV4 signs.
package struct AWSEndpoint: Sendable, Equatable {
    /// `http://127.0.0.1:5000`, without a trailing slash.
    package var url: String
    /// `127.0.0.1:5000`: the host, with the port when it is not the scheme's default.
    package var host: String

    /// Nil unless `text` is an absolute `http` or `https` URL with a host and no path.
    package init?(_ text: String) {
        var rest = Substring(text)
        let scheme: String
        if rest.hasPrefix("http://") {
            scheme = "http"
        } else if rest.hasPrefix("https://") {
            scheme = "https"
        } else {
            return nil
        }
        rest = rest.dropFirst(scheme.count + 3)
        while rest.hasSuffix("/") { rest = rest.dropLast() }
        guard !rest.isEmpty, !rest.contains("/"), !rest.contains("?"), !rest.contains("#"), !rest.contains("@") else { return nil }
        var host = String(rest)
        if (scheme == "http" && host.hasSuffix(":80")) || (scheme == "https" && host.hasSuffix(":443")) {
            host = String(host[..<host.lastIndex(of: ":")!])
        }
        self.url = "\(scheme)://\(rest)"
        self.host = host
    }
}

/// The `AWS` section of the integration configuration: endpoints, region and credentials for
/// calls to AWS (or to an AWS-compatible server such as LocalStack or moto).
///
/// ```json
/// {"Endpoint": "http://127.0.0.1:5000", "Region": "us-east-1",
///  "AccessKeyId": "...", "SecretAccessKey": "...", "SessionToken": "...",
///  "Services": {"sqs": "http://...", "dynamodb": "aws"}}
/// ```
/// An endpoint of `"aws"` means AWS itself (`https://PREFIX.REGION.amazonaws.com`). A service
/// without an endpoint (its own or `Endpoint`) is not called: its resources are left to others.
package struct AWSConfiguration: Sendable, Equatable {
    /// The value that names AWS's own endpoints.
    package static let awsEndpoint = "aws"
    package static let keys = ["Endpoint", "Region", "AccessKeyId", "SecretAccessKey", "SessionToken", "Services"]

    package var region: String
    /// Nil when neither the section nor the environment gives any: calls then fail with a cause saying so.
    package var credentials: AWSCredentials?
    /// `Endpoint`: nil, `"aws"`, or a URL.
    package var defaultEndpoint: String?
    /// `Services`, by catalog name (`sfn` for `states`, `eventbridge` for `events`).
    package var serviceEndpoints: [String: String]

    package init(
        region: String = "us-east-1", credentials: AWSCredentials?, defaultEndpoint: String? = nil,
        serviceEndpoints: [String: String] = [:]
    ) {
        self.region = region
        self.credentials = credentials
        self.defaultEndpoint = defaultEndpoint
        self.serviceEndpoints = serviceEndpoints
    }

    /// Reads the section (nil when the file has none); what it lacks comes from `environment`
    /// (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`, `AWS_REGION`,
    /// `AWS_DEFAULT_REGION`), normally the process's.
    package init(section: JSONObject?, environment: [String: String]) throws(IntegrationConfigurationError) {
        let object = section ?? JSONObject()
        func pointer(_ key: String) -> String { "/AWS/" + key.jsonPointerEscaped }
        for key in object.keys where !Self.keys.contains(key) {
            throw IntegrationConfigurationError(
                pointer: pointer(key), message: "Unknown AWS setting '\(key)'; the settings are \(Self.keys.joined(separator: ", "))")
        }
        func string(_ key: String) throws(IntegrationConfigurationError) -> String? {
            guard let value = object[key] else { return nil }
            guard let text = value.stringValue, !text.isEmpty else {
                throw IntegrationConfigurationError(pointer: pointer(key), message: "'\(key)' must be a non-empty string")
            }
            return text
        }
        func checkedEndpoint(_ text: String, at pointer: String) throws(IntegrationConfigurationError) -> String {
            guard text == Self.awsEndpoint || AWSEndpoint(text) != nil else {
                throw IntegrationConfigurationError(
                    pointer: pointer,
                    message: "'\(text)' is not an endpoint: give an http:// or https:// URL without a path, or \"aws\"")
            }
            return text
        }

        region = try string("Region") ?? environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] ?? "us-east-1"
        let keyId = try string("AccessKeyId")
        let secret = try string("SecretAccessKey")
        let token = try string("SessionToken")
        switch (keyId, secret) {
        case (let keyId?, let secret?):
            credentials = AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: token)
        case (nil, nil):
            if token != nil {
                throw IntegrationConfigurationError(
                    pointer: pointer("SessionToken"), message: "'SessionToken' needs 'AccessKeyId' and 'SecretAccessKey'")
            }
            if let keyId = environment["AWS_ACCESS_KEY_ID"], let secret = environment["AWS_SECRET_ACCESS_KEY"], !keyId.isEmpty {
                let token = environment["AWS_SESSION_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
                credentials = AWSCredentials(accessKeyId: keyId, secretAccessKey: secret, sessionToken: token)
            } else {
                credentials = nil
            }
        case (nil, _):
            throw IntegrationConfigurationError(pointer: pointer("AccessKeyId"), message: "'SecretAccessKey' needs 'AccessKeyId'")
        case (_, nil):
            throw IntegrationConfigurationError(pointer: pointer("SecretAccessKey"), message: "'AccessKeyId' needs 'SecretAccessKey'")
        }

        if let text = try string("Endpoint") {
            defaultEndpoint = try checkedEndpoint(text, at: pointer("Endpoint"))
        } else {
            defaultEndpoint = nil
        }
        serviceEndpoints = [:]
        if let services = object["Services"] {
            guard let services = services.objectValue else {
                throw IntegrationConfigurationError(
                    pointer: pointer("Services"), message: "'Services' must be an object of service names to endpoints")
            }
            for (name, value) in services.members {
                let at = pointer("Services") + "/" + name.jsonPointerEscaped
                guard let service = AWSServiceCatalog.service(named: name) else {
                    let names = AWSServiceCatalog.services.map(\.name).joined(separator: ", ")
                    throw IntegrationConfigurationError(pointer: at, message: "Unknown AWS service '\(name)'; the services are \(names)")
                }
                guard let text = value.stringValue else {
                    throw IntegrationConfigurationError(pointer: at, message: "The endpoint of '\(name)' must be a string")
                }
                serviceEndpoints[service.name] = try checkedEndpoint(text, at: at)
            }
        }
    }

    /// Reads the `AWS` section of a configuration file, with the process's environment behind it.
    package init(
        from configuration: IntegrationConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(IntegrationConfigurationError) {
        try self.init(section: configuration.section("AWS"), environment: environment)
    }

    /// The endpoint calls to `service` (any catalog name or alias: `sqs`, `events`, `states`) go
    /// to, or nil when none is configured for it, in which case its resources are not ours.
    package func endpoint(forService service: String) -> AWSEndpoint? {
        guard let description = AWSServiceCatalog.service(named: service) else { return nil }
        guard let text = serviceEndpoints[description.name] ?? defaultEndpoint else { return nil }
        if text == Self.awsEndpoint {
            return AWSEndpoint("https://\(description.endpointPrefix).\(region).amazonaws.com")
        }
        return AWSEndpoint(text)
    }
}
