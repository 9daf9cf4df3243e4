#include "migsafe/suppress.hpp"

#include <algorithm>
#include <optional>

#include "migsafe/rule_registry.hpp"

namespace migsafe {
namespace {

constexpr std::string_view k_unused_id = "unused-suppression";
constexpr std::string_view k_file_directive = "migsafe-ignore-file";
constexpr std::string_view k_statement_directive = "migsafe-ignore";
// Dollar-quoted bodies nest (a DO block inside a function body); deeper ones are not searched.
constexpr int k_max_body_depth = 4;

struct Comment {
    ByteSpan span;
    std::size_t body_begin = 0;
    std::size_t body_end = 0;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool is_identifier_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           static_cast<unsigned char>(c) >= 0x80;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_keyword(std::string_view text, std::string_view keyword) {
    if (text.size() < keyword.size()) {
        return false;
    }
    for (std::size_t i = 0; i < keyword.size(); ++i) {
        if (lower(text[i]) != keyword[i]) {
            return false;
        }
    }
    // "migsafe-ignored" is not the directive.
    return text.size() == keyword.size() || is_space(text[keyword.size()]) || text[keyword.size()] == ':';
}

std::size_t skip_quoted(std::string_view text, std::size_t i, std::size_t to, bool backslash_escapes) {
    const char quote = text[i++];
    while (i < to) {
        if (backslash_escapes && text[i] == '\\') {
            i += 2;
            continue;
        }
        if (text[i] == quote) {
            if (i + 1 < to && text[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return to;
}

std::size_t skip_block_comment(std::string_view text, std::size_t i, std::size_t to) {
    int depth = 0;
    while (i < to) {
        if (i + 1 < to && text[i] == '/' && text[i + 1] == '*') {
            ++depth;
            i += 2;
        } else if (i + 1 < to && text[i] == '*' && text[i + 1] == '/') {
            i += 2;
            if (--depth == 0) {
                return i;
            }
        } else {
            ++i;
        }
    }
    return to;
}

bool iequals_ascii(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return lower(x) == y; });
}

// A dollar-quoted literal after DO, AS or "LANGUAGE name" is a code body whose
// comments count; any other dollar-quoted literal is plain text.
bool opens_code_body(std::string_view last_word, std::string_view word_before) {
    return iequals_ascii(last_word, "do") || iequals_ascii(last_word, "as") || iequals_ascii(word_before, "language");
}

// The comments in text[from, to). Quoted strings and identifiers are skipped;
// code bodies (DO blocks, function bodies) are searched too, bounded by their
// closing tag so an apostrophe inside one cannot swallow the rest of the file.
void scan_comments(std::string_view text, std::size_t from, std::size_t to, int depth, std::vector<Comment>& out) {
    std::string_view last_word;
    std::string_view word_before;
    std::size_t i = from;
    while (i < to) {
        const char c = text[i];
        if (is_identifier_char(c)) {
            std::size_t end = i;
            while (end < to && (is_identifier_char(text[end]) || text[end] == '$')) {
                ++end;
            }
            word_before = last_word;
            last_word = text.substr(i, end - i);
            i = end;
            continue;
        }
        const bool code_body = opens_code_body(last_word, word_before);
        if (!is_space(c) && c != '-' && c != '/') {
            word_before = last_word;
            last_word = {};
        }
        if (c == '-' && i + 1 < to && text[i + 1] == '-') {
            std::size_t end = i;
            while (end < to && text[end] != '\n') {
                ++end;
            }
            std::size_t body_end = end;
            while (body_end > i + 2 && text[body_end - 1] == '\r') {
                --body_end;
            }
            out.push_back(Comment{ByteSpan{i, body_end}, i + 2, body_end});
            i = end;
        } else if (c == '/' && i + 1 < to && text[i + 1] == '*') {
            const std::size_t end = skip_block_comment(text, i, to);
            const std::size_t body_end = end >= i + 4 && text.substr(end - 2, 2) == "*/" ? end - 2 : end;
            out.push_back(Comment{ByteSpan{i, end}, i + 2, body_end});
            i = end;
        } else if (c == '\'') {
            const bool escapes = i > from && lower(text[i - 1]) == 'e' && (i < from + 2 || !is_identifier_char(text[i - 2]));
            i = skip_quoted(text, i, to, escapes);
        } else if (c == '"') {
            i = skip_quoted(text, i, to, false);
        } else if (c == '$' && (i == from || !is_identifier_char(text[i - 1]))) {
            std::size_t tag_end = i + 1;
            while (tag_end < to && is_identifier_char(text[tag_end]) &&
                   !(tag_end == i + 1 && text[tag_end] >= '0' && text[tag_end] <= '9')) {
                ++tag_end;
            }
            if (tag_end >= to || text[tag_end] != '$') {
                ++i;
                continue;
            }
            const std::string_view tag = text.substr(i, tag_end - i + 1);
            const std::size_t found = text.substr(0, to).find(tag, tag_end + 1);
            const std::size_t close = found == std::string_view::npos ? to : found;
            if (depth < k_max_body_depth && code_body) {
                scan_comments(text, tag_end + 1, close, depth + 1, out);
            }
            i = found == std::string_view::npos ? to : close + tag.size();
        } else {
            ++i;
        }
    }
}

std::size_t skip_spaces(std::string_view text, std::size_t i, std::size_t end) {
    while (i < end && is_space(text[i])) {
        ++i;
    }
    return i;
}

std::string trimmed(std::string_view text) {
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && is_space(text[begin])) {
        ++begin;
    }
    while (end > begin && is_space(text[end - 1])) {
        --end;
    }
    return std::string{text.substr(begin, end - begin)};
}

// The rule list and reason after the directive keyword: ids separated by commas
// or spaces, then ": reason" (or "-- reason"). A colon inside a word belongs to
// a tool-prefixed alias ("squawk:ban-drop-column") unless the word before it is
// a rule id ("drop-column:reason").
void parse_rule_list(std::string_view text, std::size_t i, std::size_t end, Suppression& suppression) {
    while (i < end) {
        i = skip_spaces(text, i, end);
        if (i >= end) {
            return;
        }
        if (text[i] == ',') {
            ++i;
            continue;
        }
        if (text[i] == ':' || text.substr(i, 2) == "--") {
            suppression.reason = trimmed(text.substr(i + (text[i] == ':' ? 1 : 2), end - i - (text[i] == ':' ? 1 : 2)));
            return;
        }
        std::size_t word_end = i;
        while (word_end < end && !is_space(text[word_end]) && text[word_end] != ',' &&
               !(text[word_end] == ':' && (word_end + 1 == end || is_space(text[word_end + 1])))) {
            ++word_end;
        }
        std::string_view word = text.substr(i, word_end - i);
        const std::size_t colon = word.find(':');
        if (colon != std::string_view::npos && find_rule(word) == nullptr &&
            find_rule(word.substr(0, colon)) != nullptr) {
            word_end = i + colon;
            word = word.substr(0, colon);
        }
        suppression.rules.push_back(SuppressedRule{std::string{word}, ByteSpan{i, word_end}, find_rule(word)});
        i = word_end;
    }
}

std::optional<Suppression> parse_comment(std::string_view text, const Comment& comment) {
    const std::size_t start = skip_spaces(text, comment.body_begin, comment.body_end);
    const std::string_view body = text.substr(start, comment.body_end - start);
    Suppression suppression;
    std::size_t after_keyword = 0;
    if (starts_with_keyword(body, k_file_directive)) {
        suppression.scope = SuppressionScope::file;
        after_keyword = start + k_file_directive.size();
    } else if (starts_with_keyword(body, k_statement_directive)) {
        suppression.scope = SuppressionScope::statement;
        after_keyword = start + k_statement_directive.size();
    } else {
        return std::nullopt;
    }
    suppression.span = comment.span;
    std::size_t line_start = comment.span.begin;
    while (line_start > 0 && text[line_start - 1] != '\n' && text[line_start - 1] != '\r') {
        --line_start;
    }
    suppression.trailing = skip_spaces(text, line_start, comment.span.begin) < comment.span.begin;
    parse_rule_list(text, after_keyword, comment.body_end, suppression);
    return suppression;
}

// The statements a statement-scope suppression covers: those ending on its line
// before it (a trailing comment), else the next statement when the comment
// stands on its own line (inside a DO block: the next embedded statement),
// else the innermost statement the comment sits in.
std::vector<std::size_t> covered_statements(const Suppression& suppression, const SuppressionContext& context) {
    const std::vector<ByteSpan>& statements = context.statements;
    const std::size_t at = suppression.span.begin;
    std::vector<std::size_t> covered;
    if (suppression.trailing) {
        const int line = context.lines.position_at(at).line;
        for (std::size_t i = 0; i < statements.size(); ++i) {
            const ByteSpan span = statements[i];
            if (span.end > span.begin && span.end <= at && context.lines.position_at(span.end - 1).line == line) {
                covered.push_back(i);
            }
        }
        if (!covered.empty()) {
            return covered;
        }
    }
    std::optional<std::size_t> inner;
    std::optional<std::size_t> next;
    for (std::size_t i = 0; i < statements.size(); ++i) {
        const ByteSpan span = statements[i];
        if (span.begin < at && at < span.end && (!inner || span.size() < statements[*inner].size())) {
            inner = i;
        }
        if (span.begin >= suppression.span.end && (!next || span.begin < statements[*next].begin)) {
            next = i;
        }
    }
    if (!suppression.trailing && next && (!inner || statements[*next].begin < statements[*inner].end)) {
        covered.push_back(*next);
    } else if (inner) {
        covered.push_back(*inner);
    }
    return covered;
}

bool covers(const std::vector<std::size_t>& covered, const std::vector<ByteSpan>& statements, const Finding& finding) {
    for (std::size_t index : covered) {
        if (finding.statement ? *finding.statement == index
                              : statements[index].begin <= finding.span.begin && finding.span.begin < statements[index].end) {
            return true;
        }
    }
    return false;
}

const ActiveRule* active_rule(const std::vector<ActiveRule>& rules, std::string_view id) {
    for (const ActiveRule& active : rules) {
        if (active.rule->meta.id == id) {
            return &active;
        }
    }
    return nullptr;
}

class UnusedReporter {
public:
    explicit UnusedReporter(const SuppressionContext& context)
        : m_context(context), m_active(active_rule(context.rules, k_unused_id)) {}

    [[nodiscard]] bool enabled() const { return m_active != nullptr; }

    // `severity` is this case's own grade; a severity from the config wins.
    // `origin` is the suppression the finding is about.
    void report(std::size_t origin, ByteSpan span, Severity severity, std::string message, std::string help) {
        if (m_active != nullptr && m_active->severity_configured) {
            severity = m_active->severity;
        }
        Finding finding;
        finding.rule = std::string{k_unused_id};
        finding.severity = severity;
        finding.span = span;
        finding.range = m_context.lines.range_of(span);
        finding.message = std::move(message);
        finding.help = std::move(help);
        finding.source_line = std::string{m_context.lines.line_text(finding.range.start.line)};
        m_findings.push_back(Reported{origin, std::move(finding)});
    }

    [[nodiscard]] Severity default_severity() const {
        return m_active != nullptr ? m_active->severity : Severity::hint;
    }

    struct Reported {
        std::size_t origin = 0;
        Finding finding;
    };
    std::vector<Reported>& findings() { return m_findings; }

private:
    const SuppressionContext& m_context;
    const ActiveRule* m_active;
    std::vector<Reported> m_findings;
};

bool names_unused_rule(const SuppressedRule& named) {
    return named.rule != nullptr && named.rule->meta.id == k_unused_id;
}

bool overlap(const std::vector<std::size_t>& a, const std::vector<std::size_t>& b) {
    return std::any_of(a.begin(), a.end(), [&](std::size_t x) { return std::find(b.begin(), b.end(), x) != b.end(); });
}

std::string unknown_rule_message(const SuppressedRule& named) {
    std::string message = "Suppression names unknown rule '" + named.written + "'";
    if (const std::string_view closest = closest_rule_id(named.written); !closest.empty()) {
        message += " (did you mean '" + std::string{closest} + "'?)";
    }
    return message;
}

}  // namespace

std::vector<Suppression> parse_suppressions(std::string_view text, const std::vector<ByteSpan>& sections) {
    std::vector<Suppression> suppressions;
    const auto mention = std::search(text.begin(), text.end(), k_statement_directive.begin(),
                                     k_statement_directive.end(), [](char a, char b) { return lower(a) == b; });
    if (mention == text.end()) {
        return suppressions;  // the common case costs one search
    }
    std::vector<Comment> comments;
    for (const ByteSpan& section : sections) {
        scan_comments(text, section.begin, std::min(section.end, text.size()), 0, comments);
    }
    for (const Comment& comment : comments) {
        if (auto suppression = parse_comment(text, comment)) {
            suppressions.push_back(std::move(*suppression));
        }
    }
    return suppressions;
}

void apply_suppressions(const std::vector<Suppression>& suppressions, const SuppressionContext& context,
                        std::vector<Finding>& findings) {
    if (suppressions.empty()) {
        return;
    }
    std::vector<std::vector<std::size_t>> covered(suppressions.size());
    std::vector<std::vector<bool>> used(suppressions.size());
    for (std::size_t s = 0; s < suppressions.size(); ++s) {
        if (suppressions[s].scope == SuppressionScope::statement) {
            covered[s] = covered_statements(suppressions[s], context);
        }
        used[s].assign(suppressions[s].rules.size(), false);
    }

    std::vector<Finding> kept;
    kept.reserve(findings.size());
    for (Finding& finding : findings) {
        bool suppressed = false;
        for (std::size_t s = 0; s < suppressions.size(); ++s) {
            const Suppression& suppression = suppressions[s];
            for (std::size_t r = 0; r < suppression.rules.size(); ++r) {
                const Rule* rule = suppression.rules[r].rule;
                if (rule == nullptr || rule->meta.id != finding.rule) {
                    continue;
                }
                if (suppression.scope == SuppressionScope::file || covers(covered[s], context.statements, finding)) {
                    used[s][r] = true;
                    suppressed = true;
                }
            }
        }
        if (!suppressed) {
            kept.push_back(std::move(finding));
        }
    }
    findings = std::move(kept);

    UnusedReporter reporter{context};
    for (std::size_t s = 0; s < suppressions.size(); ++s) {
        const Suppression& suppression = suppressions[s];
        const bool file_scope = suppression.scope == SuppressionScope::file;
        if (reporter.enabled() && suppression.rules.empty()) {
            reporter.report(s, suppression.span, Severity::warning,
                            std::string{"Ignore comment names no rule, so it suppresses nothing"},
                            "list the rules it suppresses: -- " +
                                std::string{file_scope ? k_file_directive : k_statement_directive} +
                                " rule-id: reason");
        }
        bool names_known_rule = false;
        for (std::size_t r = 0; r < suppression.rules.size(); ++r) {
            const SuppressedRule& named = suppression.rules[r];
            if (named.rule == nullptr) {
                if (reporter.enabled()) {
                    reporter.report(s, named.span, Severity::warning, unknown_rule_message(named),
                                    "use an id from 'migsafe rules' or an alias of another tool's rule");
                }
                continue;
            }
            names_known_rule = true;
            // A rule that is off in this run cannot be judged: its comment stays quiet.
            // Ignores of unused-suppression itself are judged once the others are.
            if (!reporter.enabled() || used[s][r] || names_unused_rule(named) ||
                active_rule(context.rules, named.rule->meta.id) == nullptr) {
                continue;
            }
            std::string message;
            if (file_scope) {
                message = "File-wide suppression of " + named.written + " matches no finding in this file";
            } else if (covered[s].empty()) {
                message = "Suppression of " + named.written + " is attached to no statement";
            } else {
                message = "Suppression of " + named.written + " matches no finding on the statement it covers";
            }
            std::string help = suppression.rules.size() > 1 ? "remove " + named.written + " from the ignore comment"
                                                            : std::string{"remove the ignore comment"};
            if (!file_scope && covered[s].empty()) {
                help = "put the comment on the line before the statement or at the end of its last line";
            }
            reporter.report(s, named.span, reporter.default_severity(), std::move(message), std::move(help));
        }
        if (context.require_reason && names_known_rule && suppression.reason.empty()) {
            reporter.report(s, suppression.span, Severity::warning,
                            "Suppression of " + suppression.rules.front().written + " gives no reason",
                            "say why it is safe here after a colon: -- " +
                                std::string{file_scope ? k_file_directive : k_statement_directive} + " " +
                                suppression.rules.front().written + ": reason");
        }
    }

    // An ignore of unused-suppression silences these findings file-wide, or for a
    // comment covering the same statement (the same comment included).
    for (auto& [origin, finding] : reporter.findings()) {
        bool silenced = false;
        for (std::size_t t = 0; t < suppressions.size(); ++t) {
            for (std::size_t r = 0; r < suppressions[t].rules.size(); ++r) {
                if (names_unused_rule(suppressions[t].rules[r]) &&
                    (t == origin || suppressions[t].scope == SuppressionScope::file ||
                     (suppressions[origin].scope == SuppressionScope::statement && overlap(covered[t], covered[origin])))) {
                    used[t][r] = true;
                    silenced = true;
                }
            }
        }
        if (!silenced) {
            findings.push_back(std::move(finding));
        }
    }
    // An ignore of unused-suppression that silenced nothing is itself unused.
    const std::size_t judged = reporter.findings().size();
    for (std::size_t t = 0; t < suppressions.size() && reporter.enabled(); ++t) {
        for (std::size_t r = 0; r < suppressions[t].rules.size(); ++r) {
            const SuppressedRule& named = suppressions[t].rules[r];
            if (names_unused_rule(named) && !used[t][r]) {
                reporter.report(t, named.span, reporter.default_severity(),
                                std::string{suppressions[t].scope == SuppressionScope::file ? "File-wide suppression"
                                                                                            : "Suppression"} +
                                    " of " + named.written + " silences no unused-suppression finding",
                                suppressions[t].rules.size() > 1 ? "remove " + named.written + " from the ignore comment"
                                                                 : std::string{"remove the ignore comment"});
            }
        }
    }
    for (std::size_t k = judged; k < reporter.findings().size(); ++k) {
        findings.push_back(std::move(reporter.findings()[k].finding));
    }
}

}  // namespace migsafe
