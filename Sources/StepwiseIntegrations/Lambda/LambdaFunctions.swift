import JSONValue

/// A function declared in the configuration's `LambdaFunctions` section: where it runs and how long
/// it may take.
package struct LambdaFunctionDefinition: Sendable, Equatable {
    /// Where the function runs.
    package enum Target: Sendable, Equatable {
        /// An HTTP endpoint the payload is POSTed to; see `LambdaTaskRunner` for its conventions.
        case url(String)
        /// A local command reading the payload on stdin and writing its result on stdout.
        case command(arguments: [String], workingDirectory: String?, environment: [String: String])
    }

    package var name: String
    package var target: Target
    /// Lambda's own maximum (900 seconds) unless configured: local functions rarely fit Lambda's 3-second default.
    package var timeoutSeconds: Double

    package init(name: String, target: Target, timeoutSeconds: Double = 900) {
        self.name = name
        self.target = target
        self.timeoutSeconds = timeoutSeconds
    }
}

/// The `LambdaFunctions` section of the integration configuration: functions by name (or by
/// `name:qualifier`, which wins over the plain name for that qualifier).
///
/// ```json
/// "LambdaFunctions": {
///   "resize": {"Url": "http://127.0.0.1:9000/resize", "TimeoutSeconds": 30},
///   "score": {"Command": ["python3", "score.py"], "WorkingDirectory": "/srv/fn", "Environment": {"MODE": "fast"}}
/// }
/// ```
package struct LambdaFunctions: Sendable, Equatable {
    /// The longest `TimeoutSeconds` a function may have (Lambda's own limit is 900).
    static let maximumTimeoutSeconds = 86_400.0

    package var byName: [String: LambdaFunctionDefinition]

    package init(_ functions: [LambdaFunctionDefinition] = []) {
        byName = Dictionary(functions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Reads the section (nil when the configuration has none); `pointer` is where the section is.
    package init(section: JSONObject?, pointer: String = "/LambdaFunctions") throws(IntegrationConfigurationError) {
        var functions: [LambdaFunctionDefinition] = []
        for (name, value) in section?.members ?? [] {
            functions.append(try Self.function(name: name, value, pointer: pointer + "/" + name.jsonPointerEscaped))
        }
        self.init(functions)
    }

    /// The function a parsed `FunctionName` names.
    package func definition(for name: LambdaFunctionName) -> LambdaFunctionDefinition? {
        if let qualifier = name.qualifier, let exact = byName[name.name + ":" + qualifier] { return exact }
        return byName[name.name]
    }

    static func function(name: String, _ value: JSONValue, pointer: String) throws(IntegrationConfigurationError) -> LambdaFunctionDefinition {
        guard let object = value.objectValue else {
            throw IntegrationConfigurationError(pointer: pointer, message: "A function must be an object with a Url or a Command")
        }
        let known: Set<String> = ["Url", "Command", "WorkingDirectory", "Environment", "TimeoutSeconds"]
        for key in object.keys where !known.contains(key) {
            throw IntegrationConfigurationError(pointer: pointer + "/" + key, message: "Unknown field '\(key)'; a function has \(known.sorted().joined(separator: ", "))")
        }
        var timeout = 900.0
        if let value = object["TimeoutSeconds"] {
            guard let number = value.numberValue, let seconds = Double(number.text), seconds > 0, seconds <= Self.maximumTimeoutSeconds else {
                throw IntegrationConfigurationError(
                    pointer: pointer + "/TimeoutSeconds",
                    message: "TimeoutSeconds must be a number of seconds above 0 and at most \(Int(Self.maximumTimeoutSeconds)) (a day)")
            }
            timeout = seconds
        }
        switch (object["Url"], object["Command"]) {
        case (let url?, nil):
            guard let text = url.stringValue, text.hasPrefix("http://") || text.hasPrefix("https://") else {
                throw IntegrationConfigurationError(pointer: pointer + "/Url", message: "Url must be an http or https URL")
            }
            for key in ["WorkingDirectory", "Environment"] where object[key] != nil {
                throw IntegrationConfigurationError(pointer: pointer + "/" + key, message: "\(key) applies to a Command, not to a Url")
            }
            return LambdaFunctionDefinition(name: name, target: .url(text), timeoutSeconds: timeout)
        case (nil, let command?):
            guard let items = command.arrayValue, !items.isEmpty, items.allSatisfy({ $0.stringValue != nil }) else {
                throw IntegrationConfigurationError(pointer: pointer + "/Command", message: "Command must be a non-empty array of strings")
            }
            var directory: String?
            if let value = object["WorkingDirectory"] {
                guard let text = value.stringValue, !text.isEmpty else {
                    throw IntegrationConfigurationError(pointer: pointer + "/WorkingDirectory", message: "WorkingDirectory must be a non-empty string")
                }
                directory = text
            }
            var environment: [String: String] = [:]
            if let value = object["Environment"] {
                guard let variables = value.objectValue else {
                    throw IntegrationConfigurationError(pointer: pointer + "/Environment", message: "Environment must be an object of strings")
                }
                for (key, value) in variables.members {
                    guard let text = value.stringValue, !key.isEmpty, !key.contains("=") else {
                        throw IntegrationConfigurationError(
                            pointer: pointer + "/Environment/" + key.jsonPointerEscaped, message: "An environment variable needs a name without '=' and a string value")
                    }
                    environment[key] = text
                }
            }
            return LambdaFunctionDefinition(
                name: name, target: .command(arguments: items.map { $0.stringValue! }, workingDirectory: directory, environment: environment),
                timeoutSeconds: timeout)
        case (nil, nil):
            throw IntegrationConfigurationError(pointer: pointer, message: "A function needs a Url or a Command")
        case (_?, _?):
            throw IntegrationConfigurationError(pointer: pointer, message: "A function has a Url or a Command, not both")
        }
    }
}

/// A Lambda `FunctionName` taken apart: `NAME`, `NAME:QUALIFIER`, `ACCOUNT:function:NAME[:QUALIFIER]`
/// or `arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]`.
package struct LambdaFunctionName: Sendable, Equatable {
    package var name: String
    package var qualifier: String?
    package var region: String?
    package var account: String?

    package init(name: String, qualifier: String? = nil, region: String? = nil, account: String? = nil) {
        self.name = name
        self.qualifier = qualifier
        self.region = region
        self.account = account
    }

    /// nil when the text is none of the forms above.
    package init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { return nil }
        if parts.first == "arn" {
            guard parts.count == 7 || parts.count == 8, parts[2] == "lambda", parts[5] == "function" else { return nil }
            self.init(name: parts[6], qualifier: parts.count == 8 ? parts[7] : nil, region: parts[3], account: parts[4])
            return
        }
        switch parts.count {
        case 1: self.init(name: parts[0])
        case 2: self.init(name: parts[0], qualifier: parts[1])
        case 3 where parts[1] == "function": self.init(name: parts[2], account: parts[0])
        case 4 where parts[1] == "function": self.init(name: parts[2], qualifier: parts[3], account: parts[0])
        default: return nil
        }
    }

    /// The function's ARN as Lambda writes it in messages.
    package func arn(defaultRegion: String, defaultAccount: String) -> String {
        "arn:aws:lambda:\(region ?? defaultRegion):\(account ?? defaultAccount):function:\(name)" + (qualifier.map { ":" + $0 } ?? "")
    }

    /// The version that runs: a numeric qualifier names one; anything else (alias, `$LATEST`) runs `$LATEST` here.
    package var executedVersion: String {
        if let qualifier, !qualifier.isEmpty, qualifier.allSatisfy(\.isNumber) { return qualifier }
        return "$LATEST"
    }
}
