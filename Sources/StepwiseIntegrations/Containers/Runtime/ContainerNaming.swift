/// Container names from the execution, the state entry (its task id) and the attempt: the same for
/// a relaunch after a restart, so the runtime finds the container already started.
package enum ContainerNaming {
    /// `stepwise-EXECUTION-HASH-tTASKID-aATTEMPT`: readable in `docker ps`, unique per execution ARN.
    package static func taskName(executionArn: String, taskId: Int, attempt: Int) -> String {
        let executionName = executionArn.split(separator: ":").last.map(String.init) ?? executionArn
        let readable = String(executionName.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" }.prefix(40))
        let hash = hex(fnv1a(executionArn, seed: 0xcbf2_9ce4_8422_2325)).prefix(12)
        // Negative ids are unrecorded Map iterations' tasks.
        let id = taskId < 0 ? "m\(-taskId)" : "\(taskId)"
        return "stepwise-\(readable)-\(hash)-t\(id)-a\(attempt)"
    }

    /// One container of the task.
    package static func containerName(task: String, container: String) -> String { "\(task).\(container)" }

    /// The task a container belongs to (task names hold no dot).
    package static func task(ofContainer name: String) -> String { String(name.prefix { $0 != "." }) }

    /// The label every container Stepwise starts carries (its ECS task ARN), which the runtimes list by.
    package static let taskLabel = "stepwise.task-arn"
    /// "true" on the task's essential containers: the task ends when one of them exits.
    package static let essentialLabel = "stepwise.essential"

    /// 32 hex digits, ECS's task id form.
    package static func taskId(of name: String) -> String {
        hex(fnv1a(name, seed: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(name, seed: 0x8422_2325_cbf2_9ce4))
    }

    /// A UUID-shaped id (container ARNs).
    package static func uuid(of name: String) -> String {
        let h = Array(taskId(of: name + "/container"))
        return String(h[0..<8]) + "-" + String(h[8..<12]) + "-" + String(h[12..<16]) + "-" + String(h[16..<20]) + "-" + String(h[20..<32])
    }

    static func fnv1a(_ text: String, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
