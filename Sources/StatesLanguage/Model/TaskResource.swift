/// What a Task state's `Resource` names: an activity, a Lambda function, or a service integration.
package struct TaskResource: Sendable, Hashable {
    package enum Kind: Sendable, Hashable {
        /// `arn:aws:states:REGION:ACCOUNT:activity:NAME`
        case activity
        /// `arn:aws:lambda:REGION:ACCOUNT:function:NAME`: the legacy Lambda form with its own events.
        case lambdaFunction
        /// `arn:aws:states:::SERVICE:ACTION[.sync|.sync:2|.waitForTaskToken]`
        case service(type: String, action: String)
    }

    /// How the state waits for a service integration.
    package enum Pattern: String, Sendable, Hashable {
        case requestResponse
        case sync = ".sync"
        case sync2 = ".sync:2"
        case waitForTaskToken = ".waitForTaskToken"
    }

    package var arn: String
    package var kind: Kind
    package var pattern: Pattern

    package init(arn: String) {
        self.arn = arn
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if parts.count >= 7, parts[2] == "states", parts[5] == "activity" {
            kind = .activity
            pattern = .requestResponse
        } else if parts.count >= 7, parts[2] == "lambda", parts[5] == "function" {
            kind = .lambdaFunction
            pattern = .requestResponse
        } else if parts.count >= 6, parts[2] == "states", parts[3].isEmpty, parts[4].isEmpty {
            // arn:aws:states:::SERVICE:ACTION... ; aws-sdk integrations have SERVICE = "aws-sdk:NAME".
            var rest = Array(parts[5...])
            var type = rest.removeFirst()
            if type == "aws-sdk", rest.count > 1 { type += ":" + rest.removeFirst() }
            let action = rest.joined(separator: ":")
            var pattern = Pattern.requestResponse
            for p in [Pattern.sync2, .sync, .waitForTaskToken] where action.hasSuffix(p.rawValue) {
                pattern = p
                break
            }
            self.pattern = pattern
            kind = .service(type: type, action: action)
        } else {
            kind = .service(type: parts.count > 2 ? parts[2] : arn, action: parts.last ?? arn)
            pattern = .requestResponse
        }
    }

    /// `resourceType` and `resource` as AWS puts them into Task* history events.
    package var eventNames: (resourceType: String, resource: String) {
        switch kind {
        case .activity: ("activity", arn)
        case .lambdaFunction: ("lambda", arn)
        case .service(let type, let action): (type, action)
        }
    }
}
