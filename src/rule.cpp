#include "migsafe/rule.hpp"

#include <algorithm>
#include <cctype>

#include "migsafe/parse.hpp"

namespace migsafe {

bool StatementContext::is_partitioned(const QualifiedName& table) const {
    if (m_state.is_partitioned(table)) {
        return true;
    }
    const Relation* relation = catalog().find_relation(table);
    return relation != nullptr && relation->kind == RelationKind::partitioned_table;
}

std::optional<QualifiedName> StatementContext::table_of_index(const QualifiedName& index) const {
    if (auto table = m_state.table_of_index(index); table) {
        return table;
    }
    const Relation* relation = catalog().find_relation(index);
    if (relation == nullptr || !relation->is_index()) {
        return std::nullopt;
    }
    const Relation* table = catalog().relation(relation->index.table);
    return table != nullptr ? std::optional<QualifiedName>{table->qualified()} : std::nullopt;
}

ByteSpan StatementContext::span_from(Node node) const {
    const auto location = node.location();
    if (!location) {
        return m_statement.span;
    }
    const std::size_t begin = m_statement.file_offset(*location);
    if (begin < m_statement.span.begin || begin >= m_statement.span.end) {
        return m_statement.span;
    }
    return ByteSpan{begin, m_statement.span.end};
}

ByteSpan StatementContext::alter_subcommand_span(std::size_t index) const {
    const std::string_view sql = m_statement.sql;
    const std::size_t base = m_statement.span.begin;
    const auto relation_location = m_statement.content()["relation"].location();
    if (!relation_location) {
        return m_statement.span;
    }
    const std::size_t name_start = m_statement.file_offset(*relation_location) - base;
    if (name_start >= sql.size()) {
        return m_statement.span;
    }
    const std::size_t first = skip_trivia(sql, end_of_qualified_name(sql, name_start, sql.size()), sql.size());
    const std::vector<std::size_t> commas = top_level_commas(sql, first, sql.size());
    if (index > commas.size()) {
        return m_statement.span;
    }
    const std::size_t begin = index == 0 ? first : skip_trivia(sql, commas[index - 1] + 1, sql.size());
    const std::size_t end = end_of_significant(sql, begin, index < commas.size() ? commas[index] : sql.size());
    return begin < end ? ByteSpan{base + begin, base + end} : m_statement.span;
}

std::string_view option_type_name(OptionType type) {
    switch (type) {
        case OptionType::boolean: return "boolean";
        case OptionType::integer: return "integer";
        case OptionType::string: return "string";
        case OptionType::string_list: return "list of strings";
    }
    return "boolean";
}

std::string option_value_text(const OptionValue& value) {
    if (const bool* flag = std::get_if<bool>(&value)) {
        return *flag ? "true" : "false";
    }
    if (const std::int64_t* number = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*number);
    }
    if (const std::string* text = std::get_if<std::string>(&value)) {
        return "\"" + *text + "\"";
    }
    std::string list = "[";
    for (const std::string& item : std::get<std::vector<std::string>>(value)) {
        list += (list.size() > 1 ? ", \"" : "\"") + item + "\"";
    }
    return list + "]";
}

const OptionValue* StatementContext::option(std::string_view name) const {
    if (m_options != nullptr) {
        if (auto found = m_options->find(name); found != m_options->end()) {
            return &found->second;
        }
    }
    if (m_meta != nullptr) {
        for (const RuleOption& declared : m_meta->options) {
            if (declared.name == name) {
                return &declared.default_value;
            }
        }
    }
    return nullptr;
}

bool StatementContext::option_flag(std::string_view name) const {
    const OptionValue* value = option(name);
    const bool* flag = value != nullptr ? std::get_if<bool>(value) : nullptr;
    return flag != nullptr && *flag;
}

std::int64_t StatementContext::option_integer(std::string_view name) const {
    const OptionValue* value = option(name);
    const std::int64_t* number = value != nullptr ? std::get_if<std::int64_t>(value) : nullptr;
    return number != nullptr ? *number : 0;
}

std::string StatementContext::option_string(std::string_view name) const {
    const OptionValue* value = option(name);
    const std::string* text = value != nullptr ? std::get_if<std::string>(value) : nullptr;
    return text != nullptr ? *text : std::string{};
}

std::vector<std::string> StatementContext::option_list(std::string_view name) const {
    const OptionValue* value = option(name);
    const auto* list = value != nullptr ? std::get_if<std::vector<std::string>>(value) : nullptr;
    return list != nullptr ? *list : std::vector<std::string>{};
}

std::optional<std::size_t> StatementContext::offset_of(Node node) const {
    const auto location = node.location();
    if (!location) {
        return std::nullopt;
    }
    const std::size_t offset = m_statement.file_offset(*location);
    if (offset < m_statement.span.begin || offset >= m_statement.span.end) {
        return std::nullopt;
    }
    return offset;
}

namespace {

// Index just past the literal, quoted identifier or comment starting at `i`, or `i` when none starts there.
std::size_t skip_opaque(std::string_view sql, std::size_t i) {
    const auto closing = [&](std::size_t from, std::string_view close) {
        const std::size_t found = sql.find(close, from);
        return found == std::string_view::npos ? sql.size() : found + close.size();
    };
    const char c = sql[i];
    if (c == '\'' || c == '"') {
        std::size_t j = i + 1;
        while (j < sql.size()) {
            if (sql[j] == c) {
                if (j + 1 < sql.size() && sql[j + 1] == c) {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            ++j;
        }
        return sql.size();
    }
    if (sql.substr(i, 2) == "--") {
        return closing(i, "\n");
    }
    if (sql.substr(i, 2) == "/*") {
        return closing(i + 2, "*/");
    }
    if (c == '$') {
        const std::size_t end = sql.find('$', i + 1);
        if (end != std::string_view::npos) {
            const std::string_view tag = sql.substr(i, end - i + 1);
            const bool is_tag = std::all_of(tag.begin() + 1, tag.end() - 1, [](char t) {
                return std::isalnum(static_cast<unsigned char>(t)) != 0 || t == '_';
            });
            if (is_tag) {
                return closing(end + 1, tag);
            }
        }
    }
    return i;
}

}  // namespace

std::optional<ByteSpan> StatementContext::parenthesized_after(std::size_t file_offset) const {
    const std::string_view sql = m_statement.sql;
    const std::size_t base = m_statement.span.begin;
    if (file_offset < base) {
        return std::nullopt;
    }
    std::size_t open = std::string_view::npos;
    int depth = 0;
    for (std::size_t i = file_offset - base; i < sql.size();) {
        if (const std::size_t next = skip_opaque(sql, i); next != i) {
            i = next;
            continue;
        }
        if (sql[i] == '(') {
            if (depth++ == 0) {
                open = i;
            }
        } else if (sql[i] == ')' && depth > 0 && --depth == 0) {
            return ByteSpan{base + open, base + i + 1};
        }
        ++i;
    }
    return std::nullopt;
}

std::size_t StatementContext::start_of_whitespace_before(std::size_t file_offset) const {
    const std::size_t base = m_statement.span.begin;
    if (file_offset < base || file_offset > m_statement.span.end) {
        return file_offset;
    }
    std::size_t i = file_offset - base;
    while (i > 0 && std::isspace(static_cast<unsigned char>(m_statement.sql[i - 1])) != 0) {
        --i;
    }
    return base + i;
}

std::optional<ByteSpan> StatementContext::column_constraint_span(Node column_def, std::size_t index,
                                                                 std::size_t limit) const {
    const std::vector<Node> constraints = column_def["constraints"].items();
    if (index >= constraints.size()) {
        return std::nullopt;
    }
    const auto begin = offset_of(constraints[index].as("Constraint"));
    if (!begin || limit > m_statement.span.end || limit < *begin) {
        return std::nullopt;
    }
    std::size_t end = limit;
    if (index + 1 < constraints.size()) {
        if (const auto next = offset_of(constraints[index + 1].as("Constraint")); next && *next > *begin) {
            end = *next;
        }
    }
    const std::size_t base = m_statement.span.begin;
    end = base + end_of_significant(m_statement.sql, *begin - base, end - base);
    return ByteSpan{start_of_whitespace_before(*begin), end};
}

std::string StatementContext::column_type_sql(Node column_def, std::size_t limit) const {
    const auto begin = offset_of(column_def["typeName"]);
    if (!begin) {
        return type_info(column_def["typeName"]).display();
    }
    std::size_t end = limit;
    if (const auto first = offset_of(column_def["constraints"].at(0).as("Constraint")); first && *first > *begin) {
        end = *first;
    }
    const std::size_t base = m_statement.span.begin;
    end = base + end_of_significant(m_statement.sql, *begin - base, std::min(end, m_statement.span.end) - base);
    return std::string{text_of(ByteSpan{*begin, end})};
}

std::string StatementContext::edited_sql(std::vector<TextEdit> edits) const {
    std::sort(edits.begin(), edits.end(),
              [](const TextEdit& a, const TextEdit& b) { return a.span.begin > b.span.begin; });
    std::string sql = m_statement.sql;
    const std::size_t base = m_statement.span.begin;
    for (const TextEdit& edit : edits) {
        if (edit.span.begin >= base && edit.span.end <= m_statement.span.end && edit.span.begin <= edit.span.end) {
            sql.replace(edit.span.begin - base, edit.span.size(), edit.text);
        }
    }
    return sql;
}

std::optional<std::string> StatementContext::without_subcommands(const std::vector<std::size_t>& removed,
                                                                 const std::vector<TextEdit>& edits) const {
    const std::size_t count = m_statement.content()["cmds"].size();
    std::string kept;
    for (std::size_t i = 0; i < count; ++i) {
        if (std::find(removed.begin(), removed.end(), i) != removed.end()) {
            continue;
        }
        const ByteSpan span = alter_subcommand_span(i);
        std::vector<TextEdit> inside;
        for (const TextEdit& edit : edits) {
            if (edit.span.begin >= span.begin && edit.span.end <= span.end) {
                inside.push_back(edit);
            }
        }
        std::sort(inside.begin(), inside.end(),
                  [](const TextEdit& a, const TextEdit& b) { return a.span.begin > b.span.begin; });
        std::string text{text_of(span)};
        for (const TextEdit& edit : inside) {
            text.replace(edit.span.begin - span.begin, edit.span.size(), edit.text);
        }
        kept += (kept.empty() ? "" : ", ") + text;
    }
    if (kept.empty() || count == 0) {
        return std::nullopt;
    }
    const ByteSpan first = alter_subcommand_span(0);
    return std::string{text_of(ByteSpan{m_statement.span.begin, first.begin})} + kept;
}

std::string_view StatementContext::text_of(ByteSpan span) const {
    const std::size_t base = m_statement.span.begin;
    if (span.begin < base || span.end > m_statement.span.end || span.begin > span.end) {
        return {};
    }
    return std::string_view{m_statement.sql}.substr(span.begin - base, span.size());
}

}  // namespace migsafe
