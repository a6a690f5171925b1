/// The anchored, case-insensitive regular expression jsonata-js builds from a date/time picture
/// (`generateRegex` + `new RegExp('^(…)(…)$', 'i')`), as a small backtracking matcher over the few
/// pattern shapes it ever contains. Candidates are tried in the order a JS regex engine tries
/// them (greedy runs longest first, alternatives left to right), so the captures are the ones
/// jsonata-js parses.
struct PictureMatcher {
    enum Pattern {
        /// Literal text, escaped in the JS regex.
        case literal([Unicode.Scalar])
        /// `[0-9]{n}` or `[0-9]+`, then `(?:th|st|nd|rd)` for ordinals.
        case digits(width: Int?, ordinal: Bool)
        /// `[A-Z]+`, `[a-zA-Z]+`: one or more ASCII letters (the `i` flag makes case moot).
        case letters
        /// `[MDCLXVI]+`.
        case roman
        /// `(?:zero|one|…|and|[\-, ])+`.
        case words
        /// `(GMT)?[-+][0-9]+` and, with a separator, `<sep>[0-9]+`.
        case zone(gmt: Bool, separator: [Unicode.Scalar]?)
    }

    let patterns: [Pattern]

    /// The captured text of each pattern, or nil when the whole input does not match.
    func match(_ text: String) -> [String]? {
        var run = Run(input: Array(text.unicodeScalars), patterns: patterns)
        guard let ends = run.search(0, 0) else { return nil }
        var captures: [String] = []
        var start = 0
        for end in ends {
            var view = String.UnicodeScalarView()
            view.append(contentsOf: run.input[start..<end])
            captures.append(String(view))
            start = end
        }
        return captures
    }

    private struct Run {
        let input: [Unicode.Scalar]
        let patterns: [Pattern]
        /// (pattern index, position) pairs already known not to lead to a full match: what follows
        /// a capture depends only on where it ends, so each pair needs exploring once.
        var failed: Set<Int> = []
        var wordStarMemo: [Int: [Int]] = [:]

        init(input: [Unicode.Scalar], patterns: [Pattern]) {
            self.input = input
            self.patterns = patterns
        }

        mutating func search(_ index: Int, _ position: Int) -> [Int]? {
            if index == patterns.count { return position == input.count ? [] : nil }
            let key = index * (input.count + 1) + position
            if failed.contains(key) { return nil }
            for end in candidates(patterns[index], at: position) {
                if let rest = search(index + 1, end) { return [end] + rest }
            }
            failed.insert(key)
            return nil
        }

        /// End positions of `pattern` starting at `position`, in the JS engine's preference order.
        mutating func candidates(_ pattern: Pattern, at position: Int) -> [Int] {
            switch pattern {
            case .literal(let text):
                return matches(text, at: position) ? [position + text.count] : []
            case .digits(let width, let ordinal):
                let run = runLength(from: position, where: isDigit)
                var ends: [Int]
                if let width {
                    ends = run >= width ? [position + width] : []
                } else {
                    ends = run > 0 ? (1...run).reversed().map { position + $0 } : []
                }
                if ordinal {
                    ends = ends.compactMap { end in
                        ["th", "st", "nd", "rd"].contains { matches(Array($0.unicodeScalars), at: end) } ? end + 2 : nil
                    }
                }
                return ends
            case .letters:
                return greedy(runLength(from: position, where: isASCIILetter), from: position)
            case .roman:
                return greedy(runLength(from: position, where: isRomanDigit), from: position)
            case .words:
                return unique(wordAlternatives(at: position).flatMap { wordStar($0) })
            case .zone(let gmt, let separator):
                var start = position
                if gmt {
                    guard matches(Array("GMT".unicodeScalars), at: start) else { return [] }
                    start += 3
                }
                guard start < input.count, input[start] == "+" || input[start] == "-" else { return [] }
                start += 1
                let first = greedy(runLength(from: start, where: isDigit), from: start)
                guard let separator else { return first }
                var ends: [Int] = []
                for end in first where matches(separator, at: end) {
                    let second = end + separator.count
                    ends += greedy(runLength(from: second, where: isDigit), from: second)
                }
                return ends
            }
        }

        /// `(?:alt)*` after one iteration: more iterations first, then stopping here.
        private mutating func wordStar(_ position: Int) -> [Int] {
            if let known = wordStarMemo[position] { return known }
            let ends = unique(wordAlternatives(at: position).flatMap { wordStar($0) } + [position])
            wordStarMemo[position] = ends
            return ends
        }

        private func wordAlternatives(at position: Int) -> [Int] {
            var ends: [Int] = []
            for word in PictureMatcher.wordAlternatives where matches(word, at: position) {
                ends.append(position + word.count)
            }
            if position < input.count, input[position] == "-" || input[position] == "," || input[position] == " " {
                ends.append(position + 1)
            }
            return ends
        }

        private func unique(_ ends: [Int]) -> [Int] {
            var seen = Set<Int>()
            return ends.filter { seen.insert($0).inserted }
        }

        private func greedy(_ run: Int, from position: Int) -> [Int] {
            run > 0 ? (1...run).reversed().map { position + $0 } : []
        }

        private func runLength(from position: Int, where predicate: (Unicode.Scalar) -> Bool) -> Int {
            var end = position
            while end < input.count && predicate(input[end]) { end += 1 }
            return end - position
        }

        private func matches(_ text: [Unicode.Scalar], at position: Int) -> Bool {
            guard position + text.count <= input.count else { return false }
            for (offset, scalar) in text.enumerated()
            where PictureMatcher.canonical(input[position + offset]) != PictureMatcher.canonical(scalar) {
                return false
            }
            return true
        }

        private func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }
        private func isASCIILetter(_ s: Unicode.Scalar) -> Bool {
            (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
        }
        private func isRomanDigit(_ s: Unicode.Scalar) -> Bool {
            "MDCLXVImdclxvi".unicodeScalars.contains(s)
        }
    }

    /// The words jsonata's words pattern alternates over, in its order, then "and".
    static let wordAlternatives: [[Unicode.Scalar]] =
        NumberWords.wordValues.map { Array($0.word.unicodeScalars) } + [Array("and".unicodeScalars)]

    /// Case folding of a non-unicode JS regex with the `i` flag: upper-case, except that nothing
    /// outside ASCII folds into ASCII.
    static func canonical(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.isASCII {
            return scalar.value >= 0x61 && scalar.value <= 0x7A ? Unicode.Scalar(scalar.value - 32)! : scalar
        }
        let upper = scalar.properties.uppercaseMapping.unicodeScalars
        guard upper.count == 1, let folded = upper.first, !folded.isASCII else { return scalar }
        return folded
    }
}
