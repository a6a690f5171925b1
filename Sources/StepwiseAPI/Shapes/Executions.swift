import JSONValue
import StatesLanguage

// MARK: StartExecution / StartSyncExecution

package struct StartExecutionInput: RequestShape, Equatable {
    package var stateMachineArn: StateMachineARN
    /// The mock test case named after `#` in the ARN (`...:stateMachine:NAME#TestCase`), as Step
    /// Functions Local takes it.
    package var mockTestCase: String?
    /// nil: the backend names the execution with a UUID, as AWS does.
    package var name: String?
    /// The input text as sent (nil when absent); `inputValue` is its parsed form.
    package var input: String?
    package var traceHeader: String?
    /// The parsed input, `{}` when none was sent; invalid JSON was refused with InvalidExecutionInput.
    package var inputValue: JSONValue

    package init(
        stateMachineArn: StateMachineARN, name: String? = nil, input: JSONValue = [:], traceHeader: String? = nil, mockTestCase: String? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.mockTestCase = mockTestCase
        self.name = name
        self.input = input.serialized()
        self.inputValue = input
        self.traceHeader = traceHeader
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("stateMachineArn", length: Limits.arn)
        name = try r.string("name", length: Limits.name)
        input = try r.payload("input")
        traceHeader = try r.string("traceHeader", length: Limits.traceHeader)
        try r.finish()
        (stateMachineArn, mockTestCase) = try MockTestCaseARN.split(arn)
        if let name { try ResourceName.validate(name) }
        inputValue = try PayloadText.parseInput(input)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", MockTestCaseARN.join(stateMachineArn, mockTestCase))
        o.put("name", name)
        o.put("input", input)
        o.put("traceHeader", traceHeader)
        return .object(o)
    }
}

package struct StartExecutionOutput: ResponseShape, Equatable {
    package var executionArn: String
    package var startDate: Double

    package init(executionArn: String, startDate: Double) {
        self.executionArn = executionArn
        self.startDate = startDate
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn)
        o.putDate("startDate", startDate)
        return .object(o)
    }
}

package struct StartSyncExecutionInput: RequestShape, Equatable {
    package var stateMachineArn: StateMachineARN
    /// As in `StartExecutionInput`.
    package var mockTestCase: String?
    package var name: String?
    package var input: String?
    package var traceHeader: String?
    package var includedData: IncludedData?
    package var inputValue: JSONValue

    package init(
        stateMachineArn: StateMachineARN, name: String? = nil, input: JSONValue = [:], traceHeader: String? = nil, mockTestCase: String? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.mockTestCase = mockTestCase
        self.name = name
        self.input = input.serialized()
        self.inputValue = input
        self.traceHeader = traceHeader
        self.includedData = nil
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("stateMachineArn", length: Limits.arn)
        name = try r.string("name", length: Limits.name)
        input = try r.payload("input")
        traceHeader = try r.string("traceHeader", length: Limits.traceHeader)
        includedData = try r.enumeration("includedData", IncludedData.self)
        try r.finish()
        (stateMachineArn, mockTestCase) = try MockTestCaseARN.split(arn)
        if let name { try ResourceName.validate(name) }
        inputValue = try PayloadText.parseInput(input)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", MockTestCaseARN.join(stateMachineArn, mockTestCase))
        o.put("name", name)
        o.put("input", input)
        o.put("traceHeader", traceHeader)
        o.put("includedData", includedData)
        return .object(o)
    }
}

/// `SyncExecutionStatus`: an Express execution run to its end.
package enum SyncExecutionStatus: String, Sendable, CaseIterable {
    case succeeded = "SUCCEEDED"
    case failed = "FAILED"
    case timedOut = "TIMED_OUT"
}

package struct BillingDetails: ResponseShape, Equatable {
    package var billedMemoryUsedInMB: Int
    package var billedDurationInMilliseconds: Int

    package init(billedMemoryUsedInMB: Int, billedDurationInMilliseconds: Int) {
        self.billedMemoryUsedInMB = billedMemoryUsedInMB
        self.billedDurationInMilliseconds = billedDurationInMilliseconds
    }

    package var json: JSONValue {
        ["billedMemoryUsedInMB": .int(billedMemoryUsedInMB), "billedDurationInMilliseconds": .int(billedDurationInMilliseconds)]
    }
}

package struct StartSyncExecutionOutput: ResponseShape, Equatable {
    package var executionArn: String
    package var stateMachineArn: String?
    package var name: String?
    package var startDate: Double
    package var stopDate: Double
    package var status: SyncExecutionStatus
    package var error: String?
    package var cause: String?
    /// Payload texts; `inputDetails`/`outputDetails` (`{"included": true}`) accompany them when present.
    package var input: String?
    package var output: String?
    package var traceHeader: String?
    package var billingDetails: BillingDetails?

    package init(
        executionArn: String, stateMachineArn: String? = nil, name: String? = nil, startDate: Double, stopDate: Double,
        status: SyncExecutionStatus, error: String? = nil, cause: String? = nil, input: String? = nil, output: String? = nil,
        traceHeader: String? = nil, billingDetails: BillingDetails? = nil
    ) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.startDate = startDate
        self.stopDate = stopDate
        self.status = status
        self.error = error
        self.cause = cause
        self.input = input
        self.output = output
        self.traceHeader = traceHeader
        self.billingDetails = billingDetails
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn)
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.putDate("startDate", startDate)
        o.putDate("stopDate", stopDate)
        o.put("status", status)
        o.put("error", error)
        o.put("cause", cause)
        o.putPayload("input", input)
        o.putPayload("output", output)
        o.put("traceHeader", traceHeader)
        o.put("billingDetails", billingDetails)
        return .object(o)
    }
}

// MARK: StopExecution

package struct StopExecutionInput: RequestShape, Equatable {
    package var executionArn: ExecutionARN
    package var error: String?
    package var cause: String?

    package init(executionArn: ExecutionARN, error: String? = nil, cause: String? = nil) {
        self.executionArn = executionArn
        self.error = error
        self.cause = cause
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("executionArn", length: Limits.arn)
        error = try r.string("error", length: Limits.error, sensitive: true)
        cause = try r.string("cause", length: Limits.cause, sensitive: true)
        try r.finish()
        executionArn = try ExecutionARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn.description)
        o.put("error", error)
        o.put("cause", cause)
        return .object(o)
    }
}

package struct StopExecutionOutput: ResponseShape, Equatable {
    package var stopDate: Double

    package init(stopDate: Double) { self.stopDate = stopDate }

    package var json: JSONValue {
        var o = JSONObject()
        o.putDate("stopDate", stopDate)
        return .object(o)
    }
}

// MARK: DescribeExecution

package struct DescribeExecutionInput: RequestShape, Equatable {
    package var executionArn: ExecutionARN
    package var includedData: IncludedData?

    package init(executionArn: ExecutionARN, includedData: IncludedData? = nil) {
        self.executionArn = executionArn
        self.includedData = includedData
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("executionArn", length: Limits.arn)
        includedData = try r.enumeration("includedData", IncludedData.self)
        try r.finish()
        executionArn = try ExecutionARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn.description)
        o.put("includedData", includedData)
        return .object(o)
    }
}

/// `ExecutionRedriveStatus`.
package enum ExecutionRedriveStatus: String, Sendable, CaseIterable {
    case redrivable = "REDRIVABLE"
    case notRedrivable = "NOT_REDRIVABLE"
    case redrivableByMapRun = "REDRIVABLE_BY_MAP_RUN"
}

package struct DescribeExecutionOutput: ResponseShape, Equatable {
    package var executionArn: String
    package var stateMachineArn: String
    package var name: String?
    package var status: ExecutionStatus
    package var startDate: Double
    package var stopDate: Double?
    /// Payload texts; `inputDetails`/`outputDetails` (`{"included": true}`) accompany them when present.
    package var input: String?
    package var output: String?
    package var traceHeader: String?
    package var mapRunArn: String?
    package var error: String?
    package var cause: String?
    package var stateMachineVersionArn: String?
    package var stateMachineAliasArn: String?
    package var redriveCount: Int?
    package var redriveDate: Double?
    package var redriveStatus: ExecutionRedriveStatus?
    package var redriveStatusReason: String?

    package init(
        executionArn: String, stateMachineArn: String, name: String?, status: ExecutionStatus, startDate: Double,
        stopDate: Double? = nil, input: String? = nil, output: String? = nil, traceHeader: String? = nil,
        mapRunArn: String? = nil, error: String? = nil, cause: String? = nil, stateMachineVersionArn: String? = nil,
        stateMachineAliasArn: String? = nil, redriveCount: Int? = nil, redriveDate: Double? = nil,
        redriveStatus: ExecutionRedriveStatus? = nil, redriveStatusReason: String? = nil
    ) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.input = input
        self.output = output
        self.traceHeader = traceHeader
        self.mapRunArn = mapRunArn
        self.error = error
        self.cause = cause
        self.stateMachineVersionArn = stateMachineVersionArn
        self.stateMachineAliasArn = stateMachineAliasArn
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
        self.redriveStatus = redriveStatus
        self.redriveStatusReason = redriveStatusReason
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn)
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.put("status", status)
        o.putDate("startDate", startDate)
        o.putDate("stopDate", stopDate)
        o.putPayload("input", input)
        o.putPayload("output", output)
        o.put("traceHeader", traceHeader)
        o.put("mapRunArn", mapRunArn)
        o.put("error", error)
        o.put("cause", cause)
        o.put("stateMachineVersionArn", stateMachineVersionArn)
        o.put("stateMachineAliasArn", stateMachineAliasArn)
        o.put("redriveCount", redriveCount)
        o.putDate("redriveDate", redriveDate)
        o.put("redriveStatus", redriveStatus)
        o.put("redriveStatusReason", redriveStatusReason)
        return .object(o)
    }
}

// MARK: ListExecutions

package struct ListExecutionsInput: RequestShape, Equatable {
    /// `statusFilter`: one of AWS's execution statuses; PENDING_REDRIVE is accepted (Stepwise has
    /// no redrive, so it matches nothing) rather than refused.
    package enum StatusFilter: Sendable, Equatable {
        case status(ExecutionStatus)
        case pendingRedrive

        package var rawValue: String {
            switch self {
            case .status(let s): s.rawValue
            case .pendingRedrive: "PENDING_REDRIVE"
            }
        }
    }

    package enum RedriveFilter: String, Sendable, CaseIterable {
        case redriven = "REDRIVEN"
        case notRedriven = "NOT_REDRIVEN"
    }

    /// Exactly one of `stateMachineArn` and `mapRunArn` is set.
    package var stateMachineArn: StateMachineARN?
    package var mapRunArn: MapRunARN?
    package var statusFilter: StatusFilter?
    package var maxResults: Int?
    package var nextToken: String?
    package var redriveFilter: RedriveFilter?

    package init(
        stateMachineArn: StateMachineARN? = nil, mapRunArn: MapRunARN? = nil, statusFilter: StatusFilter? = nil,
        maxResults: Int? = nil, nextToken: String? = nil, redriveFilter: RedriveFilter? = nil
    ) {
        self.stateMachineArn = stateMachineArn
        self.mapRunArn = mapRunArn
        self.statusFilter = statusFilter
        self.maxResults = maxResults
        self.nextToken = nextToken
        self.redriveFilter = redriveFilter
    }

    private static let statusNames = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]

    package init(reading r: inout MemberReader) throws(APIError) {
        let smArn = try r.string("stateMachineArn", length: Limits.arn)
        if let s = try r.string("statusFilter") {
            if s == "PENDING_REDRIVE" {
                statusFilter = .pendingRedrive
            } else if let status = ExecutionStatus(rawValue: s) {
                statusFilter = .status(status)
            } else {
                r.violate("statusFilter", s, "Member must satisfy enum value set: [\(Self.statusNames.joined(separator: ", "))]")
            }
        }
        maxResults = try r.pageSize()
        nextToken = try r.string("nextToken", length: Limits.listExecutionsPageToken)
        let runArn = try r.string("mapRunArn", length: Limits.longArn)
        redriveFilter = try r.enumeration("redriveFilter", RedriveFilter.self)
        try r.finish()
        switch (smArn, runArn) {
        case (nil, nil):
            throw APIError(.validationException, "Must provide a StateMachine ARN or MapRun ARN")
        case (.some, .some):
            throw APIError(.validationException, "Only one of StateMachine ARN or MapRun ARN can be provided")
        default:
            stateMachineArn = try smArn.map { (text: String) throws(APIError) in try StateMachineARN(parsing: text) }
            mapRunArn = try runArn.map { (text: String) throws(APIError) in try MapRunARN(parsing: text) }
        }
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("stateMachineArn", stateMachineArn?.description)
        o.put("statusFilter", statusFilter?.rawValue)
        o.put("maxResults", maxResults)
        o.put("nextToken", nextToken)
        o.put("mapRunArn", mapRunArn?.description)
        o.put("redriveFilter", redriveFilter)
        return .object(o)
    }
}

package struct ExecutionListItem: ResponseShape, Equatable {
    package var executionArn: String
    package var stateMachineArn: String
    package var name: String
    package var status: ExecutionStatus
    package var startDate: Double
    package var stopDate: Double?
    package var mapRunArn: String?
    package var itemCount: Int?
    package var stateMachineVersionArn: String?
    package var stateMachineAliasArn: String?
    package var redriveCount: Int?
    package var redriveDate: Double?

    package init(
        executionArn: String, stateMachineArn: String, name: String, status: ExecutionStatus, startDate: Double,
        stopDate: Double? = nil, mapRunArn: String? = nil, itemCount: Int? = nil, stateMachineVersionArn: String? = nil,
        stateMachineAliasArn: String? = nil, redriveCount: Int? = nil, redriveDate: Double? = nil
    ) {
        self.executionArn = executionArn
        self.stateMachineArn = stateMachineArn
        self.name = name
        self.status = status
        self.startDate = startDate
        self.stopDate = stopDate
        self.mapRunArn = mapRunArn
        self.itemCount = itemCount
        self.stateMachineVersionArn = stateMachineVersionArn
        self.stateMachineAliasArn = stateMachineAliasArn
        self.redriveCount = redriveCount
        self.redriveDate = redriveDate
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn)
        o.put("stateMachineArn", stateMachineArn)
        o.put("name", name)
        o.put("status", status)
        o.putDate("startDate", startDate)
        o.putDate("stopDate", stopDate)
        o.put("mapRunArn", mapRunArn)
        o.put("itemCount", itemCount)
        o.put("stateMachineVersionArn", stateMachineVersionArn)
        o.put("stateMachineAliasArn", stateMachineAliasArn)
        o.put("redriveCount", redriveCount)
        o.putDate("redriveDate", redriveDate)
        return .object(o)
    }
}

package struct ListExecutionsOutput: ResponseShape, Equatable {
    package var executions: [ExecutionListItem]
    package var nextToken: String?

    package init(executions: [ExecutionListItem], nextToken: String? = nil) {
        self.executions = executions
        self.nextToken = nextToken
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executions", executions)
        o.put("nextToken", nextToken)
        return .object(o)
    }
}

// MARK: GetExecutionHistory

package struct GetExecutionHistoryInput: RequestShape, Equatable {
    package var executionArn: ExecutionARN
    package var maxResults: Int?
    package var reverseOrder: Bool
    package var nextToken: String?
    /// False drops the payloads (`input`, `output`, ...) from every event.
    package var includeExecutionData: Bool

    package init(
        executionArn: ExecutionARN, maxResults: Int? = nil, reverseOrder: Bool = false, nextToken: String? = nil,
        includeExecutionData: Bool = true
    ) {
        self.executionArn = executionArn
        self.maxResults = maxResults
        self.reverseOrder = reverseOrder
        self.nextToken = nextToken
        self.includeExecutionData = includeExecutionData
    }

    package init(reading r: inout MemberReader) throws(APIError) {
        let arn = try r.requiredString("executionArn", length: Limits.arn)
        maxResults = try r.pageSize()
        reverseOrder = try r.boolean("reverseOrder") ?? false
        nextToken = try r.string("nextToken", length: Limits.pageToken)
        includeExecutionData = try r.boolean("includeExecutionData") ?? true
        try r.finish()
        executionArn = try ExecutionARN(parsing: arn)
    }

    package var json: JSONValue {
        var o = JSONObject()
        o.put("executionArn", executionArn.description)
        o.put("maxResults", maxResults)
        if reverseOrder { o.put("reverseOrder", true) }
        o.put("nextToken", nextToken)
        if !includeExecutionData { o.put("includeExecutionData", false) }
        return .object(o)
    }
}

package struct GetExecutionHistoryOutput: ResponseShape, Equatable {
    package var events: [HistoryEvent]
    package var nextToken: String?
    /// Set by the dispatcher from the request: false leaves the payloads out, as AWS does.
    package var includeExecutionData: Bool

    package init(events: [HistoryEvent], nextToken: String? = nil, includeExecutionData: Bool = true) {
        self.events = events
        self.nextToken = nextToken
        self.includeExecutionData = includeExecutionData
    }

    /// The members of event details that carry execution data.
    static let dataMembers: Set<String> = [
        "input", "inputDetails", "output", "outputDetails", "assignedVariables", "assignedVariablesDetails",
    ]

    package var json: JSONValue {
        var list: [JSONValue] = []
        list.reserveCapacity(events.count)
        for event in events {
            var e = event.awsJSON
            if !includeExecutionData, case .object(var o) = e, let (key, details) = event.detailsMember,
                case .object(let d) = details
            {
                o[key] = .object(JSONObject(d.members.filter { !Self.dataMembers.contains($0.key) }.map { ($0.key, $0.value) }))
                e = .object(o)
            }
            list.append(e)
        }
        var o = JSONObject()
        o.append("events", .array(list))
        o.put("nextToken", nextToken)
        return .object(o)
    }
}

extension JSONObject {
    /// A payload member and its `xxxDetails: {"included": true}` companion, as Describe*/StartSync send them.
    mutating func putPayload(_ key: String, _ text: String?) {
        guard let text else { return }
        append(key, .string(text))
        append(key + "Details", ["included": true])
    }
}
