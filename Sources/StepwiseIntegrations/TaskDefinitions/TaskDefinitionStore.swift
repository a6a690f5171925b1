import Foundation
import JSONValue

#if canImport(Glibc)
    import Glibc
#endif

/// Task definitions kept as files: `DIRECTORY/FAMILY/REVISION.json`, each the RegisterTaskDefinition
/// JSON of that revision. Files rather than the execution store, so the CLI registers while a server
/// runs, and the server reads each reference afresh (revisions are never changed once written).
package struct TaskDefinitionStore: Sendable {
    package let directory: String
    package let region: String
    package let account: String

    package init(directory: String, region: String = "us-east-1", account: String = "123456789012") {
        self.directory = directory
        self.region = region
        self.account = account
    }

    /// Registers a new revision of the family. With `unlessUnchanged`, a registration equal to the
    /// family's latest revision returns that revision instead (a config folder loaded at every start).
    package func register(_ json: JSONValue, unlessUnchanged: Bool = false) throws(TaskDefinitionError) -> TaskDefinition {
        var definition = try TaskDefinition.parse(registration: json)
        let folder = directory + "/" + definition.family
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw .storage(path: folder, reason: "\(error)")
        }
        let latest = try revisions(family: definition.family).last
        if unlessUnchanged, let latest, let stored = try? load(family: definition.family, revision: latest),
            stored.registration == json
        {
            return stored
        }
        var revision = (latest ?? 0) + 1
        let bytes = Array(json.prettyPrinted().utf8) + [10]
        while true {
            // O_EXCL: two registrations at once never get the same revision.
            let path = "\(folder)/\(revision).json"
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST {
                    revision += 1
                    continue
                }
                throw .storage(path: path, reason: String(cString: strerror(errno)))
            }
            let written = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            let synced = fsync(fd)
            close(fd)
            guard written == bytes.count, synced == 0 else {
                unlink(path)
                throw .storage(path: path, reason: "the file could not be written completely")
            }
            definition.revision = revision
            return definition
        }
    }

    /// The revision a reference names, as ECS's RunTask accepts it: a full ARN
    /// (`arn:aws:ecs:REGION:ACCOUNT:task-definition/FAMILY:REVISION`), `FAMILY:REVISION`, or `FAMILY` (latest).
    package func resolve(_ reference: String) throws(TaskDefinitionError) -> TaskDefinition {
        var text = reference
        if text.hasPrefix("arn:") {
            let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            guard parts.count == 6, parts[2] == "ecs", parts[5].hasPrefix("task-definition/"), parts[3] == region, parts[4] == account
            else { throw .notFound(reference: reference) }
            text = String(parts[5].dropFirst("task-definition/".count))
        }
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), !pieces[0].isEmpty, pieces[0].utf8.allSatisfy(TaskDefinition.isNameByte)
        else { throw .notFound(reference: reference) }
        let family = String(pieces[0])
        let revision: Int
        if pieces.count == 2 {
            guard let r = Int(pieces[1]), r > 0 else { throw .notFound(reference: reference) }
            revision = r
        } else {
            guard let latest = try revisions(family: family).last else { throw .notFound(reference: reference) }
            revision = latest
        }
        guard let definition = try? load(family: family, revision: revision) else { throw .notFound(reference: reference) }
        return definition
    }

    /// Every revision of every family, families by name, revisions in order.
    package func all() throws(TaskDefinitionError) -> [TaskDefinition] {
        let families = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        var out: [TaskDefinition] = []
        for family in families where family.utf8.allSatisfy(TaskDefinition.isNameByte) {
            for revision in try revisions(family: family) {
                out.append(try load(family: family, revision: revision))
            }
        }
        return out
    }

    func revisions(family: String) throws(TaskDefinitionError) -> [Int] {
        let folder = directory + "/" + family
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw .storage(path: folder, reason: "\(error)")
        }
        return names.compactMap { $0.hasSuffix(".json") ? Int($0.dropLast(5)) : nil }.sorted()
    }

    func load(family: String, revision: Int) throws(TaskDefinitionError) -> TaskDefinition {
        let path = "\(directory)/\(family)/\(revision).json"
        guard let data = FileManager.default.contents(atPath: path) else { throw .notFound(reference: "\(family):\(revision)") }
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(data))
        } catch {
            throw .storage(path: path, reason: error.description)
        }
        var definition = try TaskDefinition.parse(registration: json)
        definition.revision = revision
        return definition
    }
}
